import { type MigrationInterface, type QueryRunner } from "typeorm";

/** Generated from the entities; grants to the API role added by hand (nothing else). */

export class AgenciesAndPrincipals1795241174661 implements MigrationInterface {
    name = 'AgenciesAndPrincipals1795241174661'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "agencies" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "regime" text NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "coordinating_body" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_1ea16c73ecef4bab2f61c31c889" UNIQUE ("name"),
                CONSTRAINT "agencies_status" CHECK ("status" IN ('active', 'suspended')),
                CONSTRAINT "agencies_regime" CHECK (
                    "regime" IN (
                        'vawa_fvpsa_voca',
                        'hipaa',
                        'part2',
                        'criminal_justice',
                        'ferpa',
                        'none'
                    )
                ),
                CONSTRAINT "agencies_kind" CHECK (
                    "kind" IN (
                        'law_enforcement',
                        'prosecution',
                        'court',
                        'probation',
                        'advocacy',
                        'health',
                        'child_protection',
                        'school',
                        'faith',
                        'culturally_specific',
                        'batterer_intervention',
                        'other'
                    )
                ),
                CONSTRAINT "PK_8ab1f1f53f56c8255b0d7e68b28" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "agencies_one_coordinating_body" ON "agencies" ("coordinating_body")
            WHERE "coordinating_body"
        `);
        await queryRunner.query(`
            CREATE TABLE "client_assertion_jtis" (
                "principal_id" uuid NOT NULL,
                "jti" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_4a6186cfd7e2f1a318c434cc1af" PRIMARY KEY ("principal_id", "jti")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "client_assertion_jtis_expiry" ON "client_assertion_jtis" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "token_failures" (
                "key" text NOT NULL,
                "failures" integer NOT NULL,
                "first_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "blocked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_deef9663a5f3096ddfde0e54828" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "principals" (
                "id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "username" text NOT NULL,
                "display_name" text NOT NULL,
                "roles" text array NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "secret_hash" text,
                "client_jwk" jsonb,
                "credentials_rotated_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_22c061bf5621930505e7e508fac" UNIQUE ("username"),
                CONSTRAINT "principals_roles" CHECK (
                    cardinality(roles) > 0
                    AND "roles" <@ ARRAY ['service', 'advocate', 'agency_worker', 'auditor', 'admin']::text []
                ),
                CONSTRAINT "principals_status" CHECK ("status" IN ('active', 'disabled')),
                CONSTRAINT "principals_kind" CHECK ("kind" IN ('service', 'person')),
                CONSTRAINT "PK_58c7b420eb803e39d754963719c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "principals_agency" ON "principals" ("agency_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "principals"
            ADD CONSTRAINT "FK_e76813da074833d3e9bffd09e4f" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "agencies", "principals" TO ccr_api`);
        await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON "client_assertion_jtis" TO ccr_api`);
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "token_failures" TO ccr_api`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "principals" DROP CONSTRAINT "FK_e76813da074833d3e9bffd09e4f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."principals_agency"
        `);
        await queryRunner.query(`
            DROP TABLE "principals"
        `);
        await queryRunner.query(`
            DROP TABLE "token_failures"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."client_assertion_jtis_expiry"
        `);
        await queryRunner.query(`
            DROP TABLE "client_assertion_jtis"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."agencies_one_coordinating_body"
        `);
        await queryRunner.query(`
            DROP TABLE "agencies"
        `);
    }

}
