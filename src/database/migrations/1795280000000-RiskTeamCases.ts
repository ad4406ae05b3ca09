import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * High-risk team referrals, decisions, meetings, sealed meeting notes and action items (issue 22,
 * decisions 0123-0126). Codes, ids and times only: what is said stays in sealed notes.
 */

export class RiskTeamCases1795280000000 implements MigrationInterface {
    name = 'RiskTeamCases1795280000000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "risk_team_referrals" (
                "id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "referring_agency_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "repeat" boolean NOT NULL,
                "survivor_informed" boolean NOT NULL,
                "consent_state" text NOT NULL,
                "without_consent" boolean NOT NULL,
                "shared_with" uuid array NOT NULL,
                "status" text NOT NULL DEFAULT 'referred',
                "close_reason" text,
                "referred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "decided_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_eaadbe23a6e52c992bed8b00d20" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "risk_team_referrals_team" ON "risk_team_referrals" ("team_id", "referred_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "risk_team_referrals_case" ON "risk_team_referrals" ("case_id", "referred_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "risk_team_decisions" (
                "id" uuid NOT NULL,
                "referral_id" uuid NOT NULL,
                "motion" text NOT NULL,
                "close_reason" text,
                "carried" boolean NOT NULL,
                "votes" jsonb NOT NULL,
                "recorded_by_agency_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_38bc31101a4a852fd8b91801cf4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "risk_team_decisions_referral" ON "risk_team_decisions" ("referral_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "risk_meetings" (
                "id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "held_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "attendee_agency_ids" uuid array NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d56c0f11d19cb3a1a004bde5cb7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "risk_meetings_team" ON "risk_meetings" ("team_id", "held_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "risk_meeting_items" (
                "meeting_id" uuid NOT NULL,
                "referral_id" uuid NOT NULL,
                "position" integer NOT NULL,
                CONSTRAINT "PK_116279b42a330494f8dacd71808" PRIMARY KEY ("meeting_id", "referral_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "risk_meeting_notes" (
                "note_id" uuid NOT NULL,
                "meeting_id" uuid NOT NULL,
                "referral_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "author_agency_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2b53daafec958014771e94997db" PRIMARY KEY ("note_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "risk_meeting_notes_meeting" ON "risk_meeting_notes" ("meeting_id", "referral_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "risk_actions" (
                "id" uuid NOT NULL,
                "meeting_id" uuid NOT NULL,
                "referral_id" uuid NOT NULL,
                "owner_agency_id" uuid NOT NULL,
                "note_id" uuid NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL DEFAULT 'open',
                "not_done_reason" text,
                "overdue_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_32becb9f7514a144deedb3479bf" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "risk_actions_due" ON "risk_actions" ("status", "due_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "risk_actions_owner" ON "risk_actions" ("owner_agency_id", "due_at")
        `);
        await queryRunner.query(`GRANT SELECT, INSERT ON "risk_team_referrals", "risk_team_decisions", "risk_meetings", "risk_meeting_items", "risk_meeting_notes", "risk_actions" TO ccr_api`);
        await queryRunner.query(`GRANT UPDATE ("status", "close_reason", "decided_at") ON "risk_team_referrals" TO ccr_api`);
        await queryRunner.query(`GRANT UPDATE ("status", "not_done_reason", "overdue_at", "updated_at") ON "risk_actions" TO ccr_api`);
        await queryRunner.query(`
            ALTER TABLE "risk_team_referrals"
            ADD CONSTRAINT "FK_a77268dc7f865109216c653924c" FOREIGN KEY ("team_id") REFERENCES "risk_teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_referrals"
            ADD CONSTRAINT "FK_fa4823e8394ce39fd5c751e69fa" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_referrals"
            ADD CONSTRAINT "FK_82fe94108aca5e6907f90e9aea3" FOREIGN KEY ("referring_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_decisions"
            ADD CONSTRAINT "FK_00cb5ae6843dc7e66e866a3c251" FOREIGN KEY ("referral_id") REFERENCES "risk_team_referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meetings"
            ADD CONSTRAINT "FK_172bea2104a66d7ac3e8e651319" FOREIGN KEY ("team_id") REFERENCES "risk_teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_items"
            ADD CONSTRAINT "FK_2a0ded4fc6e67c90d6958314ca6" FOREIGN KEY ("meeting_id") REFERENCES "risk_meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_items"
            ADD CONSTRAINT "FK_8960e7414693610fae6a75eb4d5" FOREIGN KEY ("referral_id") REFERENCES "risk_team_referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_notes"
            ADD CONSTRAINT "FK_2b53daafec958014771e94997db" FOREIGN KEY ("note_id") REFERENCES "notes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_notes"
            ADD CONSTRAINT "FK_6712f79f192331b595e482c815b" FOREIGN KEY ("meeting_id") REFERENCES "risk_meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_notes"
            ADD CONSTRAINT "FK_5a5bd2967a74750c18eab36aaf4" FOREIGN KEY ("referral_id") REFERENCES "risk_team_referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_actions"
            ADD CONSTRAINT "FK_b8b7293d8a8c0b5e19b43b2ee31" FOREIGN KEY ("meeting_id") REFERENCES "risk_meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_actions"
            ADD CONSTRAINT "FK_00d1220dd8171884f97785721bc" FOREIGN KEY ("referral_id") REFERENCES "risk_team_referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_actions"
            ADD CONSTRAINT "FK_d8d7fe4b4e489c5735a3f068f0b" FOREIGN KEY ("owner_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_actions"
            ADD CONSTRAINT "FK_71a28f6a9f7bff15233cdf0f263" FOREIGN KEY ("note_id") REFERENCES "notes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`REVOKE ALL ON "risk_team_referrals", "risk_team_decisions", "risk_meetings", "risk_meeting_items", "risk_meeting_notes", "risk_actions" FROM ccr_api`);
        await queryRunner.query(`
            ALTER TABLE "risk_actions" DROP CONSTRAINT "FK_71a28f6a9f7bff15233cdf0f263"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_actions" DROP CONSTRAINT "FK_d8d7fe4b4e489c5735a3f068f0b"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_actions" DROP CONSTRAINT "FK_00d1220dd8171884f97785721bc"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_actions" DROP CONSTRAINT "FK_b8b7293d8a8c0b5e19b43b2ee31"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_notes" DROP CONSTRAINT "FK_5a5bd2967a74750c18eab36aaf4"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_notes" DROP CONSTRAINT "FK_6712f79f192331b595e482c815b"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_notes" DROP CONSTRAINT "FK_2b53daafec958014771e94997db"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_items" DROP CONSTRAINT "FK_8960e7414693610fae6a75eb4d5"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meeting_items" DROP CONSTRAINT "FK_2a0ded4fc6e67c90d6958314ca6"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_meetings" DROP CONSTRAINT "FK_172bea2104a66d7ac3e8e651319"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_decisions" DROP CONSTRAINT "FK_00cb5ae6843dc7e66e866a3c251"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_referrals" DROP CONSTRAINT "FK_82fe94108aca5e6907f90e9aea3"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_referrals" DROP CONSTRAINT "FK_fa4823e8394ce39fd5c751e69fa"
        `);
        await queryRunner.query(`
            ALTER TABLE "risk_team_referrals" DROP CONSTRAINT "FK_a77268dc7f865109216c653924c"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."risk_actions_owner"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."risk_actions_due"
        `);
        await queryRunner.query(`
            DROP TABLE "risk_actions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."risk_meeting_notes_meeting"
        `);
        await queryRunner.query(`
            DROP TABLE "risk_meeting_notes"
        `);
        await queryRunner.query(`
            DROP TABLE "risk_meeting_items"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."risk_meetings_team"
        `);
        await queryRunner.query(`
            DROP TABLE "risk_meetings"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."risk_team_decisions_referral"
        `);
        await queryRunner.query(`
            DROP TABLE "risk_team_decisions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."risk_team_referrals_case"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."risk_team_referrals_team"
        `);
        await queryRunner.query(`
            DROP TABLE "risk_team_referrals"
        `);
    }
}
