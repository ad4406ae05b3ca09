import { type MigrationInterface, type QueryRunner } from "typeorm";

/** Generated from the entities (working agreements, decision 0068); the GIN index on parties and the grants added by hand at the end of up(). */

export class WorkingAgreements1795270000000 implements MigrationInterface {
    name = 'WorkingAgreements1795270000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "agreements" (
                "id" uuid NOT NULL,
                "latest_version" integer NOT NULL,
                "in_force_version" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "agreements_in_force_version" CHECK (
                    in_force_version IS NULL
                    OR (
                        in_force_version >= 1
                        AND in_force_version <= latest_version
                    )
                ),
                CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "agreement_versions" (
                "agreement_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "terms" jsonb NOT NULL,
                "parties" uuid array NOT NULL,
                "proposed_by_agency_id" uuid NOT NULL,
                "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "in_force_at" TIMESTAMP WITH TIME ZONE,
                "superseded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "agreement_versions_version" CHECK (version >= 1),
                CONSTRAINT "PK_98e72b1ca564c47e1b245c58902" PRIMARY KEY ("agreement_id", "version")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "agreement_signatures" (
                "agreement_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "agency_id" uuid NOT NULL,
                "signer_epoch" integer NOT NULL,
                "signature" bytea NOT NULL,
                "signed_by_principal_id" uuid NOT NULL,
                "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "agreement_signatures_length" CHECK (octet_length(signature) = 64),
                CONSTRAINT "PK_35600e852c79da4a2f3be4762a1" PRIMARY KEY ("agreement_id", "version", "agency_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement_versions"
            ADD CONSTRAINT "FK_b5498431a4ab6908eeec22e7303" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement_versions"
            ADD CONSTRAINT "FK_03d83ebececedbcf5a60b7d1ef3" FOREIGN KEY ("proposed_by_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement_signatures"
            ADD CONSTRAINT "FK_6a7f8bead5ac4e391531ff4d957" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement_signatures"
            ADD CONSTRAINT "FK_1b550c7936e9f24a7087565de76" FOREIGN KEY ("signed_by_principal_id") REFERENCES "principals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`CREATE INDEX "agreement_versions_parties" ON "agreement_versions" USING gin ("parties")`);
        // Versions and signatures are never deleted; a version's terms never change once stored.
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "agreements" TO ccr_api`);
        await queryRunner.query(`GRANT SELECT, INSERT ON "agreement_versions", "agreement_signatures" TO ccr_api`);
        await queryRunner.query(`GRANT UPDATE ("in_force_at", "superseded_at") ON "agreement_versions" TO ccr_api`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "agreement_versions_parties"`);
        await queryRunner.query(`
            ALTER TABLE "agreement_signatures" DROP CONSTRAINT "FK_1b550c7936e9f24a7087565de76"
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement_signatures" DROP CONSTRAINT "FK_6a7f8bead5ac4e391531ff4d957"
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement_versions" DROP CONSTRAINT "FK_03d83ebececedbcf5a60b7d1ef3"
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement_versions" DROP CONSTRAINT "FK_b5498431a4ab6908eeec22e7303"
        `);
        await queryRunner.query(`
            DROP TABLE "agreement_signatures"
        `);
        await queryRunner.query(`
            DROP TABLE "agreement_versions"
        `);
        await queryRunner.query(`
            DROP TABLE "agreements"
        `);
    }

}
