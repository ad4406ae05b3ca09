import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Standing high-risk teams and their member agencies (issue 22, decision 0099). No survivor data. */
export class RiskTeams1795275000000 implements MigrationInterface {
    name = 'RiskTeams1795275000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "risk_teams" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "chair_agency_id" uuid NOT NULL,
                "requires_written_consent" boolean NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d7440eefffad5513c1790fad15" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "risk_team_members" (
                "team_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                CONSTRAINT "PK_afb9bb09d2f19aa46a517ada471" PRIMARY KEY ("team_id", "agency_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "risk_team_members_agency" ON "risk_team_members" ("agency_id")
        `);
        await queryRunner.query(`GRANT SELECT, INSERT ON "risk_teams", "risk_team_members" TO ccr_api`);
        await queryRunner.query(`
            ALTER TABLE "risk_teams"
            ADD CONSTRAINT "FK_2e7957f0910e52a6cf6da739779" FOREIGN KEY ("chair_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_members"
            ADD CONSTRAINT "FK_9d5c3f46a113dcfc1ed48cc4c9d" FOREIGN KEY ("team_id") REFERENCES "risk_teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_members"
            ADD CONSTRAINT "FK_9fb2aede86ec731f97f821b5577" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`REVOKE ALL ON "risk_teams", "risk_team_members" FROM ccr_api`);
        await queryRunner.query(`
            ALTER TABLE "risk_team_members" DROP CONSTRAINT "FK_9fb2aede86ec731f97f821b5577"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_members" DROP CONSTRAINT "FK_9d5c3f46a113dcfc1ed48cc4c9d"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_teams" DROP CONSTRAINT "FK_2e7957f0910e52a6cf6da739779"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."risk_team_members_agency"
        `);
        await queryRunner.query(`
            DROP TABLE "risk_team_members"
        `);
        await queryRunner.query(`
            DROP TABLE "risk_teams"
        `);
    }
}
