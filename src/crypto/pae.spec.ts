import fc from 'fast-check';
import { pae, paeDecode, paeLength } from './pae';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('PAE', () => {
  it('matches the PASETO reference encodings', () => {
    expect(hex(pae([]))).toBe('0000000000000000');
    expect(hex(pae(['']))).toBe('01000000000000000000000000000000');
    expect(hex(pae(['test']))).toBe('0100000000000000040000000000000074657374');
    expect(hex(pae(['Paragon']))).toBe('0100000000000000070000000000000050617261676f6e');
  });

  it('is injective where plain concatenation is not', () => {
    expect(hex(pae(['ab', 'c']))).not.toBe(hex(pae(['a', 'bc'])));
    expect(hex(pae(['a', '']))).not.toBe(hex(pae(['a'])));
  });

  it('decodes what it encodes, and its length is predictable', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), (pieces) => {
        const encoded = pae(pieces);
        expect(paeDecode(encoded).map(hex)).toEqual(pieces.map(hex));
        expect(encoded.length).toBe(paeLength(pieces.map((p) => p.length)));
      }),
    );
  });

  it('refuses truncated, overrunning or trailing input', () => {
    const encoded = pae(['record', 'agency']);
    expect(() => paeDecode(encoded.subarray(0, encoded.length - 1))).toThrow(RangeError);
    expect(() => paeDecode(new Uint8Array([...encoded, 0]))).toThrow(RangeError);
    expect(() => paeDecode(new Uint8Array(4))).toThrow(RangeError);
    const overrun = Uint8Array.from(encoded);
    overrun[8] = 0xff;
    expect(() => paeDecode(overrun)).toThrow(RangeError);
  });
});
