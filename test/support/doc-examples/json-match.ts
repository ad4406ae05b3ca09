/**
 * Whether an actual answer matches the answer a document shows (decision 0059):
 * - `"…"` stands for any value (ids, times, tokens, whole sub-objects);
 * - a string with `…` in it stands for any string with the text around it (`"eyJ…"`, `"urn:…:not-found"`);
 * - an object shows some of the members: each shown member must be there and match; members it does
 *   not show may be there too;
 * - an array shows every element in order, unless its last element is `"…"` (then more may follow);
 * - anything else (numbers, booleans, null, plain strings) must be equal.
 */
export const ANY = '…';

/** The first difference, as `path: what`; undefined when the answer matches. */
export function jsonMismatch(shown: unknown, actual: unknown, path = '$'): string | undefined {
  if (shown === ANY) return undefined;
  if (typeof shown === 'string') return stringMismatch(shown, actual, path);
  if (Array.isArray(shown)) return arrayMismatch(shown, actual, path);
  if (shown !== null && typeof shown === 'object') return objectMismatch(shown as Record<string, unknown>, actual, path);
  return Object.is(shown, actual) ? undefined : `${path}: the document shows ${JSON.stringify(shown)}, the answer has ${describe(actual)}`;
}

function stringMismatch(shown: string, actual: unknown, path: string): string | undefined {
  if (typeof actual !== 'string') return `${path}: the document shows a string, the answer has ${describe(actual)}`;
  if (!shown.includes(ANY)) return shown === actual ? undefined : `${path}: the document shows ${JSON.stringify(shown)}, the answer has ${JSON.stringify(actual)}`;
  const pattern = new RegExp(`^${shown.split(ANY).map(escapeRegExp).join('[\\s\\S]*')}$`);
  return pattern.test(actual) ? undefined : `${path}: the document shows ${JSON.stringify(shown)}, the answer has ${JSON.stringify(actual)}`;
}

function arrayMismatch(shown: unknown[], actual: unknown, path: string): string | undefined {
  if (!Array.isArray(actual)) return `${path}: the document shows an array, the answer has ${describe(actual)}`;
  const open = shown.length > 0 && shown[shown.length - 1] === ANY;
  const elements = open ? shown.slice(0, -1) : shown;
  if (open ? actual.length < elements.length : actual.length !== elements.length) {
    return `${path}: the document shows ${elements.length}${open ? ' or more' : ''} elements, the answer has ${actual.length}`;
  }
  for (const [index, element] of elements.entries()) {
    const mismatch = jsonMismatch(element, actual[index], `${path}[${index}]`);
    if (mismatch) return mismatch;
  }
  return undefined;
}

function objectMismatch(shown: Record<string, unknown>, actual: unknown, path: string): string | undefined {
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${path}: the document shows an object, the answer has ${describe(actual)}`;
  for (const [name, value] of Object.entries(shown)) {
    if (!Object.hasOwn(actual, name)) return `${path}.${name}: the document shows it, the answer has no such member (it has ${Object.keys(actual).join(', ') || 'none'})`;
    const mismatch = jsonMismatch(value, (actual as Record<string, unknown>)[name], `${path}.${name}`);
    if (mismatch) return mismatch;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value) ?? typeof value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
