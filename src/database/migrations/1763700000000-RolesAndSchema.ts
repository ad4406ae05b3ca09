import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The application role (see database-roles.ts). Roles are cluster-wide: creation is idempotent
 * and the role is never dropped here, because other databases of the cluster (other tenants,
 * test databases) may hold grants to it. Where the migrating user may not create roles, a DBA
 * creates `ccr_api` (NOLOGIN) first.
 */
export class RolesAndSchema1763700000000 implements MigrationInterface {
  name = 'RolesAndSchema1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ccr_api') THEN
          CREATE ROLE ccr_api NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- created concurrently by another migration run on the same cluster
      END
      $$`);
    await queryRunner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ccr_api`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ccr_api`);
  }
}
