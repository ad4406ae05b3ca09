import { type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { nothing, pipeline, type PipelineClient, type Statement, statement } from './statement';

interface OpenTransaction {
  client: PipelineClient;
  /**
   * What runs last, just before COMMIT and in its round trip: per channel, the items queued so far
   * and how to build the one statement that writes them.
   */
  tail: Map<object, { items: unknown[]; build: (items: unknown[]) => Statement<void> }>;
  /** Log entries were queued and not integrated in the transaction: integrate them after COMMIT. */
  unintegrated: boolean;
}

const open = new WeakMap<EntityManager, OpenTransaction>();

const COMMIT = statement('COMMIT', [], (_rows, command) => {
  // COMMIT of a transaction that had failed answers ROLLBACK instead of an error.
  if (command !== 'COMMIT') throw new Error(`the transaction was rolled back at COMMIT (${command})`);
});

/**
 * Folds the committed queue of log entries into the tree (decision 0036) and answers the index of
 * the last entry this connection queued, if any. Run on the connection that queued them: the ticket
 * is kept in its session.
 */
const INTEGRATE = statement('SELECT ccr_ledger_integrate() AS idx', [], indexOf);

/**
 * Just before COMMIT: if the log's lock is free at once, folds what the transaction queued (and
 * every committed queued entry) inside it, so the act commits once and the INTEGRATE after its
 * COMMIT answers from the tree without writing; if busy, answers null at once and leaves the fold
 * to that INTEGRATE (decision 0168). It never waits: the transaction may hold row locks.
 */
const TRY_INTEGRATE = statement('SELECT ccr_ledger_try_integrate() AS idx', [], indexOf);

const BEGIN = statement('BEGIN', [], nothing);

function indexOf(rows: Record<string, unknown>[]): number | null {
  return rows[0].idx === null ? null : Number(rows[0].idx);
}

/**
 * Every transaction of the service. They run at READ COMMITTED, which the disclosure log requires
 * (its integration and the event feed wait for the log's lock and must read the state after the
 * wait; the database refuses anything else): the level is the session default set at connection
 * (runtimeDataSourceOptions).
 *
 * Round trips are what a request costs here (each wakes the event loop and both processes), so:
 * BEGIN is sent without waiting for its answer (pipeline mode keeps everything after it in order);
 * what queueAtCommit() holds, the COMMIT itself and the integration of the log entries the
 * transaction queued travel in one round trip after `work`.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PipelineClient;
  const transaction: OpenTransaction = { client, tail: new Map(), unintegrated: false };
  open.set(runner.manager, transaction);
  let settled = false;
  try {
    const begun = client.query('BEGIN');
    begun.catch(() => undefined); // awaited below, before COMMIT; until then its failure fails all that follows
    markActive(runner, true);
    const result = await work(runner.manager);
    await begun;
    const last = drainTail(transaction);
    // The act's entries are in the log before it answers: integrated in the round trip of its COMMIT.
    await pipeline(client, transaction.unintegrated ? [...last, TRY_INTEGRATE, COMMIT, INTEGRATE] : [...last, COMMIT]);
    settled = true;
    return result;
  } catch (error) {
    if (!settled) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    markActive(runner, false);
    await runner.release();
  }
}

/**
 * Runs the statements together in one round trip (see pipeline()): in the manager's transaction,
 * or — outside one — on a connection taken for the purpose, each statement then its own
 * transaction, except that statements which queue log entries commit together, with their entries
 * and (lock permitting) their fold: see loggedAlone().
 */
export async function pipelined<S extends readonly Statement<unknown>[]>(manager: EntityManager, statements: S): ReturnType<typeof pipeline<S>> {
  const transaction = open.get(manager);
  if (transaction) {
    noteAppends(transaction, statements);
    return pipeline(transaction.client, statements);
  }
  if (!statements.some((each) => each.appendsToLog)) return onOwnConnection(manager, (client) => pipeline(client, statements));
  return (await loggedAlone(manager, statements)).results;
}

/**
 * Runs a statement that queues log entries and answers the log index of the last one. Outside a
 * transaction it commits on its own and is integrated in the same round trip; inside one, the
 * entries are integrated in the transaction (the log's lock is then held until its COMMIT).
 */
export async function runLogged<T>(manager: EntityManager, prepared: Statement<T>): Promise<{ result: T; logIndex: number }> {
  const transaction = open.get(manager);
  let answered: { result: T; logIndex: number | null };
  if (transaction) {
    const [result, logIndex] = await pipeline(transaction.client, [prepared, INTEGRATE] as const);
    transaction.unintegrated = false;
    answered = { result, logIndex };
  } else {
    const { results, logIndex } = await loggedAlone(manager, [prepared] as const);
    answered = { result: results[0], logIndex };
  }
  if (answered.logIndex === null) throw new Error('the statement queued no log entry');
  return answered as { result: T; logIndex: number };
}

/**
 * Statements that queue log entries, outside a transaction: one transaction for them and, when the
 * log's lock is free, the fold of their entries, then the integration that answers the index — all
 * in one round trip (decision 0168). A failing statement is what pipeline() throws (the first
 * failure in order); the statements after it fail with it, and COMMIT then answers ROLLBACK, so the
 * connection goes back to the pool outside any transaction.
 */
async function loggedAlone<S extends readonly Statement<unknown>[]>(
  manager: EntityManager,
  statements: S,
): Promise<{ results: Awaited<ReturnType<typeof pipeline<S>>>; logIndex: number | null }> {
  const answers: unknown[] = await onOwnConnection(manager, (client) => pipeline(client, [BEGIN, ...statements, TRY_INTEGRATE, COMMIT, INTEGRATE]));
  const results = answers.slice(1, 1 + statements.length) as unknown as Awaited<ReturnType<typeof pipeline<S>>>;
  return { results, logIndex: answers[answers.length - 1] as number | null };
}

/**
 * Integrates, inside the manager's transaction, every committed queued entry and what the
 * transaction queued so far, and answers the index of its last entry (null if it queued none). The
 * log stays locked until COMMIT.
 */
export async function integrateInTransaction(manager: EntityManager): Promise<number | null> {
  const transaction = open.get(manager);
  if (!transaction) throw new Error('integrateInTransaction() outside a transaction');
  const statements: Statement<unknown>[] = [...drainTail(transaction), INTEGRATE];
  const results: unknown[] = await pipeline(transaction.client, statements);
  const logIndex = results[results.length - 1] as number | null;
  transaction.unintegrated = false;
  return logIndex;
}

/**
 * Brings every committed queued entry into the tree: in the manager's transaction if it is in one
 * (the log then stays locked until its COMMIT), else in a transaction of its own.
 */
export async function integrateQueued(manager: EntityManager): Promise<void> {
  if (open.has(manager)) await integrateInTransaction(manager);
  else await onOwnConnection(manager, (client) => pipeline(client, [INTEGRATE]));
}

async function onOwnConnection<T>(manager: EntityManager, work: (client: PipelineClient) => Promise<T>): Promise<T> {
  const runner = manager.connection.createQueryRunner();
  try {
    return await work((await runner.connect()) as PipelineClient);
  } finally {
    await runner.release();
  }
}

/** Runs one statement: in the manager's transaction, or on its own outside one. */
export async function run<T>(manager: EntityManager, prepared: Statement<T>): Promise<T> {
  const [result] = await pipelined(manager, [prepared] as const);
  return result;
}

/**
 * Writes `item` at the end of the manager's transaction, in COMMIT's round trip — or at once when
 * the manager is not in one (an autocommit write). Every item queued on `channel` until then joins
 * one statement, built by `build`: one call for all the log entries (or events) of an act.
 *
 * Log entries and agency events go here, to travel in one statement each and in COMMIT's round
 * trip.
 */
export async function queueAtCommit<T>(manager: EntityManager, channel: object, item: T, build: (items: T[]) => Statement<void>): Promise<void> {
  const transaction = open.get(manager);
  if (!transaction) return run(manager, build([item]));
  const queued = transaction.tail.get(channel);
  if (queued) queued.items.push(item);
  else transaction.tail.set(channel, { items: [item], build: build as (items: unknown[]) => Statement<void> });
}

function drainTail(transaction: OpenTransaction): Statement<void>[] {
  const tail = [...transaction.tail.values()].map(({ items, build }) => build(items));
  transaction.tail.clear();
  noteAppends(transaction, tail);
  return tail;
}

function noteAppends(transaction: OpenTransaction, statements: readonly Statement<unknown>[]): void {
  if (statements.some((each) => each.appendsToLog)) transaction.unintegrated = true;
}

/**
 * TypeORM's own view of the transaction: anything that calls startTransaction() on this runner
 * then nests (a savepoint) instead of committing ours.
 */
function markActive(runner: QueryRunner, active: boolean): void {
  Object.assign(runner, { isTransactionActive: active, transactionDepth: active ? 1 : 0 });
}
