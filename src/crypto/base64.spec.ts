import fc from 'fast-check';
import { fromBase64Strict, toBase64 } from './base64';
import { getSodium, type Sodium } from './sodium';

describe('strict base64 for wire data', () => {
  let sodium: Sodium;
  beforeAll(async () => {
    sodium = await getSodium();
  });

  it('encodes exactly like libsodium (standard alphabet, padded) and decodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL));
        expect(fromBase64Strict(text)).toEqual(bytes);
      }),
    );
  });

  it('matches the RFC 4648 test vectors', () => {
    const vectors = ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy'];
    const plain = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'];
    vectors.forEach((text, i) => expect(Buffer.from(fromBase64Strict(text) as Uint8Array).toString()).toBe(plain[i]));
  });

  it('refuses every non-canonical or foreign spelling', () => {
    const refused = ['Zh==', 'Zm9=', 'Zg', 'Zg=', 'Z g==', 'Zg==\n', 'Zm9v_w==', 'Zm9v-w==', '====', 'Zg==Zg==', 'A===', 'Zm9\u00e9', 'Zm9v\u0100AAA'];
    for (const text of refused) expect([text, fromBase64Strict(text)]).toEqual([text, undefined]);
  });

  it('accepts exactly what libsodium accepts, for random short strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AZaz09+/=-_ '.split('')), maxLength: 12 }), (text) => {
        let sodiumAccepts = false;
        try {
          sodium.from_base64(text, sodium.base64_variants.ORIGINAL);
          sodiumAccepts = true;
        } catch {
          sodiumAccepts = false;
        }
        expect(fromBase64Strict(text) !== undefined).toBe(sodiumAccepts);
      }),
      { numRuns: 2000 },
    );
  });
});
