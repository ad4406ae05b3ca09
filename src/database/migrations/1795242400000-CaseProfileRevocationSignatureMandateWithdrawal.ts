import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Cases point at their current sealed profile; revocations may be signed; mandates record who withdrew them. */
export class CaseProfileRevocationSignatureMandateWithdrawal1795242400000 implements MigrationInterface {
  name = 'CaseProfileRevocationSignatureMandateWithdrawal1795242400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "profile_record_id" uuid`);
    await queryRunner.query(`ALTER TABLE "consents" ADD "revocation_signer_epoch" integer`);
    await queryRunner.query(`ALTER TABLE "consents" ADD "revocation_signature" bytea`);
    await queryRunner.query(`ALTER TABLE "mandates" ADD "withdrawn_by_principal_id" uuid`);
    await queryRunner.query(`
      ALTER TABLE "consents" ADD CONSTRAINT "consents_revocation_signature" CHECK (
        (revocation_signature IS NULL) = (revocation_signer_epoch IS NULL)
        AND (revocation_signature IS NULL OR revoked_at IS NOT NULL))`);
    await queryRunner.query(`
      ALTER TABLE "mandates" ADD CONSTRAINT "mandates_notification_complete" CHECK (
        (survivor_notification = 'notified') = (survivor_notified_at IS NOT NULL)
        AND (survivor_notification IN ('delayed', 'withheld')) = (notification_reason IS NOT NULL))`);
    await queryRunner.query(`
      ALTER TABLE "mandates" ADD CONSTRAINT "mandates_withdrawal_complete" CHECK (
        (withdrawn_at IS NULL) = (withdrawn_by_principal_id IS NULL))`);
    // The record vocabulary gained 'mandate_details': keep the constraint equal to the entity's.
    await queryRunner.query(`ALTER TABLE "mandates" DROP CONSTRAINT "mandates_categories"`);
    await queryRunner.query(`ALTER TABLE "mandates" ADD CONSTRAINT "mandates_categories" CHECK (${categoriesCheck(RECORD_CATEGORIES_WITH_MANDATE_DETAILS)})`);
    // Replacing the profile is the only change the API makes to a case row.
    await queryRunner.query(`GRANT UPDATE ("profile_record_id") ON "cases" TO ccr_api`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE ("profile_record_id") ON "cases" FROM ccr_api`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP CONSTRAINT "mandates_categories"`);
    await queryRunner.query(`ALTER TABLE "mandates" ADD CONSTRAINT "mandates_categories" CHECK (${categoriesCheck(RECORD_CATEGORIES_BEFORE)})`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP CONSTRAINT "mandates_withdrawal_complete"`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP CONSTRAINT "mandates_notification_complete"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "consents_revocation_signature"`);
    await queryRunner.query(`ALTER TABLE "mandates" DROP COLUMN "withdrawn_by_principal_id"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP COLUMN "revocation_signature"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP COLUMN "revocation_signer_epoch"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "profile_record_id"`);
  }
}

/** Frozen copies of the vocabulary (a migration must not change when the code does). */
const RECORD_CATEGORIES_BEFORE = [
  'risk', 'safety_plan', 'legal', 'coordination', 'health', 'substance_use', 'children', 'immigration',
  'privileged_counseling', 'referral', 'outcome', 'profile', 'consent_terms',
];
const RECORD_CATEGORIES_WITH_MANDATE_DETAILS = [...RECORD_CATEGORIES_BEFORE, 'mandate_details'];

function categoriesCheck(categories: readonly string[]): string {
  return `cardinality(categories) > 0 AND "categories" <@ ARRAY[${categories.map((category) => `'${category}'`).join(', ')}]::text[]`;
}
