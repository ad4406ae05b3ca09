import fc from 'fast-check';
import { canonicalJson, CanonicalJsonError } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts keys, drops whitespace and formats numbers like RFC 8785', () => {
    expect(canonicalJson({ b: [1, 2.5, -0, 1e21], a: { d: true, c: null }, '€': 'x' })).toBe(
      '{"a":{"c":null,"d":true},"b":[1,2.5,0,1e+21],"€":"x"}',
    );
    expect(canonicalJson('line\nbreak "q" \u0007')).toBe('"line\\nbreak \\"q\\" \\u0007"');
  });

  it('sorts by UTF-16 code units, as RFC 8785 requires', () => {
    expect(canonicalJson({ '\u{1F600}': 1, '\uFB33': 2 })).toBe('{"\u{1F600}":1,"\uFB33":2}');
  });

  it('refuses what has no single canonical form', () => {
    const refused: unknown[] = [undefined, NaN, Infinity, { a: undefined }, [1, undefined], new Date(0), new Map(), 10n, () => 1, '\uD800'];
    for (const value of refused) expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => canonicalJson([1, , 3])).toThrow(CanonicalJsonError);
  });

  it('is independent of key insertion order and round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
      }),
    );
  });
});
