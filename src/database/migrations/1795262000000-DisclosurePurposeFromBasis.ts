import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Replaces ccr_open_record() (decision 0044): the disclosure or access entry it writes carries the
 * purpose of the basis that permitted the read — the consent version's coded purpose, a mandate's
 * compulsion (court_order_compliance, statutory_duty) or the custodian's own case work — never a
 * purpose the caller names. What the caller asked for (p_purpose, may be NULL) is kept only when it
 * differs, as `detail.askedPurpose`. Signature, checks, locks and grants are unchanged; `down`
 * restores the previous body.
 */
export class DisclosurePurposeFromBasis1795262000000 implements MigrationInterface {
  name = 'DisclosurePurposeFromBasis1795262000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(OPEN_RECORD);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(PREVIOUS_OPEN_RECORD);
  }
}

const OPEN_RECORD = `
CREATE OR REPLACE FUNCTION ccr_open_record(p_record_id uuid, p_actor jsonb, p_purpose text, p_request_id text)
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
  mandate_basis text;
  v_purpose text;
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
    v_purpose := 'custodian_case_work';
  ELSIF rr.basis_kind = 'consent' THEN
    SELECT c.revoked_at IS NULL AND v.valid_from <= clock_timestamp() AND clock_timestamp() < v.valid_until, c.current_version, v.purpose
      INTO live, version, v_purpose
      FROM consents c JOIN consent_versions v ON v.consent_id = c.id AND v.version = c.current_version
     WHERE c.id = rr.basis_id AND caller IN (c.custodian_agency_id, c.recipient_agency_id)
       AND r.author_agency_id IN (c.custodian_agency_id, c.recipient_agency_id)
       FOR SHARE OF c;
  ELSIF rr.basis_kind = 'mandate' THEN
    SELECT m.withdrawn_at IS NULL AND m.valid_from <= clock_timestamp() AND (m.valid_until IS NULL OR clock_timestamp() < m.valid_until), m.basis
      INTO live, mandate_basis
      FROM mandates m
     WHERE m.id = rr.basis_id AND m.recipient_agency_id = caller AND m.custodian_agency_id = r.author_agency_id
       FOR SHARE;
  END IF;
  IF rr.basis_kind = 'mandate' THEN
    v_purpose := CASE mandate_basis WHEN 'court_order' THEN 'court_order_compliance' ELSE 'statutory_duty' END;
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
      'purpose', v_purpose,
      'basis', CASE rr.basis_kind
                 WHEN 'consent' THEN jsonb_build_object('kind', 'consent', 'consent', rr.basis_id, 'version', version)
                 WHEN 'mandate' THEN jsonb_build_object('kind', 'mandate', 'mandate', rr.basis_id)
                 ELSE jsonb_build_object('kind', 'custodian') END,
      'outcome', 'permitted',
      'requestId', p_request_id,
      'detail', CASE WHEN p_purpose IS NOT NULL AND p_purpose <> v_purpose
                     THEN jsonb_build_object('askedPurpose', p_purpose) END));

  RETURN QUERY SELECT r.nonce, r.ciphertext, r.key_commitment, r.signature, w, rr.basis_kind, rr.basis_id, version, idx;
END
$fn$`;

/** The body of 1795242000000-LedgerAndDisclosureFunctions, for `down`. */
const PREVIOUS_OPEN_RECORD = `
CREATE OR REPLACE FUNCTION ccr_open_record(p_record_id uuid, p_actor jsonb, p_purpose text, p_request_id text)
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
