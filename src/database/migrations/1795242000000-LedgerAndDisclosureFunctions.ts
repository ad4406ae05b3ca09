import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The disclosure log enforced by PostgreSQL (DESIGN §5), written by hand and reviewed:
 *
 * - ccr_ledger_append_internal(kind, fields): appends one RFC 9162 leaf. Serialized on the single
 *   ledger_state row (FOR UPDATE) and refused outside READ COMMITTED, where a snapshot taken before
 *   the lock would fork the tree. Stores every completed perfect subtree (O(log n) proofs) and the
 *   per-case chain (caseSeq, casePrev). Not callable by the API role.
 * - ccr_ledger_record(kind, fields): what the API role may call to log an act it performed (a
 *   consent change, a denial...). It cannot log a disclosure: only ccr_open_record() does.
 * - ccr_open_record(record, actor, purpose, request): the ONLY way the API role reads ciphertext and
 *   a key wrap. It checks, under a row lock that a concurrent revocation must wait for, that the
 *   caller's wrap exists and its basis is live, then appends the disclosure (or access) entry in the
 *   same transaction and only then returns the envelope and the caller's own wrap.
 * - Append-only: the API role has no UPDATE/DELETE/TRUNCATE on log tables, and triggers refuse
 *   them for everyone else too (a backstop; a superuser can still disable triggers, which is what
 *   the witnesses and saved checkpoints are for).
 */
