import fc from 'fast-check';
import { findUnacceptableEncodedPairs, findUnacceptableInput, nestsDeeperThan, unacceptableText } from './input-safety';

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === 'object' && value !== null) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('nestsDeeperThan', () => {
  it('agrees with the depth of the parsed value for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, limit) => {
        expect(nestsDeeperThan(utf8(JSON.stringify(value)), limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(utf8(JSON.stringify({ a: '[[[[{{{{\\"[[[[' })), 1)).toBe(false);
    expect(nestsDeeperThan(utf8('["\\"", [[1]]]'), 2)).toBe(true);
    expect(nestsDeeperThan(utf8('["\\\\", [[1]]]'), 2)).toBe(true);
  });

  it('scans 100,000 levels without recursion', () => {
    expect(nestsDeeperThan(utf8('['.repeat(100_000) + ']'.repeat(100_000)), 64)).toBe(true);
  });
});

describe('unacceptableText', () => {
  it('refuses NUL and unpaired surrogates, accepts everything else', () => {
    expect(unacceptableText('a\u0000b')).toMatch(/NUL/);
    expect(unacceptableText('\ud800')).toMatch(/surrogate/);
    expect(unacceptableText('x\udfffy')).toMatch(/surrogate/);
    expect(unacceptableText('😀 émigré \u0001\uffff')).toBeUndefined();
  });
});

describe('findUnacceptableInput', () => {
  it('names each offending field by dotted path, members and array items included', () => {
    const body = JSON.parse('{"name":"a\\u0000","wraps":[{"epoch":1},{"agency":"\\ud800"}],"ok":"fine"}') as unknown;
    expect(findUnacceptableInput(body)).toEqual([
      { field: 'name', messages: ['must not contain U+0000 (NUL)'] },
      { field: 'wraps.1.agency', messages: ['must be valid Unicode (it contains an unpaired UTF-16 surrogate)'] },
    ]);
  });

  it('refuses members named __proto__, constructor or prototype, at any depth', () => {
    const body = JSON.parse('{"__proto__":{"admin":true},"a":{"constructor":1,"b":[{"prototype":2}]}}') as unknown;
    expect(findUnacceptableInput(body).map((problem) => problem.field).sort()).toEqual(['__proto__', 'a.b.0.prototype', 'a.constructor']);
  });

  it('reports a refused member name on its parent, without echoing it', () => {
    const body = JSON.parse('{"outer":{"secret\\u0000name":1}}') as unknown;
    const problems = findUnacceptableInput(body);
    expect(problems).toEqual([{ field: 'outer', messages: ['a member name must not contain U+0000 (NUL)'] }]);
    expect(JSON.stringify(problems)).not.toContain('secret');
  });

  it('accepts ordinary input, and stops after 20 problems', () => {
    expect(findUnacceptableInput({ a: [1, 'b', null, { c: true }], d: '😀' })).toEqual([]);
    expect(findUnacceptableInput(Array.from({ length: 500 }, () => '\u0000'))).toHaveLength(20);
  });
});

describe('findUnacceptableEncodedPairs', () => {
  it('checks raw pairs, so a __proto__ field the parser would drop is refused', () => {
    expect(findUnacceptableEncodedPairs('grant_type=password&__proto__=x&username=a%00b')).toEqual([
      { field: '__proto__', messages: ['a member named __proto__ is not accepted'] },
      { field: 'username', messages: ['must not contain U+0000 (NUL)'] },
    ]);
    expect(findUnacceptableEncodedPairs('grant_type=client_credentials&client_id=x+y&scope=&flag')).toEqual([]);
  });

  it('refuses percent-encoded bytes that are not UTF-8 (an encoded surrogate, a cut sequence), which parsers turn into U+FFFD', () => {
    expect(findUnacceptableEncodedPairs('box=%ED%A0%80&cursor=%E0%A4&ok=%F0%9F%98%80')).toEqual([
      { field: 'box', messages: ['is not valid UTF-8 once percent-decoded'] },
      { field: 'cursor', messages: ['is not valid UTF-8 once percent-decoded'] },
    ]);
    expect(findUnacceptableEncodedPairs('%FF=1')).toEqual([{ field: '\ufffd', messages: ['the name is not valid UTF-8 once percent-decoded'] }]);
  });
});
