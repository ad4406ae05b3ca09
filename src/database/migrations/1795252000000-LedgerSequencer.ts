import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The log gets a sequencer (decision 0036): an act writes its entries into `ledger_queue` in its own
 * transaction — atomic with the act, without the log's lock — and `ccr_ledger_integrate()` folds the
 * committed queue into the RFC 9162 tree, in batches, under the lock. Before, every act held the one
 * lock through its flushed COMMIT, so the log took one disk flush per transaction in turn; now
 * concurrent acts commit together and one integration (one flush) sequences all of them.
 *
 * - ccr_ledger_append_internal(kind, fields) keeps its name, checks and callers (ccr_ledger_record,
 *   ccr_open_record) but enqueues: it returns the queue ticket, not a log index, and remembers it in
 *   the session (`ccr.ledger_ticket`) so the integration that follows can answer the index.
 * - ccr_ledger_integrate(): under the log's lock, folds every committed queued entry in ticket order
 *   and returns the index of this session's last ticket. Called by the API after the act commits
 *   (same connection, same round trip) or inside a transaction whose answer names its index.
 * - The tree is still sequenced only under the lock, by READ COMMITTED statements that read the
 *   state after the wait: the index is assigned there, never taken from the ticket's sequence.
 *
 * The serial appender is kept, renamed, for `down`; no role but the owner can call it.
 */
