import { utf8 } from './bytes';
import { isPlainRecord } from './identifiers';

/** Values canonical JSON can represent; anything else (undefined, NaN, Date, Map...) is refused. */
export type CanonicalJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalJsonValue[]
  | { readonly [key: string]: CanonicalJsonValue };

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

const MAX_DEPTH = 64;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * RFC 8785 (JCS) style serialisation: object keys sorted by UTF-16 code units, no whitespace,
 * ECMAScript number formatting. Refusing ambiguous inputs (undefined, non-finite numbers,
 * lone surrogates, non-plain objects) is what makes a signature over the output meaningful:
 * two parties that accept the same value always produce the same bytes.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', 0);
}

export function canonicalJsonBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}

function serialize(value: unknown, path: string, depth: number): string {
  if (depth > MAX_DEPTH) throw new CanonicalJsonError(`${path}: nesting deeper than ${MAX_DEPTH}`);
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return serializeNumber(value, path);
  if (typeof value === 'string') return serializeString(value, path);
  if (Array.isArray(value)) return serializeArray(value, path, depth);
  if (isPlainRecord(value)) return serializeObject(value, path, depth);
  throw new CanonicalJsonError(`${path}: ${describe(value)} is not representable in canonical JSON`);
}

function serializeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: non-finite number`);
  // JSON.stringify implements the ECMAScript Number-to-String algorithm RFC 8785 mandates (and -0 → 0).
  return JSON.stringify(value);
}

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(`${path}: string contains a lone surrogate`);
  return JSON.stringify(value);
}

function serializeArray(values: readonly unknown[], path: string, depth: number): string {
  const items: string[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!(i in values)) throw new CanonicalJsonError(`${path}[${i}]: sparse array hole`);
    items.push(serialize(values[i], `${path}[${i}]`, depth + 1));
  }
  return `[${items.join(',')}]`;
}

function serializeObject(object: Record<string, unknown>, path: string, depth: number): string {
  const keys = Object.keys(object).sort();
  const members = keys.map((key) => {
    const child = `${path}.${key}`;
    return `${serializeString(key, child)}:${serialize(object[key], child, depth + 1)}`;
  });
  return `{${members.join(',')}}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
