import fc from 'fast-check';

/**
 * Arbitrary JSON *text* for fuzzing the API: members and strings no JSON.stringify would produce
 * (`__proto__` members, NUL, unpaired surrogates), number literals beyond float64, nesting deeper
 * than any route accepts, and malformed text. Values are trees rendered by hand, so what is sent
 * is exactly what was generated.
 */

/** A number literal as written (`1e400`, `-0`, 30 digits). */
export class NumberLiteral {
  constructor(readonly text: string) {}
}

/** An object as a list of members: keys may repeat and may be `__proto__`. */
export class Members {
  constructor(readonly entries: readonly (readonly [string, FuzzJson])[]) {}
}

export type FuzzJson = null | boolean | string | NumberLiteral | FuzzJson[] | Members;

export function render(value: FuzzJson): string {
  if (value instanceof NumberLiteral) return value.text;
  if (value instanceof Members) return `{${value.entries.map(([key, member]) => `${JSON.stringify(key)}:${render(member)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(render).join(',')}]`;
  // JSON.stringify escapes an unpaired surrogate as \udxxx: the server decodes it back to one.
  return JSON.stringify(value);
}

const unpairedSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Strings that have broken services before, and plenty of ordinary ones. */
export function nastyString(known: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', '', ' ', 'null', '0', '-1', '1e400', '\u202e', '😀', 'x'.repeat(5000), ...FORBIDDEN_KEYS),
    fc.tuple(fc.string({ maxLength: 6 }), unpairedSurrogate, fc.string({ maxLength: 6 })).map(([before, half, after]) => before + half + after),
    fc.string({ unit: 'binary', maxLength: 24 }),
    fc.string({ maxLength: 24 }),
    fc.uuid(),
    fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4102444800000) }).map((date) => date.toISOString()),
    ...(known.length > 0 ? [fc.constantFrom(...known)] : []),
  );
}

export const numberLiteral: fc.Arbitrary<NumberLiteral> = fc
  .oneof(
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
    fc.constantFrom('1e400', '-1e400', '1e-400', '-0', '2147483648', '-2147483649', '9007199254740993', '123456789012345678901234567890', '1E308', '0.1e1'),
  )
  .map((text) => new NumberLiteral(text));

/** Any JSON value, keys drawn from `keys` (a route's members) and from the forbidden and nasty ones. */
export function jsonValue(keys: readonly string[], strings: fc.Arbitrary<string>): fc.Arbitrary<FuzzJson> {
  const key = fc.oneof(fc.constantFrom(...keys, ...FORBIDDEN_KEYS), strings);
  const leaf: fc.Arbitrary<FuzzJson> = fc.oneof(strings, numberLiteral, fc.boolean(), fc.constant(null));
  const { value } = fc.letrec<{ value: FuzzJson; array: FuzzJson[]; object: Members }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => new Members(entries)),
  }));
  return value;
}

export interface BodyShape {
  /** Members the route's body declares, with the values its schema names (enums), if any. */
  members: Record<string, readonly unknown[]>;
}

/**
 * Whole request bodies for a route: mostly its own members with hostile or plausible values (so
 * validation, not just parsing, is exercised), sometimes nested far too deep, sometimes any JSON
 * value at all, sometimes text that is not JSON.
 */
export function requestBody(shape: BodyShape, known: readonly string[]): fc.Arbitrary<string> {
  const names = Object.keys(shape.members);
  const strings = nastyString(known);
  const anyValue = jsonValue(names.length > 0 ? names : ['x'], strings);
  const memberValue = (name: string) => {
    const plausible = (shape.members[name] ?? []).map((value) => (typeof value === 'number' ? new NumberLiteral(String(value)) : (value as FuzzJson)));
    return plausible.length > 0 ? fc.oneof(fc.constantFrom(...plausible), anyValue) : anyValue;
  };
  const ownMembers = fc
    .tuple(
      fc.subarray(names).chain((chosen) => fc.tuple(...chosen.map((name) => memberValue(name).map((value) => [name, value] as const)))),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FORBIDDEN_KEYS), strings), anyValue), { maxLength: 2 }),
    )
    .map(([own, extra]) => render(new Members([...own, ...extra])));
  const deep = fc.tuple(fc.integer({ min: 65, max: 3000 }), fc.constantFrom(...(names.length > 0 ? names : ['x'])), fc.constantFrom('[]', '{}', '[{"a":')).map(([depth, name, kind]) => {
    const [open, close] = kind === '{}' ? ['{"a":', '}'] : kind === '[]' ? ['[', ']'] : ['[{"a":', '}]'];
    return `{${JSON.stringify(name)}:${open.repeat(depth)}1${close.repeat(depth)}}`;
  });
  const malformed = fc.tuple(ownMembers, fc.nat()).map(([text, cut]) => text.slice(0, cut % Math.max(1, text.length)) + ',');
  return fc.oneof({ arbitrary: ownMembers, weight: 6 }, { arbitrary: deep, weight: 1 }, { arbitrary: anyValue.map(render), weight: 2 }, { arbitrary: malformed, weight: 1 });
}

/** A parsed JSON value as a fuzz tree (numbers keep their literal). */
export function fromJson(value: unknown): FuzzJson {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return new NumberLiteral(JSON.stringify(value));
  if (Array.isArray(value)) return value.map(fromJson);
  return new Members(Object.entries(value as Record<string, unknown>).map(([key, member]) => [key, fromJson(member)] as const));
}

type Path = readonly (string | number)[];

function pathsOf(value: FuzzJson, path: Path = []): Path[] {
  const own: Path[] = [path];
  if (Array.isArray(value)) return [...own, ...value.flatMap((item, index) => pathsOf(item, [...path, index]))];
  if (value instanceof Members) return [...own, ...value.entries.flatMap(([key, member]) => pathsOf(member, [...path, key]))];
  return own;
}

type Mutation = { kind: 'replace'; value: FuzzJson } | { kind: 'add'; key: string; value: FuzzJson } | { kind: 'delete' };

function mutate(value: FuzzJson, path: Path, mutation: Mutation): FuzzJson {
  if (path.length === 0) {
    if (mutation.kind === 'replace') return mutation.value;
    if (mutation.kind === 'add' && value instanceof Members) return new Members([...value.entries, [mutation.key, mutation.value]]);
    return value;
  }
  const [step, ...rest] = path;
  if (Array.isArray(value)) {
    if (rest.length === 0 && mutation.kind === 'delete') return value.filter((_item, index) => index !== step);
    return value.map((item, index) => (index === step ? mutate(item, rest, mutation) : item));
  }
  if (value instanceof Members) {
    if (rest.length === 0 && mutation.kind === 'delete') return new Members(value.entries.filter(([key]) => key !== step));
    return new Members(value.entries.map(([key, member]) => [key, key === step ? mutate(member, rest, mutation) : member] as const));
  }
  return value;
}

/**
 * A valid body with one thing broken at a random place: a value replaced by a hostile one (NUL,
 * a surrogate, null, a huge number, a far too deep array), a forbidden or unknown member added,
 * a member removed. Validation passes more often than not, so services, the envelope verifier
 * and SQL see the damage.
 */
export function mutatedBody(valid: unknown, known: readonly string[]): fc.Arbitrary<string> {
  const tree = fromJson(valid);
  const paths = pathsOf(tree);
  const strings = nastyString(known);
  const hostile: fc.Arbitrary<FuzzJson> = fc.oneof(
    strings,
    numberLiteral,
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: 65, max: 1000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as FuzzJson),
    jsonValue(['x'], strings),
  );
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { arbitrary: hostile.map((value) => ({ kind: 'replace' as const, value })), weight: 6 },
    { arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...FORBIDDEN_KEYS), strings), hostile).map(([key, value]) => ({ kind: 'add' as const, key, value })), weight: 2 },
    { arbitrary: fc.constant({ kind: 'delete' as const }), weight: 1 },
  );
  return fc.tuple(fc.constantFrom(...paths), mutation).map(([path, change]) => render(mutate(tree, path, change)));
}
