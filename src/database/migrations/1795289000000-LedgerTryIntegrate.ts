import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A logged act folds its own entries inside its own transaction when the log's lock is free, so it
 * commits once instead of twice (decision 0168).
 *
 * `ccr_ledger_try_integrate()` runs just before the act's COMMIT. If the log's lock is free at once
 * (`pg_try_advisory_xact_lock`), it calls `ccr_ledger_integrate()` holding it — the very fold a
 * transaction that wrote does today (its own uncommitted entries and every committed queued one) —
 * and keeps the lock until the act's COMMIT; the integration the API sends after COMMIT then finds
 * the entry in the tree and answers without the lock and without writing. If the lock is busy it
 * answers NULL at once, never waiting, and the integration after COMMIT does all the work as before.
 *
 * `ccr_ledger_integrate()` spends the session's ticket; this function puts it back, so that the
 * integration after COMMIT still answers the act's index (and spends it then).
 */
export class LedgerTryIntegrate1795289000000 implements MigrationInterface {
  name = 'LedgerTryIntegrate1795289000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(TRY_INTEGRATE);
    await queryRunner.query(`REVOKE ALL ON FUNCTION ccr_ledger_try_integrate() FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION ccr_ledger_try_integrate() TO ccr_api`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ccr_ledger_try_integrate()`);
  }
}

const TRY_INTEGRATE = `
CREATE FUNCTION ccr_ledger_try_integrate() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  ticket text := current_setting('ccr.ledger_ticket', true);
  mine bigint;
BEGIN
  -- Never waits: this transaction may hold row locks, and a busy log is folded after its COMMIT.
  IF NOT pg_try_advisory_xact_lock(hashtextextended('ccr:ledger', 0)) THEN
    RETURN NULL;
  END IF;
  -- Holding the lock (re-entrant), the integration does the rest as for any transaction that wrote:
  -- it refuses any level but READ COMMITTED, answers an entry already in the tree, or folds at once.
  mine := ccr_ledger_integrate();
  PERFORM set_config('ccr.ledger_ticket', coalesce(ticket, ''), false);
  RETURN mine;
END
$fn$`;
