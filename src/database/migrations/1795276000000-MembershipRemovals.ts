import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Removals of members (issue 19, milestone 4): who was removed from which agency, by whom, when —
 * an agency's keys are due for rotation until it registers an epoch after its latest removal.
 */
export class MembershipRemovals1795276000000 implements MigrationInterface {
  name = 'MembershipRemovals1795276000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "membership_removals" (
        "id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "principal_id" uuid NOT NULL,
        "removed_by" uuid NOT NULL,
        "removed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_21d35167c91af5e73128c453505" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "membership_removals_agency" ON "membership_removals" ("agency_id", "removed_at")`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "membership_removals" TO ccr_api`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "membership_removals"`);
  }
}
