import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The custodian's high-risk flag on a case (decision 0097): a coded reason and when it was set,
 * both null when the case is not flagged. The only server-visible risk value; screens stay sealed.
 */
export class CaseHighRiskFlag1795274000000 implements MigrationInterface {
  name = 'CaseHighRiskFlag1795274000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "high_risk_reason" text NULL, ADD "high_risk_set_at" timestamptz NULL`);
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "cases_high_risk_reason" CHECK ("high_risk_reason" IN ('screened_high_risk', 'professional_judgement', 'escalation'))`,
    );
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_high_risk_both" CHECK (("high_risk_reason" IS NULL) = ("high_risk_set_at" IS NULL))`);
    await queryRunner.query(`GRANT UPDATE ("high_risk_reason", "high_risk_set_at") ON "cases" TO ccr_api`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE ("high_risk_reason", "high_risk_set_at") ON "cases" FROM ccr_api`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_high_risk_both", DROP CONSTRAINT "cases_high_risk_reason"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "high_risk_set_at", DROP COLUMN "high_risk_reason"`);
  }
}
