import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * People's passkeys (issue 19, decisions 0111-0112): each WebAuthn credential's public key,
 * counter and transports, with the optional passkey envelope; and the challenges handed out and
 * not yet answered (each good once).
 */

export class PersonPasskeys1795277000000 implements MigrationInterface {
    name = 'PersonPasskeys1795277000000';

    async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "passkey_challenges" (
                "id" uuid NOT NULL,
                "ceremony" text NOT NULL,
                "challenge" text NOT NULL,
                "principal_id" uuid,
                "session_id" uuid,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "passkey_challenges_ceremony" CHECK (
                    "ceremony" IN (
                        'registration',
                        'second_factor',
                        'passkey_sign_in'
                    )
                ),
                CONSTRAINT "PK_6e53152b7ac3d0c599f2cffdd7e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "person_passkeys" (
                "id" uuid NOT NULL,
                "principal_id" uuid NOT NULL,
                "credential_id" text NOT NULL,
                "public_key" bytea NOT NULL,
                "counter" bigint NOT NULL DEFAULT '0',
                "transports" text array NOT NULL DEFAULT '{}',
                "envelope" bytea,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_aa3c95a8afb914c292786ea28a2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "person_passkeys_credential" ON "person_passkeys" ("credential_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "person_passkeys_principal" ON "person_passkeys" ("principal_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "person_passkeys"
            ADD CONSTRAINT "FK_cc388245bdf314331cf403aba83" FOREIGN KEY ("principal_id") REFERENCES "principals"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "person_passkeys", "passkey_challenges" TO ccr_api`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "person_passkeys" DROP CONSTRAINT "FK_cc388245bdf314331cf403aba83"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."person_passkeys_principal"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."person_passkeys_credential"
        `);
        await queryRunner.query(`
            DROP TABLE "person_passkeys"
        `);
        await queryRunner.query(`
            DROP TABLE "passkey_challenges"
        `);
    }
}