export class LedgerSequencer1795252000000 implements MigrationInterface {
  name = 'LedgerSequencer1795252000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(QUEUE);
    await queryRunner.query(`ALTER TABLE ledger_entries ADD COLUMN queue_ticket bigint`);
    await queryRunner.query(`CREATE UNIQUE INDEX ledger_entries_queue_ticket ON ledger_entries (queue_ticket) WHERE queue_ticket IS NOT NULL`);
    await queryRunner.query(`ALTER FUNCTION ccr_ledger_append_internal(text, jsonb) RENAME TO ccr_ledger_append_serial`);
    await queryRunner.query(ENQUEUE);
    await queryRunner.query(FOLD);
    await queryRunner.query(INTEGRATE);
    await queryRunner.query(FORWARD_IN_BATCHES);
    await queryRunner.query(`DROP TRIGGER ledger_state_forward_only ON ledger_state`);
    await queryRunner.query(
      `CREATE TRIGGER ledger_state_forward_only BEFORE UPDATE OR DELETE ON ledger_state FOR EACH ROW EXECUTE FUNCTION ccr_ledger_state_forward()`,
    );
    await queryRunner.query(GRANTS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT ccr_ledger_integrate()`);
    await queryRunner.query(`DROP TRIGGER ledger_state_forward_only ON ledger_state`);
    await queryRunner.query(
      `CREATE TRIGGER ledger_state_forward_only BEFORE UPDATE OR DELETE ON ledger_state FOR EACH ROW EXECUTE FUNCTION ccr_ledger_state_forward_only()`,
    );
    await queryRunner.query(`DROP FUNCTION ccr_ledger_state_forward()`);
    await queryRunner.query(`DROP FUNCTION ccr_ledger_integrate()`);
    await queryRunner.query(`DROP FUNCTION ccr_ledger_fold()`);
    await queryRunner.query(`DROP FUNCTION ccr_ledger_append_internal(text, jsonb)`);
    await queryRunner.query(`ALTER FUNCTION ccr_ledger_append_serial(text, jsonb) RENAME TO ccr_ledger_append_internal`);
    await queryRunner.query(`DROP INDEX ledger_entries_queue_ticket`);
    await queryRunner.query(`ALTER TABLE ledger_entries DROP COLUMN queue_ticket`);
    await queryRunner.query(`DROP TABLE ledger_queue`);
  }
}

/** Entries written by committed acts and not yet in the tree: short-lived rows, the fields only. */
const QUEUE = `
CREATE TABLE ledger_queue (
  ticket bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  fields jsonb NOT NULL,
  queued_at timestamptz NOT NULL DEFAULT clock_timestamp()
)`;

const ENQUEUE = `
CREATE FUNCTION ccr_ledger_append_internal(p_kind text, p_fields jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  allowed constant text[] := ARRAY['actor', 'discloser', 'recipient', 'case', 'records', 'categories', 'purpose',
                                   'basis', 'outcome', 'reason', 'requestId', 'detail'];
  t bigint;
BEGIN
  IF p_kind IS NULL OR p_kind !~ '^[a-z][a-z_]{1,40}$' THEN
    RAISE EXCEPTION 'invalid ledger entry kind' USING ERRCODE = 'CC422';
  END IF;
  IF jsonb_typeof(p_fields) <> 'object' OR EXISTS (SELECT 1 FROM jsonb_object_keys(p_fields) AS k WHERE k <> ALL (allowed)) THEN
    RAISE EXCEPTION 'invalid ledger entry fields' USING ERRCODE = 'CC422';
  END IF;
  -- Every cast the integration makes, made now: a malformed id fails the act, never the queue.
  PERFORM nullif(p_fields->>'case', '')::uuid, nullif(p_fields->'actor'->>'agency', '')::uuid,
          nullif(p_fields->>'recipient', '')::uuid, nullif(p_fields->'basis'->>'consent', '')::uuid;
  INSERT INTO ledger_queue (kind, fields) VALUES (p_kind, jsonb_strip_nulls(p_fields)) RETURNING ticket INTO t;
  -- Session-level: it survives this transaction's COMMIT (and is undone by its rollback).
  PERFORM set_config('ccr.ledger_ticket', t::text, false);
  RETURN t;
END
$fn$`;

/**
 * Folds the committed queue into the tree; the caller holds the log's lock. Entry bytes, leaf and
 * node hashes and the case chain are exactly those of the serial appender; the entry's time is the
 * moment it enters the tree, so times never decrease along the log.
 */
const FOLD = `
CREATE FUNCTION ccr_ledger_fold() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  n bigint;
  fr bytea[];
  h bytea;
  top bytea;
  lvl int;
  q record;
  entry_bytes bytea;
  v_case_id uuid;
  prev_hash bytea;
  prev_seq int;
  seq int;
  folded bigint[] := '{}';
BEGIN
  SELECT tree_size, frontier INTO n, fr FROM ledger_state WHERE id = 1 FOR UPDATE;
  FOR q IN SELECT ticket, kind, fields FROM ledger_queue ORDER BY ticket LOOP
    v_case_id := nullif(q.fields->>'case', '')::uuid;
    seq := NULL;
    IF v_case_id IS NOT NULL THEN
      SELECT e.leaf_hash, e.case_seq INTO prev_hash, prev_seq
        FROM ledger_entries e WHERE e.case_id = v_case_id ORDER BY e.idx DESC LIMIT 1;
      seq := coalesce(prev_seq, 0) + 1;
    END IF;
    entry_bytes := convert_to((
      jsonb_build_object('v', 1, 'id', gen_random_uuid(), 'kind', q.kind,
                         'time', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      || q.fields
      || CASE WHEN v_case_id IS NULL THEN '{}'::jsonb
              ELSE jsonb_build_object('caseSeq', seq, 'casePrev', encode(prev_hash, 'hex')) END)::text, 'UTF8');
    h := sha256('\\x00'::bytea || entry_bytes);
    INSERT INTO ledger_entries (idx, leaf_hash, entry, kind, recorded_at, actor_agency_id, recipient_agency_id,
                                case_id, case_seq, consent_id, outcome, queue_ticket)
    VALUES (n, h, entry_bytes, q.kind, clock_timestamp(), nullif(q.fields->'actor'->>'agency', '')::uuid,
            nullif(q.fields->>'recipient', '')::uuid, v_case_id, seq, nullif(q.fields->'basis'->>'consent', '')::uuid,
            q.fields->>'outcome', q.ticket);
    lvl := 0;
    WHILE ((n >> lvl) & 1) = 1 LOOP
      top := fr[cardinality(fr)];
      fr := fr[1:cardinality(fr) - 1];
      h := sha256('\\x01'::bytea || top || h);
      lvl := lvl + 1;
      INSERT INTO ledger_nodes (level, idx, hash) VALUES (lvl, ((n + 1) >> lvl) - 1, h);
    END LOOP;
    fr := fr || h;
    n := n + 1;
    folded := folded || q.ticket;
  END LOOP;
  IF cardinality(folded) > 0 THEN
    -- Exactly the rows folded: a row committed since the loop began waits for the next integration.
    DELETE FROM ledger_queue WHERE ticket = ANY (folded);
    UPDATE ledger_state SET tree_size = n, frontier = fr WHERE id = 1;
  END IF;
  RETURN cardinality(folded);
END
$fn$`;

const INTEGRATE = `
CREATE FUNCTION ccr_ledger_integrate() RETURNS bigint
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
  ELSIF NOT EXISTS (SELECT 1 FROM ledger_queue) THEN
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

/** The state moves forward only — by a whole batch at a time now. */
const FORWARD_IN_BATCHES = `
CREATE FUNCTION ccr_ledger_state_forward() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.tree_size <= OLD.tree_size THEN
    RAISE EXCEPTION 'the ledger state only moves forward' USING ERRCODE = 'CC403';
  END IF;
  RETURN NEW;
END
$fn$`;

const GRANTS = `
REVOKE ALL ON ledger_queue FROM PUBLIC;
REVOKE ALL ON FUNCTION ccr_ledger_append_internal(text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION ccr_ledger_fold() FROM PUBLIC;
REVOKE ALL ON FUNCTION ccr_ledger_integrate() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ccr_ledger_integrate() TO ccr_api;`;
