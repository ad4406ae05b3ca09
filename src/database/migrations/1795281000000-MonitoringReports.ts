import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Monitoring reports (issue 23): suppressed aggregate figures, the checkpoint and definitions they were computed at. */
export class MonitoringReports1795281000000 implements MigrationInterface {
  name = 'MonitoringReports1795281000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "monitoring_reports" (
        "id" uuid NOT NULL,
        "agency_id" uuid NOT NULL,
        "created_by" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "tree_size" bigint NOT NULL,
        "definitions" text NOT NULL,
        "body" jsonb NOT NULL,
        CONSTRAINT "monitoring_reports_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "monitoring_reports_agency" ON "monitoring_reports" ("agency_id", "created_at")`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "monitoring_reports" TO ccr_api`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "monitoring_reports"`);
  }
}
