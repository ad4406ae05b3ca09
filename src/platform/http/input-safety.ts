import { type FieldProblem } from '../errors/problem-details';

/**
 * Checks every request runs at the edge, before validation and long before SQL: how deeply a JSON
 * body nests, and which strings and member names no route accepts (decision 0047).
 */

/** Deepest nesting of arrays and objects a JSON body may have. Envelopes, the deepest bodies, use 4. */
export const MAX_JSON_DEPTH = 64;

/** Member names that reach Object.prototype machinery in one library or another: refused, never dropped. */
export const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** At most this many problems are reported for one request (the rest are the same mistake). */
const MAX_PROBLEMS = 20;

/** In a `u` regular expression a surrogate pair is one code point, so this matches only unpaired halves. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * True when the UTF-8 JSON text nests arrays or objects deeper than `limit`. One pass, no
 * recursion, no allocation: a string is skipped with indexOf to its closing quote (bodies are
 * mostly base64 strings), and a multi-byte UTF-8 sequence never contains an ASCII byte, so
 * scanning bytes is exact. Malformed text is left to the parser.
 */
export function nestsDeeperThan(json: Uint8Array, limit: number): boolean {
  let depth = 0;
  let i = 0;
  while (i < json.length) {
    const byte = json[i];
    if (byte === QUOTE) {
      i = afterString(json, i + 1);
      continue;
    }
    if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth -= 1;
    }
    i += 1;
  }
  return false;
}

/** The index after the quote that closes the string whose content starts at `from` (or the end). */
function afterString(json: Uint8Array, from: number): number {
  let searchFrom = from;
  for (;;) {
    const quote = json.indexOf(QUOTE, searchFrom);
    if (quote < 0) return json.length;
    let backslashes = 0;
    while (quote - backslashes - 1 >= searchFrom && json[quote - backslashes - 1] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    searchFrom = quote + 1;
  }
}

/** Why a string is refused, or undefined when it is acceptable. */
export function unacceptableText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain U+0000 (NUL)';
  if (UNPAIRED_SURROGATE.test(text)) return 'must be valid Unicode (it contains an unpaired UTF-16 surrogate)';
  return undefined;
}

function join(path: string, member: string): string {
  return path === '' ? member : `${path}.${member}`;
}

interface Pending {
  value: unknown;
  path: string;
}

/**
 * Every string and member name in `value` (a parsed body or query), walked without recursion.
 * Fields are named by dotted path as validation errors are (`wraps.2.epoch`); a member name that
 * is itself refused is reported on its parent, so a rejected value is never echoed.
 */
export function findUnacceptableInput(value: unknown, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: Pending[] = [{ value, path: root }];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: current, path } = pending.pop() as Pending;
    if (typeof current === 'string') {
      const reason = unacceptableText(current);
      if (reason) problems.push({ field: path || '(body)', messages: [reason] });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) pending.push({ value: current[i], path: join(path, String(i)) });
    } else if (typeof current === 'object' && current !== null) {
      const members = Object.keys(current).reverse();
      for (const member of members) {
        const problem = memberProblem(member, path);
        if (problem) problems.push(problem);
        else pending.push({ value: (current as Record<string, unknown>)[member], path: join(path, member) });
      }
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function memberProblem(member: string, path: string): FieldProblem | undefined {
  if (FORBIDDEN_MEMBERS.has(member)) return { field: join(path, member), messages: [`a member named ${member} is not accepted`] };
  const reason = unacceptableText(member);
  return reason ? { field: path || '(body)', messages: [`a member name ${reason}`] } : undefined;
}

function decoded(component: string): string | undefined {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Percent-encoded pairs (a query string, an application/x-www-form-urlencoded body), checked raw:
 * parsers silently drop a `__proto__` field and turn bytes that are not UTF-8 into U+FFFD.
 */
export function findUnacceptableEncodedPairs(encoded: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const pair of encoded.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const [rawName, rawValue] = separator < 0 ? [pair, ''] : [pair.slice(0, separator), pair.slice(separator + 1)];
    const name = decoded(rawName);
    const value = decoded(rawValue);
    // A name that does not decode is named as the lenient decoder reads it (U+FFFD for bad bytes).
    const field = name ?? new URLSearchParams(`${rawName}=`).keys().next().value ?? '(unnamed)';
    const problem =
      name === undefined
        ? { field, messages: ['the name is not valid UTF-8 once percent-decoded'] }
        : (memberProblem(name, '') ??
          (value === undefined ? { field, messages: ['is not valid UTF-8 once percent-decoded'] } : reasonProblem(field, unacceptableText(value))));
    if (problem) problems.push(problem);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}

function reasonProblem(field: string, reason: string | undefined): FieldProblem | undefined {
  return reason ? { field, messages: [reason] } : undefined;
}
