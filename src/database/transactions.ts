import { type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { pipeline, type PipelineClient, type Statement, statement } from './statement';

interface OpenTransaction {
  client: PipelineClient;
  /**
   * What runs last, just before COMMIT and in its round trip: per channel, the items queued so far
   * and how to build the one statement that writes them.
   */
  tail: Map<object, { items: unknown[]; build: (items: unknown[]) => Statement<void> }>;
}

const open = new WeakMap<EntityManager, OpenTransaction>();

const COMMIT = statement('COMMIT', [], (_rows, command) => {
  // COMMIT of a transaction that had failed answers ROLLBACK instead of an error.
  if (command !== 'COMMIT') throw new Error(`the transaction was rolled back at COMMIT (${command})`);
});

/**
 * Every transaction of the service. They run at READ COMMITTED, which the disclosure log requires
 * (its append waits for the log's lock and must read the state after the wait; the database refuses
 * anything else): the level is the session default set at connection (runtimeDataSourceOptions).
 *
 * Round trips are what a request costs here (each wakes the event loop and both processes), so:
 * BEGIN is sent without waiting for its answer (pipeline mode keeps everything after it in order);
 * what queueAtCommit() holds and the COMMIT itself travel in one round trip after `work`.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PipelineClient;
  const transaction: OpenTransaction = { client, tail: new Map() };
  open.set(runner.manager, transaction);
  let settled = false;
  try {
    const begun = client.query('BEGIN');
    begun.catch(() => undefined); // awaited below, before COMMIT; until then its failure fails all that follows
    markActive(runner, true);
    const result = await work(runner.manager);
    await begun;
    await pipeline(client, [...drainTail(transaction), COMMIT]);
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
 * transaction.
 */
export async function pipelined<S extends readonly Statement<unknown>[]>(manager: EntityManager, statements: S): ReturnType<typeof pipeline<S>> {
  const transaction = open.get(manager);
  if (transaction) return pipeline(transaction.client, statements);
  const runner = manager.connection.createQueryRunner();
  try {
    return await pipeline((await runner.connect()) as PipelineClient, statements);
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
 * Writes that take the disclosure log's lock go here: that one lock (decision 0034) serializes every
 * writer of every API process until commit, so it is taken in the last moments of a transaction.
 */
export async function queueAtCommit<T>(manager: EntityManager, channel: object, item: T, build: (items: T[]) => Statement<void>): Promise<void> {
  const transaction = open.get(manager);
  if (!transaction) return run(manager, build([item]));
  const queued = transaction.tail.get(channel);
  if (queued) queued.items.push(item);
  else transaction.tail.set(channel, { items: [item], build: build as (items: unknown[]) => Statement<void> });
}

/** Runs what is queued for the end of the transaction now (the log's lock is then held until commit). */
export async function runCommitSteps(manager: EntityManager): Promise<void> {
  const transaction = open.get(manager);
  if (transaction) await pipeline(transaction.client, drainTail(transaction));
}

function drainTail(transaction: OpenTransaction): Statement<void>[] {
  const tail = [...transaction.tail.values()].map(({ items, build }) => build(items));
  transaction.tail.clear();
  return tail;
}

/**
 * TypeORM's own view of the transaction: anything that calls startTransaction() on this runner
 * then nests (a savepoint) instead of committing ours.
 */
function markActive(runner: QueryRunner, active: boolean): void {
  Object.assign(runner, { isTransactionActive: active, transactionDepth: active ? 1 : 0 });
}
