import { type MigrationInterface, type QueryRunner } from "typeorm";

/** The agency key directory (generated from the entity); grants to the API role added by hand. */

export class AgencyKeys1795242339386 implements MigrationInterface {
    name = 'AgencyKeys1795242339386'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "agency_keys" (
                "agency_id" uuid NOT NULL,
                "epoch" integer NOT NULL,
                "sign_public_key" bytea NOT NULL,
                "box_public_key" bytea NOT NULL,
                "created_at" text NOT NULL,
                "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "retired_at" TIMESTAMP WITH TIME ZONE,
                "registration" jsonb NOT NULL,
                "registered_by_principal_id" uuid NOT NULL,
                CONSTRAINT "agency_keys_retired_after_registered" CHECK (
                    retired_at IS NULL
                    OR retired_at >= registered_at
                ),
                CONSTRAINT "agency_keys_key_lengths" CHECK (
                    octet_length(sign_public_key) = 32
                    AND octet_length(box_public_key) = 32
                ),
                CONSTRAINT "agency_keys_epoch" CHECK (epoch >= 1),
                CONSTRAINT "PK_1db03e0732857827c45650567a1" PRIMARY KEY ("agency_id", "epoch")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "agency_keys_box_public_key" ON "agency_keys" ("box_public_key")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "agency_keys_sign_public_key" ON "agency_keys" ("sign_public_key")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "agency_keys_one_current" ON "agency_keys" ("agency_id")
            WHERE "retired_at" IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "agency_keys"
            ADD CONSTRAINT "FK_8b927ac1985fd1afca6f4275a4a" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agency_keys"
            ADD CONSTRAINT "FK_b32d5ddb636850779242adfb8cd" FOREIGN KEY ("registered_by_principal_id") REFERENCES "principals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // Read by everyone (public keys), registered, and retired: no other change, never deleted.
        await queryRunner.query(`GRANT SELECT, INSERT ON "agency_keys" TO ccr_api`);
        await queryRunner.query(`GRANT UPDATE ("retired_at") ON "agency_keys" TO ccr_api`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`REVOKE ALL ON "agency_keys" FROM ccr_api`);
        await queryRunner.query(`
            ALTER TABLE "agency_keys" DROP CONSTRAINT "FK_b32d5ddb636850779242adfb8cd"
        `);
        await queryRunner.query(`
            ALTER TABLE "agency_keys" DROP CONSTRAINT "FK_8b927ac1985fd1afca6f4275a4a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."agency_keys_one_current"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."agency_keys_sign_public_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."agency_keys_box_public_key"
        `);
        await queryRunner.query(`
            DROP TABLE "agency_keys"
        `);
    }

}
