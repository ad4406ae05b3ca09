import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Integrations whose entry is queued wait for a folding integration together, in shared mode
 * (decision 0165), instead of one after another for the log's exclusive lock.
 *
 * Before, every such integration queued for the exclusive lock: the one folding folded all their
 * entries, then each waiter in turn woke, took the lock, found its entry folded, and handed the lock
 * on at its COMMIT — a convoy of wake-ups, the main wait of logged reads at 32 connections
 * (docs/performance.md, "Reads: what serializes them").
 *
 * Now an integration with a ticket:
 * - answers at once if its entry is in the tree (as before);
 * - else takes the lock exclusively only if it is free (`pg_try_advisory_xact_lock`), and folds;
 * - else, in a transaction that wrote (its own entries queued and uncommitted, which no other fold
 *   can see), queues for the exclusive lock as before and folds them itself;
 * - else waits in shared mode for whoever holds it: all such waiters wake together when the fold
 *   commits, and each looks its entry up again. The shared lock is taken inside a block that ends
 *   by raising an error it catches: an error escape from a PL/pgSQL block releases the locks taken
 *   in it (PostgreSQL manual, "Explicit Locking"), so the shared lock is let go at once, and is never
 *   left held by a cancellation (it is a transaction lock, not a session lock) nor held when the
 *   same transaction then asks for the exclusive lock (two such waiters could not deadlock);
 * - when nobody holds the lock exclusively or waits for it (only waiters just woken hold it, shared),
 *   it queues for the exclusive lock, so the not-yet-folded do not spin.
 * The tree is still changed only under the exclusive lock, by statements that read after the wait:
 * density, order and the answer "the entry's index" are unchanged. Without a ticket (fold what is
 * committed, keep the log locked until COMMIT) nothing changes.
 */
export class IntegrationWaitsShared1795287000000 implements MigrationInterface {
  name = 'IntegrationWaitsShared1795287000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(INTEGRATE_WAITING_SHARED);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(INTEGRATE_IN_TURN);
  }
}

const INTEGRATE_WAITING_SHARED = `
CREATE OR REPLACE FUNCTION ccr_ledger_integrate() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  ticket bigint := nullif(current_setting('ccr.ledger_ticket', true), '')::bigint;
  log_lock constant bigint := hashtextextended('ccr:ledger', 0);
  mine bigint;
  folding boolean;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'ledger integration requires READ COMMITTED (a snapshot taken before the lock forks the log)'
      USING ERRCODE = 'CC500';
  END IF;
  IF ticket IS NULL THEN
    IF NOT EXISTS (SELECT 1 FROM ledger_queue) AND NOT EXISTS (SELECT 1 FROM agency_events WHERE position IS NULL) THEN
      RETURN NULL;
    END IF;
    -- The mutex of the whole log (decision 0034), held until COMMIT; every later statement reads after the wait.
    PERFORM pg_advisory_xact_lock(log_lock);
    PERFORM ccr_ledger_fold();
    RETURN NULL;
  END IF;
  PERFORM set_config('ccr.ledger_ticket', '', false);
  LOOP
    -- Most often another session's integration already folded it: answer without the lock.
    SELECT idx INTO mine FROM ledger_entries WHERE queue_ticket = ticket;
    IF FOUND THEN RETURN mine; END IF;
    EXIT WHEN pg_try_advisory_xact_lock(log_lock);
    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
      -- This transaction wrote: its own queued entries are invisible to any other fold, so it
      -- folds them itself, queued for the lock in turn as before (and holds it until COMMIT).
      PERFORM pg_advisory_xact_lock(log_lock);
      EXIT;
    END IF;
    -- Someone holds the log's lock. Wait for it in shared mode, with every other waiter (decision 0165).
    folding := true;
    BEGIN
      IF pg_try_advisory_xact_lock_shared(log_lock) THEN
        folding := false;
      ELSE
        PERFORM pg_advisory_xact_lock_shared(log_lock);
      END IF;
      -- The error escape releases the shared lock taken in this block (a cancellation would too).
      RAISE EXCEPTION 'the log''s lock was free to share' USING ERRCODE = 'CC0SH';
    EXCEPTION WHEN SQLSTATE 'CC0SH' THEN
      NULL;
    END;
    IF NOT folding THEN
      -- Only waiters just woken held it, shared: nobody folds. Queue for the exclusive lock, so that
      -- later waiters wait for this fold rather than spin.
      PERFORM pg_advisory_xact_lock(log_lock);
      EXIT;
    END IF;
  END LOOP;
  -- Holding the exclusive lock: every later statement reads after it.
  SELECT idx INTO mine FROM ledger_entries WHERE queue_ticket = ticket;
  IF FOUND THEN RETURN mine; END IF;
  PERFORM ccr_ledger_fold();
  SELECT idx INTO mine FROM ledger_entries WHERE queue_ticket = ticket;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the queued ledger entry % is neither queued nor in the log', ticket USING ERRCODE = 'CC500';
  END IF;
  RETURN mine;
END
$fn$`;

/** The function as LedgerSequencer and EventsSequencedByTheLog left it. */
const INTEGRATE_IN_TURN = `
CREATE OR REPLACE FUNCTION ccr_ledger_integrate() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  ticket bigint := nullif(current_setting('ccr.ledger_ticket', true), '')::bigint;
  mine bigint;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'ledger integration requires READ COMMITTED (a snapshot taken before the lock forks the log)'
      USING ERRCODE = 'CC500';
  END IF;
  IF ticket IS NOT NULL THEN
    PERFORM set_config('ccr.ledger_ticket', '', false);
    -- Most often another session's integration already folded it: answer without the lock.
    SELECT idx INTO mine FROM ledger_entries WHERE queue_ticket = ticket;
    IF FOUND THEN RETURN mine; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM ledger_queue) AND NOT EXISTS (SELECT 1 FROM agency_events WHERE position IS NULL) THEN
    RETURN NULL;
  END IF;
  -- The mutex of the whole log (decision 0034); every later statement reads after the wait.
  PERFORM pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0));
  IF ticket IS NOT NULL THEN
    SELECT idx INTO mine FROM ledger_entries WHERE queue_ticket = ticket;
    IF FOUND THEN RETURN mine; END IF;
  END IF;
  PERFORM ccr_ledger_fold();
  IF ticket IS NOT NULL THEN
    SELECT idx INTO mine FROM ledger_entries WHERE queue_ticket = ticket;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the queued ledger entry % is neither queued nor in the log', ticket USING ERRCODE = 'CC500';
    END IF;
  END IF;
  RETURN mine;
END
$fn$`;
