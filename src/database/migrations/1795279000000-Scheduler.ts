import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { PGBOSS_V24_CONSTRUCTION } from '../../scheduler/pgboss-v24.schema';

/**
 * The scheduler's job tables (pg-boss 10.x, schema 24, decision 0118), made by the owner: the
 * service starts pg-boss with migrate:false. The queues are created here too, since each is a
 * partition made by DDL. The API role may read and write jobs and schedules, and nothing else.
 * The queue list is written out (not imported) so that this migration never changes.
 */
export class Scheduler1795279000000 implements MigrationInterface {
    name = 'Scheduler1795279000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(PGBOSS_V24_CONSTRUCTION);
        for (const [queue, policy] of [['ccr-deadline-sweep', 'singleton'], ['ccr-webhook-dispatch', 'short'], ['__pgboss__send-it', 'standard']]) {
            await queryRunner.query(`SELECT pgboss.create_queue($1, $2::json)`, [queue, JSON.stringify({ policy })]);
        }
        await queryRunner.query(`REVOKE ALL ON SCHEMA pgboss FROM PUBLIC`);
        await queryRunner.query(`GRANT USAGE ON SCHEMA pgboss TO ccr_api`);
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ccr_api`);
        // New queues are DDL: the owner's, in a migration (the function is PUBLIC-executable by default).
        await queryRunner.query(`REVOKE EXECUTE ON FUNCTION pgboss.create_queue(text, json), pgboss.delete_queue(text) FROM PUBLIC`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP SCHEMA pgboss CASCADE`);
    }
}
