import { type MigrationInterface, type QueryRunner } from "typeorm";

/** Generated from the entities (referral deadlines, decision 0069); the grants added by hand at the end of up(). */

export class ReferralDeadlines1795271000000 implements MigrationInterface {
    name = 'ReferralDeadlines1795271000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "referral_deadlines" (
                "referral_id" uuid NOT NULL,
                "step" text NOT NULL,
                "respond_by" TIMESTAMP WITH TIME ZONE NOT NULL,
                "agreement_id" uuid NOT NULL,
                "agreement_version" integer NOT NULL,
                "escalate_to_agency_id" uuid NOT NULL,
                "escalate_to_role" text NOT NULL,
                "due_soon_at" TIMESTAMP WITH TIME ZONE,
                "overdue_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "referral_deadlines_step" CHECK (
                    "step" IN ('received', 'answered', 'first_contact')
                ),
                CONSTRAINT "PK_96a3b7f1f23e16186bf78183af9" PRIMARY KEY ("referral_id", "step")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "referral_deadlines_due" ON "referral_deadlines" ("respond_by")
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_deadlines"
            ADD CONSTRAINT "FK_4bc718458262ec48cf0c303079a" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_deadlines"
            ADD CONSTRAINT "FK_9f5806e7016ddd709fbb129ac6e" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_deadlines"
            ADD CONSTRAINT "FK_8c384be558eb29b9e19f84f359d" FOREIGN KEY ("escalate_to_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // Written with the referral; only the sweep's markers change afterwards.
        await queryRunner.query(`GRANT SELECT, INSERT ON "referral_deadlines" TO ccr_api`);
        await queryRunner.query(`GRANT UPDATE ("due_soon_at", "overdue_at") ON "referral_deadlines" TO ccr_api`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "referral_deadlines" DROP CONSTRAINT "FK_8c384be558eb29b9e19f84f359d"
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_deadlines" DROP CONSTRAINT "FK_9f5806e7016ddd709fbb129ac6e"
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_deadlines" DROP CONSTRAINT "FK_4bc718458262ec48cf0c303079a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."referral_deadlines_due"
        `);
        await queryRunner.query(`
            DROP TABLE "referral_deadlines"
        `);
    }

}
