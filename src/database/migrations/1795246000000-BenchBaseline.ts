import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The benchmark's baseline table (see src/bench-baseline): one INSERT per request. Holds no survivor data. */
export class BenchBaseline1795246000000 implements MigrationInterface {
  name = 'BenchBaseline1795246000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "bench_baseline_rows" (
        "id" uuid NOT NULL,
        "payload" bytea NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_bench_baseline_rows" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`GRANT INSERT ON "bench_baseline_rows" TO ccr_api`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "bench_baseline_rows"`);
  }
}
