import { stdSerializers } from 'pino';

/**
 * What the log keeps of an error. A failed query's error carries the query's parameters (TypeORM's
 * QueryFailedError copies them in), and PostgreSQL's message and detail quote the offending value
 * (`invalid input syntax for type uuid: "…"`, `Key (username)=(…) already exists`): ids at best,
 * survivor data or a secret at worst. So a database error is logged by its SQLSTATE, the names
 * PostgreSQL gives (constraint, table, column, routine) and the statement text — ours, with `$n`
 * placeholders — never by its message, detail or parameters (decision 0047).
 */

/** Members of a PostgreSQL error that name things and never carry a value. */
const DATABASE_NAMES = ['severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;
/** Members no logged error may keep, whatever its type: they can hold request data. */
const NEVER_LOGGED = ['parameters', 'driverError', 'detail', 'where', 'hint', 'internalQuery', 'body', 'query'];
const MAX_QUERY_LENGTH = 500;

type Serialized = Record<string, unknown>;

/** A pg DatabaseError, or TypeORM's QueryFailedError around one. */
function isDatabaseError(error: Error): boolean {
  const fields = error as unknown as Record<string, unknown>;
  return 'driverError' in fields || (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && 'severity' in fields);
}

/** The stack's frames only: its first line repeats the message. */
function framesOf(stack: string | undefined): string | undefined {
  return stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n');
}

function databaseError(error: Error): Serialized {
  const fields = error as unknown as Record<string, unknown>;
  const serialized: Serialized = { type: error.constructor?.name ?? error.name, sqlState: fields.code };
  for (const name of DATABASE_NAMES) if (typeof fields[name] === 'string') serialized[name] = fields[name];
  if (typeof fields.query === 'string') serialized.statement = fields.query.slice(0, MAX_QUERY_LENGTH);
  serialized.stack = framesOf(error.stack);
  return serialized;
}

/**
 * pino's `err` serializer for every log line. Other errors keep pino's standard shape minus members
 * that can hold request data; causes are serialized by the same rules (pino's own serializer
 * would fold a cause's message into the outer message and stack).
 */
export function serializeError(given: unknown, depth = 0): unknown {
  // pino-http hands custom serializers pino's own serialization, which keeps the error as `raw`.
  const error = given instanceof Error ? given : (given as { raw?: unknown } | null)?.raw;
  if (!(error instanceof Error)) return given;
  if (isDatabaseError(error)) return databaseError(error);
  const serialized = stdSerializers.err(error) as unknown as Serialized;
  for (const name of NEVER_LOGGED) delete serialized[name];
  serialized.message = error.message;
  serialized.stack = error.stack;
  if (depth < 5 && error.cause !== undefined) serialized.cause = serializeError(error.cause, depth + 1);
  if (depth < 5 && error instanceof AggregateError) serialized.aggregateErrors = error.errors.map((each: unknown) => serializeError(each, depth + 1));
  return serialized;
}
