import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * People's keys (issue 19, milestone 2): public keys and the password envelope per person, and
 * membership wraps (an agency epoch sealed to a member, signed by the agency's key). Ciphertext and
 * public keys only.
 */
export class PersonKeys1795273000000 implements MigrationInterface {
    name = 'PersonKeys1795273000000';

  async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "membership_wraps" (
                "principal_id" uuid NOT NULL,
                "epoch" integer NOT NULL,
                "agency_id" uuid NOT NULL,
                "wrap" bytea NOT NULL,
                "signature" bytea NOT NULL,
                "issued_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8ce3105784253ad6a99969ca3dc" PRIMARY KEY ("principal_id", "epoch")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "membership_wraps_agency" ON "membership_wraps" ("agency_id", "epoch")
        `);
        await queryRunner.query(`
            CREATE TABLE "person_keys" (
                "principal_id" uuid NOT NULL,
                "sign_public_key" bytea NOT NULL,
                "box_public_key" bytea NOT NULL,
                "key_version" integer NOT NULL,
                "envelope" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5046fa6e11208ebd79b91cbd28e" PRIMARY KEY ("principal_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "membership_wraps"
            ADD CONSTRAINT "FK_4c2d715b46708fd3269021c28a5" FOREIGN KEY ("principal_id") REFERENCES "principals"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "person_keys"
            ADD CONSTRAINT "FK_5046fa6e11208ebd79b91cbd28e" FOREIGN KEY ("principal_id") REFERENCES "principals"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "person_keys", "membership_wraps" TO ccr_api`);
    }

  async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "person_keys" DROP CONSTRAINT "FK_5046fa6e11208ebd79b91cbd28e"
        `);
        await queryRunner.query(`
            ALTER TABLE "membership_wraps" DROP CONSTRAINT "FK_4c2d715b46708fd3269021c28a5"
        `);
        await queryRunner.query(`
            DROP TABLE "person_keys"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."membership_wraps_agency"
        `);
        await queryRunner.query(`
            DROP TABLE "membership_wraps"
        `);
    }}
