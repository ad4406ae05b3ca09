import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * People sign in with their own secret (OPAQUE) and a second factor (TOTP), in a cookie session
 * (decisions 0080-0083): login records, single-use enrolment codes, sessions, OPAQUE sign-in state.
 * Only hashes of codes and session secrets are stored.
 */
export class PersonSignIn1795272000000 implements MigrationInterface {
    name = 'PersonSignIn1795272000000';

  async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "enrolment_codes" (
                "id" uuid NOT NULL,
                "principal_id" uuid NOT NULL,
                "code_hash" bytea NOT NULL,
                "issued_by" uuid,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "pending_totp_secret" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1cbd3b4b7dae88054b39cbe05e6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "enrolment_codes_hash" ON "enrolment_codes" ("code_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "enrolment_codes_principal" ON "enrolment_codes" ("principal_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "opaque_login_attempts" (
                "id" uuid NOT NULL,
                "principal_id" uuid,
                "username" text NOT NULL,
                "server_state" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_697a7e8386b101b0f0c3b27ada4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "opaque_login_attempts_expiry" ON "opaque_login_attempts" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "person_logins" (
                "principal_id" uuid NOT NULL,
                "opaque_record" text NOT NULL,
                "ksf" smallint NOT NULL,
                "totp_secret" text NOT NULL,
                "totp_last_step" bigint NOT NULL DEFAULT '0',
                "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "secret_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_b78dc485b9a75d4acd91a9509fc" PRIMARY KEY ("principal_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "person_sessions" (
                "id" uuid NOT NULL,
                "secret_hash" bytea NOT NULL,
                "csrf_hash" bytea NOT NULL,
                "principal_id" uuid NOT NULL,
                "stage" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "person_sessions_stage" CHECK ("stage" IN ('second_factor', 'full')),
                CONSTRAINT "PK_354ad9712c162cb1c8c2dee40c7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "person_sessions_secret" ON "person_sessions" ("secret_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "person_sessions_principal" ON "person_sessions" ("principal_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "enrolment_codes"
            ADD CONSTRAINT "FK_f3c8b37db6e730b89be7f5e8708" FOREIGN KEY ("principal_id") REFERENCES "principals"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "person_logins"
            ADD CONSTRAINT "FK_b78dc485b9a75d4acd91a9509fc" FOREIGN KEY ("principal_id") REFERENCES "principals"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "person_sessions"
            ADD CONSTRAINT "FK_45d38a3c2b0a9c57f4e124347cf" FOREIGN KEY ("principal_id") REFERENCES "principals"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "person_logins", "enrolment_codes", "person_sessions", "opaque_login_attempts" TO ccr_api`);
    }

  async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "person_sessions" DROP CONSTRAINT "FK_45d38a3c2b0a9c57f4e124347cf"
        `);
        await queryRunner.query(`
            ALTER TABLE "person_logins" DROP CONSTRAINT "FK_b78dc485b9a75d4acd91a9509fc"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrolment_codes" DROP CONSTRAINT "FK_f3c8b37db6e730b89be7f5e8708"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."person_sessions_principal"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."person_sessions_secret"
        `);
        await queryRunner.query(`
            DROP TABLE "person_sessions"
        `);
        await queryRunner.query(`
            DROP TABLE "person_logins"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."opaque_login_attempts_expiry"
        `);
        await queryRunner.query(`
            DROP TABLE "opaque_login_attempts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."enrolment_codes_principal"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."enrolment_codes_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "enrolment_codes"
        `);
    }}