export class LedgerAndDisclosureFunctions1795242000000 implements MigrationInterface {
  name = 'LedgerAndDisclosureFunctions1795242000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`INSERT INTO ledger_state (id, tree_size, frontier) VALUES (1, 0, '{}')`);
    await queryRunner.query(APPEND_INTERNAL);
    await queryRunner.query(RECORD_FOR_API);
    await queryRunner.query(OPEN_RECORD);
    await queryRunner.query(APPEND_ONLY_TRIGGERS);
    await queryRunner.query(GRANTS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER IF EXISTS ledger_state_forward_only ON ledger_state;
      DROP TRIGGER IF EXISTS ledger_state_no_truncate ON ledger_state;
      ${APPEND_ONLY_TABLES.map((table) => `DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}; DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table};`).join('\n')}
      ${NEVER_DELETED_TABLES.map((table) => `DROP TRIGGER IF EXISTS ${table}_never_deleted ON ${table}; DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table};`).join('\n')}
      DROP FUNCTION IF EXISTS ccr_refuse_change();
      DROP FUNCTION IF EXISTS ccr_ledger_state_forward_only();
      DROP FUNCTION IF EXISTS ccr_open_record(uuid, jsonb, text, text);
      DROP FUNCTION IF EXISTS ccr_ledger_record(text, jsonb);
      DROP FUNCTION IF EXISTS ccr_ledger_append_internal(text, jsonb);
      REVOKE ALL ON cases, consents, consent_versions, mandates, records, record_recipients, record_wraps,
        ledger_entries, ledger_nodes, ledger_state, ledger_checkpoints, ledger_cosignatures, ledger_witnesses FROM ccr_api;
    `);
    await queryRunner.query(`DELETE FROM ledger_state`);
  }
}

/** Log tables: rows are inserted, never changed or removed. */
const APPEND_ONLY_TABLES = ['ledger_entries', 'ledger_nodes', 'ledger_checkpoints', 'ledger_cosignatures', 'consent_versions', 'record_recipients'];
/** Rows that are updated (revocation, withdrawal) but never deleted: the history must survive. */
const NEVER_DELETED_TABLES = ['consents', 'mandates', 'cases', 'records'];

const APPEND_INTERNAL = `
CREATE FUNCTION ccr_ledger_append_internal(p_kind text, p_fields jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  allowed constant text[] := ARRAY['actor', 'discloser', 'recipient', 'case', 'records', 'categories', 'purpose',
                                   'basis', 'outcome', 'reason', 'requestId', 'detail'];
  n bigint;
  fr bytea[];
  h bytea;
  top bytea;
  lvl int := 0;
  entry jsonb;
  entry_bytes bytea;
  v_case_id uuid := nullif(p_fields->>'case', '')::uuid;
  prev_hash bytea;
  prev_seq int;
  seq int;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'ledger appends require READ COMMITTED (a snapshot taken before the lock forks the log)'
      USING ERRCODE = 'CC500';
  END IF;
  IF p_kind IS NULL OR p_kind !~ '^[a-z][a-z_]{1,40}$' THEN
    RAISE EXCEPTION 'invalid ledger entry kind' USING ERRCODE = 'CC422';
  END IF;
  IF jsonb_typeof(p_fields) <> 'object' OR EXISTS (SELECT 1 FROM jsonb_object_keys(p_fields) AS k WHERE k <> ALL (allowed)) THEN
    RAISE EXCEPTION 'invalid ledger entry fields' USING ERRCODE = 'CC422';
  END IF;

  -- The mutex of the whole log: every appender, in every API process, waits here.
  SELECT tree_size, frontier INTO n, fr FROM ledger_state WHERE id = 1 FOR UPDATE;

  IF v_case_id IS NOT NULL THEN
    SELECT e.leaf_hash, e.case_seq INTO prev_hash, prev_seq
      FROM ledger_entries e WHERE e.case_id = v_case_id ORDER BY e.idx DESC LIMIT 1;
    seq := coalesce(prev_seq, 0) + 1;
  END IF;

  entry := jsonb_build_object(
             'v', 1,
             'id', gen_random_uuid(),
             'kind', p_kind,
             'time', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           || jsonb_strip_nulls(p_fields)
           || CASE WHEN v_case_id IS NULL THEN '{}'::jsonb
                   ELSE jsonb_build_object('caseSeq', seq, 'casePrev', encode(prev_hash, 'hex')) END;
  entry_bytes := convert_to(entry::text, 'UTF8');

  h := sha256('\\x00'::bytea || entry_bytes);
  INSERT INTO ledger_entries (idx, leaf_hash, entry, kind, recorded_at, actor_agency_id, recipient_agency_id,
                              case_id, case_seq, consent_id, outcome)
  VALUES (n, h, entry_bytes, p_kind, clock_timestamp(), nullif(p_fields->'actor'->>'agency', '')::uuid,
          nullif(p_fields->>'recipient', '')::uuid, v_case_id, seq, nullif(p_fields->'basis'->>'consent', '')::uuid,
          p_fields->>'outcome');

  -- Merge completed perfect subtrees along the right edge (RFC 9162 tree, frontier form).
  WHILE ((n >> lvl) & 1) = 1 LOOP
    top := fr[cardinality(fr)];
    fr := fr[1:cardinality(fr) - 1];
    h := sha256('\\x01'::bytea || top || h);
    lvl := lvl + 1;
    INSERT INTO ledger_nodes (level, idx, hash) VALUES (lvl, ((n + 1) >> lvl) - 1, h);
  END LOOP;
  UPDATE ledger_state SET tree_size = n + 1, frontier = fr || h WHERE id = 1;
  RETURN n;
END
$fn$`;

const RECORD_FOR_API = `
CREATE FUNCTION ccr_ledger_record(p_kind text, p_fields jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
BEGIN
  IF p_kind IN ('disclosure', 'access') THEN
    RAISE EXCEPTION 'disclosures are logged only by ccr_open_record' USING ERRCODE = 'CC422';
  END IF;
  RETURN ccr_ledger_append_internal(p_kind, p_fields);
END
$fn$`;

const OPEN_RECORD = `
CREATE FUNCTION ccr_open_record(p_record_id uuid, p_actor jsonb, p_purpose text, p_request_id text)
RETURNS TABLE (nonce bytea, ciphertext bytea, key_commitment bytea, signature bytea, wrap bytea,
               basis_kind text, basis_id uuid, basis_version int, log_index bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  caller uuid := (p_actor->>'agency')::uuid;
  r records%ROWTYPE;
  rr record_recipients%ROWTYPE;
  w bytea;
  live boolean := false;
  version int;
  idx bigint;
BEGIN
  SELECT * INTO r FROM records WHERE id = p_record_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such record' USING ERRCODE = 'CC404';
  END IF;
  SELECT * INTO rr FROM record_recipients WHERE record_id = p_record_id AND agency_id = caller;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the record is not wrapped for this agency' USING ERRCODE = 'CC404';
  END IF;

  -- Lock the basis: a revocation (an UPDATE of the consent) waits for this read, or this read
  -- waits for it and then sees it. Never both a revoked consent and a delivered wrap.
  IF rr.basis_kind = 'custodian' THEN
    live := caller = r.author_agency_id;
  ELSIF rr.basis_kind = 'consent' THEN
    SELECT c.revoked_at IS NULL AND v.valid_from <= clock_timestamp() AND clock_timestamp() < v.valid_until, c.current_version
      INTO live, version
      FROM consents c JOIN consent_versions v ON v.consent_id = c.id AND v.version = c.current_version
     WHERE c.id = rr.basis_id AND caller IN (c.custodian_agency_id, c.recipient_agency_id)
       AND r.author_agency_id IN (c.custodian_agency_id, c.recipient_agency_id)
       FOR SHARE OF c;
  ELSIF rr.basis_kind = 'mandate' THEN
    SELECT m.withdrawn_at IS NULL AND m.valid_from <= clock_timestamp() AND (m.valid_until IS NULL OR clock_timestamp() < m.valid_until)
      INTO live
      FROM mandates m
     WHERE m.id = rr.basis_id AND m.recipient_agency_id = caller AND m.custodian_agency_id = r.author_agency_id
       FOR SHARE;
  END IF;
  IF NOT coalesce(live, false) THEN
    RAISE EXCEPTION 'the basis of this wrap is no longer in force' USING ERRCODE = 'CC410';
  END IF;

  SELECT rw.wrap INTO w FROM record_wraps rw WHERE rw.record_id = p_record_id AND rw.agency_id = caller;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the wrap for this agency was deleted' USING ERRCODE = 'CC410';
  END IF;

  idx := ccr_ledger_append_internal(
    CASE WHEN caller = r.author_agency_id THEN 'access' ELSE 'disclosure' END,
    jsonb_build_object(
      'actor', p_actor,
      'discloser', r.author_agency_id,
      'recipient', caller,
      'case', r.case_id,
      'records', jsonb_build_array(r.id),
      'categories', jsonb_build_array(r.category),
      'purpose', p_purpose,
      'basis', CASE rr.basis_kind
                 WHEN 'consent' THEN jsonb_build_object('kind', 'consent', 'consent', rr.basis_id, 'version', version)
                 WHEN 'mandate' THEN jsonb_build_object('kind', 'mandate', 'mandate', rr.basis_id)
                 ELSE jsonb_build_object('kind', 'custodian') END,
      'outcome', 'permitted',
      'requestId', p_request_id));

  RETURN QUERY SELECT r.nonce, r.ciphertext, r.key_commitment, r.signature, w, rr.basis_kind, rr.basis_id, version, idx;
END
$fn$`;

const APPEND_ONLY_TRIGGERS = `
CREATE FUNCTION ccr_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: this table is append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = 'CC403';
END
$fn$;

CREATE FUNCTION ccr_ledger_state_forward_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.tree_size <> OLD.tree_size + 1 THEN
    RAISE EXCEPTION 'the ledger state only moves forward, one entry at a time' USING ERRCODE = 'CC403';
  END IF;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER ledger_state_forward_only BEFORE UPDATE OR DELETE ON ledger_state
  FOR EACH ROW EXECUTE FUNCTION ccr_ledger_state_forward_only();
CREATE TRIGGER ledger_state_no_truncate BEFORE TRUNCATE ON ledger_state
  FOR EACH STATEMENT EXECUTE FUNCTION ccr_refuse_change();
${APPEND_ONLY_TABLES.map(
  (table) => `
CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ccr_refuse_change();
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ccr_refuse_change();`,
).join('\n')}
${NEVER_DELETED_TABLES.map(
  (table) => `
CREATE TRIGGER ${table}_never_deleted BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ccr_refuse_change();
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ccr_refuse_change();`,
).join('\n')}`;

const GRANTS = `
REVOKE ALL ON FUNCTION ccr_ledger_append_internal(text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION ccr_ledger_record(text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION ccr_open_record(uuid, jsonb, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ccr_ledger_record(text, jsonb) TO ccr_api;
GRANT EXECUTE ON FUNCTION ccr_open_record(uuid, jsonb, text, text) TO ccr_api;

GRANT SELECT, INSERT ON cases TO ccr_api;
GRANT SELECT, INSERT, UPDATE ON consents, mandates TO ccr_api;
GRANT SELECT, INSERT ON consent_versions, record_recipients TO ccr_api;

-- Envelope bodies and wraps: insert, list metadata, delete wraps; never read them directly.
GRANT INSERT ON records TO ccr_api;
GRANT SELECT (id, case_id, category, author_agency_id, signer_epoch, created_at, supersedes, stored_at) ON records TO ccr_api;
GRANT INSERT, DELETE ON record_wraps TO ccr_api;
GRANT SELECT (record_id, agency_id) ON record_wraps TO ccr_api;

-- The log: readable (auditors, proofs), appended only through the functions above.
GRANT SELECT ON ledger_entries, ledger_nodes, ledger_state, ledger_checkpoints, ledger_cosignatures, ledger_witnesses TO ccr_api;
GRANT INSERT ON ledger_checkpoints, ledger_cosignatures, ledger_witnesses TO ccr_api;`;
