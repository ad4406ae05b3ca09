import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Agency events are sequenced by the log's integration, like the log's entries (decision 0037).
 *
 * Before, ccr_publish_event() took the log's lock and held it until its transaction committed, so
 * that positions followed commit order (decision 0023). Since the sequencer (decision 0036) no act
 * holds that lock through its COMMIT but these, so every act that publishes an event serialized
 * with the others and with the integrations, each waiting out the others' commit flushes.
 *
 * Now an event is written without a position (not yet in the feed), in its act's transaction; the
 * next integration — already run after every act that queued a log entry or published an event —
 * gives every committed unsequenced event one new position from `agency_event_position`, under the
 * log's lock. A later integration can only take a larger value, so the feed, ordered by
 * (position, id), still never skips an event that commits late. The sequence starts above every
 * position given so far (tree sizes), so cursors agencies already hold stay valid.
 *
 * The three functions are edited in place, one statement each, as the log's lock was added
 * (LedgerAdvisoryLock); `down` restores them.
 */
export class EventsSequencedByTheLog1795254000000 implements MigrationInterface {
  name = 'EventsSequencedByTheLog1795254000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE agency_event_position AS bigint`);
    await queryRunner.query(`REVOKE ALL ON SEQUENCE agency_event_position FROM PUBLIC`);
    await queryRunner.query(
      `SELECT setval('agency_event_position',
                     greatest((SELECT coalesce(max(position), 0) FROM agency_events), (SELECT tree_size FROM ledger_state WHERE id = 1)) + 1,
                     false)`,
    );
    await queryRunner.query(`ALTER TABLE agency_events ALTER COLUMN position DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX agency_events_unsequenced ON agency_events (id) WHERE position IS NULL`);
    for (const edit of EDITS) await replaceInFunction(queryRunner, edit.signature, edit.before, edit.after);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Positions the events still waiting, so the column can be NOT NULL again.
    await queryRunner.query(`SELECT ccr_ledger_integrate()`);
    for (const edit of EDITS) await replaceInFunction(queryRunner, edit.signature, edit.after, edit.before);
    await queryRunner.query(`DROP INDEX agency_events_unsequenced`);
    await queryRunner.query(`ALTER TABLE agency_events ALTER COLUMN position SET NOT NULL`);
    await queryRunner.query(`DROP SEQUENCE agency_event_position`);
  }
}

const EDITS = [
  {
    signature: 'ccr_publish_event(uuid, text, uuid, uuid, uuid, uuid)',
    before: `  PERFORM pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0));
  SELECT tree_size INTO pos FROM ledger_state WHERE id = 1 FOR UPDATE;`,
    after: `  -- No position yet: the log's next integration gives it one (decision 0037).
  pos := NULL;`,
  },
  {
    signature: 'ccr_ledger_fold()',
    before: `  RETURN cardinality(folded);`,
    after: `  -- Every event committed so far takes one new position: the subquery runs once, and only if
  -- there is an event to sequence. A later fold, after this one commits, can only take more.
  UPDATE agency_events SET position = (SELECT nextval('agency_event_position')) WHERE position IS NULL;
  RETURN cardinality(folded);`,
  },
  {
    signature: 'ccr_ledger_integrate()',
    before: `  ELSIF NOT EXISTS (SELECT 1 FROM ledger_queue) THEN`,
    after: `  ELSIF NOT EXISTS (SELECT 1 FROM ledger_queue) AND NOT EXISTS (SELECT 1 FROM agency_events WHERE position IS NULL) THEN`,
  },
];

/** Rewrites a function's definition, refusing unless `from` occurs in it exactly once. */
async function replaceInFunction(queryRunner: QueryRunner, signature: string, from: string, to: string): Promise<void> {
  const rows = (await queryRunner.query(`SELECT pg_get_functiondef($1::regprocedure) AS definition`, [signature])) as { definition: string }[];
  const definition = rows[0].definition;
  const occurrences = definition.split(from).length - 1;
  if (occurrences !== 1) throw new Error(`${signature}: expected the statement to replace once, found it ${occurrences} times`);
  await queryRunner.query(definition.replace(from, to));
}
