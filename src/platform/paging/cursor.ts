import { UnprocessableError } from '../errors/domain-error';
import { isUuid } from '../../crypto/identifiers';

/**
 * The one cursor format of every cursor-paginated listing (cases, referrals, shared notes,
 * events): opaque to clients, versioned, naming its listing, and carrying the keyset position
 * exactly — a time to the microsecond as PostgreSQL stores it (a JS Date keeps only
 * milliseconds, and rows that shared the last row's millisecond were lost between pages).
 *
 * A cursor grants nothing: every listing's query is scoped to the caller's agency whatever
 * position it is given, so a cursor is checked for being well formed (each field parsed strictly,
 * so PostgreSQL never sees a value it would refuse) rather than signed. Decision 0051.
 */

/** What a position field holds. */
export type CursorField = 'time' | 'uuid' | 'bigint';

export type Position<F extends Record<string, CursorField>> = { [K in keyof F]: string };

export interface CursorCodec<F extends Record<string, CursorField>> {
  encode(position: Position<F>): string;
  /** Throws InvalidCursorError (422 naming the query parameter) for anything this codec did not issue. */
  decode(cursor: string): Position<F>;
}

export class InvalidCursorError extends UnprocessableError {
  constructor(parameter: string) {
    super([{ field: parameter, messages: [`${parameter} must be a cursor returned by this endpoint`] }], 'The cursor is not valid.');
  }
}

const VERSION = '1';
const SEPARATOR = '|';
const MAX_BIGINT = 2n ** 63n - 1n;

/** Exactly what the repositories' exact-time SQL answers: UTC, six fractional digits. */
const TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{3})\d{3}Z$/;
const BIGINT = /^(0|[1-9]\d{0,18})$/;

const VALID: Record<CursorField, (value: string) => boolean> = {
  time: (value) => {
    const match = TIME.exec(value);
    if (!match) return false;
    // Date.parse accepts 30 February; a date that does not round-trip is not a real one.
    const millis = `${match[1]}.${match[2]}Z`;
    const parsed = new Date(millis);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === millis;
  },
  uuid: (value) => isUuid(value),
  bigint: (value) => BIGINT.test(value) && BigInt(value) <= MAX_BIGINT,
};

/**
 * `listing` names the listing inside the cursor (a cursor of another listing is refused);
 * `fields` are the keyset columns in order; `parameter` is the query parameter that carries it.
 * `legacy` decodes a format an earlier release issued, where clients may have kept one.
 */
export function cursorCodec<const F extends Record<string, CursorField>>(
  listing: string,
  fields: F,
  options: { parameter?: string; legacy?: (decoded: string) => Position<F> | null } = {},
): CursorCodec<F> {
  const names = Object.keys(fields) as (keyof F & string)[];
  const parameter = options.parameter ?? 'cursor';
  return {
    encode(position) {
      const values = names.map((name) => position[name]);
      for (const [index, value] of values.entries()) {
        if (!VALID[fields[names[index]]](value)) throw new Error(`cursor field ${names[index]} of ${listing} is not a ${fields[names[index]]}: ${value}`);
      }
      return Buffer.from([VERSION, listing, ...values].join(SEPARATOR)).toString('base64url');
    },
    decode(cursor) {
      const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
      const [version, name, ...values] = decoded.split(SEPARATOR);
      if (version === VERSION && name === listing && values.length === names.length && values.every((value, index) => VALID[fields[names[index]]](value))) {
        return Object.fromEntries(names.map((field, index) => [field, values[index]])) as Position<F>;
      }
      const earlier = decoded ? options.legacy?.(decoded) : null;
      if (earlier && names.every((field) => VALID[fields[field]](earlier[field]))) return earlier;
      throw new InvalidCursorError(parameter);
    },
  };
}
