import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One round trip for all the log entries and all the agency events of an act, written at the end
 * of its transaction: the log's lock (one row, every writer of every API process) is then held for
 * one call instead of one per entry. Each item is checked exactly as the one-at-a-time functions
 * check it, which these call.
 */
export class BatchedLogWrites1795248000000 implements MigrationInterface {
  name = 'BatchedLogWrites1795248000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(RECORD_MANY);
    await queryRunner.query(PUBLISH_MANY);
    await queryRunner.query(`REVOKE ALL ON FUNCTION ccr_ledger_record_many(text[], jsonb[]) FROM PUBLIC`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION ccr_publish_events(jsonb) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION ccr_ledger_record_many(text[], jsonb[]) TO ccr_api`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION ccr_publish_events(jsonb) TO ccr_api`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ccr_publish_events(jsonb)`);
    await queryRunner.query(`DROP FUNCTION ccr_ledger_record_many(text[], jsonb[])`);
  }
}

/** Appends entries in order; returns the index of the last. Disclosures stay ccr_open_record's. */
const RECORD_MANY = `
CREATE FUNCTION ccr_ledger_record_many(p_kinds text[], p_fields jsonb[]) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  last_idx bigint;
BEGIN
  IF array_ndims(p_kinds) IS DISTINCT FROM 1 OR array_ndims(p_fields) IS DISTINCT FROM 1
     OR cardinality(p_kinds) <> cardinality(p_fields) THEN
    RAISE EXCEPTION 'kinds and fields must be one-dimensional, non-empty arrays of one length' USING ERRCODE = 'CC422';
  END IF;
  FOR i IN 1 .. cardinality(p_kinds) LOOP
    last_idx := ccr_ledger_record(p_kinds[i], p_fields[i]);
  END LOOP;
  RETURN last_idx;
END
$fn$`;

/** Publishes events given as a JSON array of {agency, type, referral, consent, record, case}. */
const PUBLISH_MANY = `
CREATE FUNCTION ccr_publish_events(p_events jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  e jsonb;
BEGIN
  IF jsonb_typeof(p_events) IS DISTINCT FROM 'array' OR jsonb_array_length(p_events) = 0 THEN
    RAISE EXCEPTION 'events must be a non-empty JSON array' USING ERRCODE = 'CC422';
  END IF;
  FOR e IN SELECT value FROM jsonb_array_elements(p_events) LOOP
    PERFORM ccr_publish_event((e->>'agency')::uuid, e->>'type', (e->>'referral')::uuid, (e->>'consent')::uuid,
                              (e->>'record')::uuid, (e->>'case')::uuid);
  END LOOP;
END
$fn$`;
