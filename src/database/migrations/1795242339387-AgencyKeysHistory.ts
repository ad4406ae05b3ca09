import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Backstop for the key directory's history, for every role including the owner: a registered
 * epoch is never deleted and its keys and registration never change; the only change allowed is
 * retiring it once (retired_at from NULL to a time). Records sealed under an epoch must stay
 * verifiable, and the disclosure log's `key_registered` entries must keep matching the directory.
 */
export class AgencyKeysHistory1795242339387 implements MigrationInterface {
  name = 'AgencyKeysHistory1795242339387';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE FUNCTION ccr_agency_keys_retire_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION '% on agency_keys is not allowed: registered keys are kept forever', TG_OP USING ERRCODE = 'CC403';
  END IF;
  IF OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL
     OR (to_jsonb(NEW) - 'retired_at') IS DISTINCT FROM (to_jsonb(OLD) - 'retired_at') THEN
    RAISE EXCEPTION 'a registered key epoch can only be retired, once' USING ERRCODE = 'CC403';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER agency_keys_retire_only BEFORE UPDATE OR DELETE ON agency_keys FOR EACH ROW EXECUTE FUNCTION ccr_agency_keys_retire_only();
CREATE TRIGGER agency_keys_no_truncate BEFORE TRUNCATE ON agency_keys FOR EACH STATEMENT EXECUTE FUNCTION ccr_agency_keys_retire_only();
`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP TRIGGER IF EXISTS agency_keys_no_truncate ON agency_keys;
DROP TRIGGER IF EXISTS agency_keys_retire_only ON agency_keys;
DROP FUNCTION IF EXISTS ccr_agency_keys_retire_only();
`);
  }
}
