import { createHash } from 'node:crypto';
import { QueryFailedError } from 'typeorm';

/**
 * One SQL statement a repository prepares — text, parameters, how to read its rows, how to name
 * its failures — so that a service can run it alone or pipelined with others (pipelined()):
 * repositories keep their SQL, services decide what travels together.
 */
export interface Statement<T> {
  readonly text: string;
  readonly values: readonly unknown[];
  /** Reads the rows; `command` is the statement's command tag (e.g. COMMIT answers ROLLBACK when the transaction had failed). */
  readonly read: (rows: Record<string, unknown>[], command: string) => T;
  /** Turns a failure of this statement (a QueryFailedError) into the module's typed error. */
  readonly mapError?: (error: QueryFailedError) => unknown;
  /**
   * The statement queues disclosure-log entries (decision 0036): the transaction runner integrates
   * them into the log before the act answers — inside its transaction when the log's lock is free
   * (decision 0168), else once they are committed.
   */
  readonly appendsToLog?: boolean;
}

/** The minimum of node-postgres' client that a pipeline uses. */
export interface PipelineClient {
  query(query: { text: string; values: unknown[]; name: string } | string): Promise<{ rows: Record<string, unknown>[]; command: string }>;
  readonly connection: { readonly stream: { cork(): void; uncork(): void } };
}

type Results<S extends readonly Statement<unknown>[]> = { [K in keyof S]: S[K] extends Statement<infer T> ? T : never };

export function statement<T>(text: string, values: readonly unknown[], read: Statement<T>['read'], mapError?: Statement<T>['mapError']): Statement<T> {
  return { text, values, read, mapError };
}

/** A statement that queues disclosure-log entries (see Statement.appendsToLog). */
export function logAppend<T>(text: string, values: readonly unknown[], read: Statement<T>['read'], mapError?: Statement<T>['mapError']): Statement<T> {
  return { text, values, read, mapError, appendsToLog: true };
}

/** Rows as the repository's row type: node-postgres returns what the SELECT list names. */
export const rowsAs =
  <R>() =>
  (rows: Record<string, unknown>[]): R[] =>
    rows as R[];

export const firstRowAs =
  <R>() =>
  (rows: Record<string, unknown>[]): R | null =>
    (rows[0] as R | undefined) ?? null;

export const nothing = (): void => undefined;

const names = new Map<string, string>();

/**
 * Every statement is a named prepared statement, parsed and planned once per connection: planning
 * the policy's and the log's larger statements cost more than running them.
 */
function preparedName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `ccr_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Sends every statement in one write and waits once for all the answers: the database runs them
 * in order, each with its own snapshot (READ COMMITTED), exactly as if they were sent one by one —
 * but one round trip instead of n. Needs a client in pipeline mode; the first failure (in order)
 * is thrown, mapped by its statement, and in a transaction the later statements fail with it.
 */
export async function pipeline<S extends readonly Statement<unknown>[]>(client: PipelineClient, statements: S): Promise<Results<S>> {
  const { stream } = client.connection;
  stream.cork();
  const answers = statements.map((prepared) => client.query({ text: prepared.text, values: [...prepared.values], name: preparedName(prepared.text) }));
  stream.uncork();
  const settled = await Promise.allSettled(answers);
  settled.forEach((outcome, index) => {
    if (outcome.status === 'rejected') {
      const prepared = statements[index];
      const failure = new QueryFailedError<Error>(prepared.text, [...prepared.values], outcome.reason as Error);
      throw prepared.mapError ? prepared.mapError(failure) : failure;
    }
  });
  return settled.map((outcome, index) => {
    const { rows, command } = (outcome as PromiseFulfilledResult<{ rows: Record<string, unknown>[]; command: string }>).value;
    return statements[index].read(rows, command);
  }) as Results<S>;
}
