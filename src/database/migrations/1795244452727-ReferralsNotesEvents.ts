import { type MigrationInterface, type QueryRunner } from "typeorm";

/** Generated from the entities (referrals, notes, agency events); grants and history triggers added by hand at the end. */

export class ReferralsNotesEvents1795244452727 implements MigrationInterface {
    name = 'ReferralsNotesEvents1795244452727'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "agency_events" (
                "id" BIGSERIAL NOT NULL,
                "agency_id" uuid NOT NULL,
                "type" text NOT NULL,
                "referral_id" uuid,
                "consent_id" uuid,
                "record_id" uuid,
                "case_id" uuid,
                "position" bigint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d4501948d7c02160ede32afc9c6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "agency_events_feed" ON "agency_events" ("agency_id", "position", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "notes" (
                "id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "author_agency_id" uuid NOT NULL,
                "category" text NOT NULL,
                "current_version" integer NOT NULL,
                "current_record_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "notes_category" CHECK (
                    "category" IN (
                        'risk',
                        'safety_plan',
                        'legal',
                        'coordination',
                        'health',
                        'substance_use',
                        'children',
                        'immigration',
                        'privileged_counseling'
                    )
                ),
                CONSTRAINT "PK_af6206538ea96c4e77e9f400c3d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "notes_case" ON "notes" ("case_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "note_versions" (
                "note_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "record_id" uuid NOT NULL,
                "created_by_principal_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_c5cae846e39c2c14be5388ca1b8" UNIQUE ("record_id"),
                CONSTRAINT "PK_91bcc1d6a140025316199377e68" PRIMARY KEY ("note_id", "version")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "referrals" (
                "id" uuid NOT NULL,
                "from_agency_id" uuid NOT NULL,
                "to_agency_id" uuid NOT NULL,
                "from_case_id" uuid NOT NULL,
                "to_case_id" uuid NOT NULL,
                "consent_id" uuid NOT NULL,
                "purpose" text NOT NULL,
                "priority" text NOT NULL,
                "content_record_id" uuid NOT NULL,
                "status" text NOT NULL,
                "status_reason" text,
                "outcome" text,
                "outcome_record_id" uuid,
                "version" integer NOT NULL,
                "idempotency_key" text NOT NULL,
                "request_sha256" bytea NOT NULL,
                "created_by_principal_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "referrals_distinct_agencies" CHECK (from_agency_id <> to_agency_id),
                CONSTRAINT "referrals_outcome" CHECK (
                    outcome IS NULL
                    OR "outcome" IN (
                        'got_help',
                        'eligible',
                        'needs_client_action',
                        'couldnt_contact',
                        'not_eligible',
                        'no_capacity',
                        'couldnt_get_help',
                        'no_longer_interested',
                        'referred_elsewhere'
                    )
                ),
                CONSTRAINT "referrals_status_reason" CHECK (
                    status_reason IS NULL
                    OR "status_reason" IN (
                        'no_capacity',
                        'not_eligible',
                        'conflict_of_interest',
                        'safety_concern',
                        'out_of_area',
                        'duplicate',
                        'survivor_withdrew',
                        'no_longer_needed',
                        'sent_to_wrong_agency',
                        'consent_revoked',
                        'consent_expired',
                        'expired_no_response',
                        'waitlisted',
                        'survivor_unreachable',
                        'survivor_paused',
                        'couldnt_contact',
                        'survivor_declined',
                        'not_eligible_after_intake',
                        'entered_in_error'
                    )
                ),
                CONSTRAINT "referrals_purpose" CHECK (
                    "purpose" IN (
                        'advocacy_services',
                        'safety_planning',
                        'protection_order_support',
                        'prosecution_support',
                        'supervision',
                        'health_care',
                        'child_welfare',
                        'housing',
                        'legal_representation',
                        'batterer_intervention',
                        'service_coordination'
                    )
                ),
                CONSTRAINT "referrals_priority" CHECK (
                    "priority" IN ('routine', 'urgent', 'asap', 'stat')
                ),
                CONSTRAINT "referrals_status" CHECK (
                    "status" IN (
                        'requested',
                        'received',
                        'accepted',
                        'rejected',
                        'in_progress',
                        'on_hold',
                        'completed',
                        'failed',
                        'cancelled',
                        'entered_in_error'
                    )
                ),
                CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "referrals_idempotency" ON "referrals" ("from_agency_id", "idempotency_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "referrals_consent" ON "referrals" ("consent_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "referrals_outbox" ON "referrals" ("from_agency_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "referrals_inbox" ON "referrals" ("to_agency_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "referral_status_changes" (
                "referral_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "from_status" text,
                "to_status" text NOT NULL,
                "reason" text,
                "outcome" text,
                "side" text NOT NULL,
                "principal_id" uuid,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9c30690d250d58c789cd397c74d" PRIMARY KEY ("referral_id", "version")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "notes"
            ADD CONSTRAINT "FK_04ef7a289a039495d38e705d022" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notes"
            ADD CONSTRAINT "FK_6ad28a27c450a881f445916bc4b" FOREIGN KEY ("current_record_id") REFERENCES "records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "note_versions"
            ADD CONSTRAINT "FK_71f17f1c33f2a4e36cc7cd80005" FOREIGN KEY ("note_id") REFERENCES "notes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "note_versions"
            ADD CONSTRAINT "FK_c5cae846e39c2c14be5388ca1b8" FOREIGN KEY ("record_id") REFERENCES "records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals"
            ADD CONSTRAINT "FK_a1324ffee0b35ec92b25b54b06c" FOREIGN KEY ("from_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals"
            ADD CONSTRAINT "FK_31ee7d594707bebd153b29adbfc" FOREIGN KEY ("to_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals"
            ADD CONSTRAINT "FK_1a28e998fb0337aefb2cb66ec05" FOREIGN KEY ("from_case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals"
            ADD CONSTRAINT "FK_b3c0d5e967451e623aa56e6f7e7" FOREIGN KEY ("to_case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals"
            ADD CONSTRAINT "FK_c8c8f479864d43b9fe0233065a4" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals"
            ADD CONSTRAINT "FK_bddedbefc29a3201b163104fd97" FOREIGN KEY ("content_record_id") REFERENCES "records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_status_changes"
            ADD CONSTRAINT "FK_57ebb5d204279d9218aa232f962" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "referrals", "notes" TO ccr_api`);
        await queryRunner.query(`GRANT SELECT, INSERT ON "referral_status_changes", "note_versions" TO ccr_api`);
        // Events are written only through ccr_publish_event(), which orders them by the log's lock.
        await queryRunner.query(`GRANT SELECT ON "agency_events" TO ccr_api`);
        await queryRunner.query(PUBLISH_EVENT);
        await queryRunner.query(`REVOKE ALL ON FUNCTION ccr_publish_event(uuid, text, uuid, uuid, uuid, uuid) FROM PUBLIC`);
        await queryRunner.query(`GRANT EXECUTE ON FUNCTION ccr_publish_event(uuid, text, uuid, uuid, uuid, uuid) TO ccr_api`);
        // Shares are checked against the record's key commitment (a hash, not a secret).
        await queryRunner.query(`GRANT SELECT ("key_commitment") ON "records" TO ccr_api`);
        for (const table of ["referral_status_changes", "note_versions"]) {
            await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ccr_refuse_change()`);
            await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION ccr_refuse_change()`);
        }
        for (const table of ["referrals", "notes"]) {
            await queryRunner.query(`CREATE TRIGGER ${table}_never_deleted BEFORE DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ccr_refuse_change()`);
            await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION ccr_refuse_change()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`REVOKE SELECT ("key_commitment") ON "records" FROM ccr_api`);
        await queryRunner.query(`DROP FUNCTION ccr_publish_event(uuid, text, uuid, uuid, uuid, uuid)`);
        await queryRunner.query(`
            ALTER TABLE "referral_status_changes" DROP CONSTRAINT "FK_57ebb5d204279d9218aa232f962"
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals" DROP CONSTRAINT "FK_bddedbefc29a3201b163104fd97"
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals" DROP CONSTRAINT "FK_c8c8f479864d43b9fe0233065a4"
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals" DROP CONSTRAINT "FK_b3c0d5e967451e623aa56e6f7e7"
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals" DROP CONSTRAINT "FK_1a28e998fb0337aefb2cb66ec05"
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals" DROP CONSTRAINT "FK_31ee7d594707bebd153b29adbfc"
        `);
        await queryRunner.query(`
            ALTER TABLE "referrals" DROP CONSTRAINT "FK_a1324ffee0b35ec92b25b54b06c"
        `);
        await queryRunner.query(`
            ALTER TABLE "note_versions" DROP CONSTRAINT "FK_c5cae846e39c2c14be5388ca1b8"
        `);
        await queryRunner.query(`
            ALTER TABLE "note_versions" DROP CONSTRAINT "FK_71f17f1c33f2a4e36cc7cd80005"
        `);
        await queryRunner.query(`
            ALTER TABLE "notes" DROP CONSTRAINT "FK_6ad28a27c450a881f445916bc4b"
        `);
        await queryRunner.query(`
            ALTER TABLE "notes" DROP CONSTRAINT "FK_04ef7a289a039495d38e705d022"
        `);
        await queryRunner.query(`
            DROP TABLE "referral_status_changes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."referrals_inbox"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."referrals_outbox"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."referrals_consent"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."referrals_idempotency"
        `);
        await queryRunner.query(`
            DROP TABLE "referrals"
        `);
        await queryRunner.query(`
            DROP TABLE "note_versions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notes_case"
        `);
        await queryRunner.query(`
            DROP TABLE "notes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."agency_events_feed"
        `);
        await queryRunner.query(`
            DROP TABLE "agency_events"
        `);
    }

}

/**
 * Writes an agency event at the log's current size, read under the log's row lock (the one every
 * append takes and holds until commit). Events of a later commit can never get a smaller position,
 * so the feed never skips one — unlike a sequence, whose values are taken in call order.
 */
const PUBLISH_EVENT = `
CREATE FUNCTION ccr_publish_event(p_agency uuid, p_type text, p_referral uuid, p_consent uuid, p_record uuid, p_case uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
  pos bigint;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'events are written under READ COMMITTED only' USING ERRCODE = 'CC500';
  END IF;
  SELECT tree_size INTO pos FROM ledger_state WHERE id = 1 FOR UPDATE;
  INSERT INTO agency_events (agency_id, type, referral_id, consent_id, record_id, case_id, position)
  VALUES (p_agency, p_type, p_referral, p_consent, p_record, p_case, pos);
END
$fn$`;
