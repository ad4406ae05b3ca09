import { type MigrationInterface, type QueryRunner } from "typeorm";

/** Generated from the entities. Grants, functions and triggers follow in LedgerAndDisclosureFunctions. */

export class CasesConsentRecordsLedger1795241945059 implements MigrationInterface {
    name = 'CasesConsentRecordsLedger1795241945059'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "cases" (
                "id" uuid NOT NULL,
                "custodian_agency_id" uuid NOT NULL,
                "linked_from_case_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "cases_custodian" ON "cases" ("custodian_agency_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "consents" (
                "id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "custodian_agency_id" uuid NOT NULL,
                "recipient_agency_id" uuid NOT NULL,
                "current_version" integer NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_by_principal_id" uuid,
                "revocation_channel" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "consents_distinct_parties" CHECK (custodian_agency_id <> recipient_agency_id),
                CONSTRAINT "consents_revocation_complete" CHECK (
                    (revoked_at IS NULL) = (revoked_by_principal_id IS NULL)
                    AND (revoked_at IS NULL) = (revocation_channel IS NULL)
                ),
                CONSTRAINT "consents_revocation_channel" CHECK (
                    revocation_channel IS NULL
                    OR "revocation_channel" IN ('in_person', 'phone', 'written', 'electronic')
                ),
                CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "consents_recipient" ON "consents" ("recipient_agency_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "consents_case" ON "consents" ("case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "consent_versions" (
                "consent_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "categories" text array NOT NULL,
                "actions" text array NOT NULL,
                "purpose" text NOT NULL,
                "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL,
                "capture_mode" text NOT NULL,
                "language" text NOT NULL,
                "interpreter" jsonb NOT NULL,
                "informed_consent" text array NOT NULL,
                "deny_agency_ids" uuid array NOT NULL,
                "release_document_sha256" bytea,
                "terms_record_id" uuid,
                "recorded_by_principal_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "signer_epoch" integer NOT NULL,
                "signature" bytea NOT NULL,
                CONSTRAINT "consent_versions_categories" CHECK (
                    "categories" <@ ARRAY ['risk', 'safety_plan', 'legal', 'coordination', 'health', 'substance_use', 'children', 'immigration']::text []
                ),
                CONSTRAINT "consent_versions_actions" CHECK (
                    cardinality(actions) > 0
                    AND "actions" <@ ARRAY ['receive_referral', 'receive_notes', 'share_status_back', 'share_content_back']::text []
                ),
                CONSTRAINT "consent_versions_purpose" CHECK (
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
                CONSTRAINT "consent_versions_capture_mode" CHECK (
                    "capture_mode" IN (
                        'written_signature',
                        'electronic_written',
                        'verbal'
                    )
                ),
                CONSTRAINT "consent_versions_window" CHECK (valid_from < valid_until),
                CONSTRAINT "PK_964f0195ce0ff4ebbc6ae6fde7a" PRIMARY KEY ("consent_id", "version")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "mandates" (
                "id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "custodian_agency_id" uuid NOT NULL,
                "recipient_agency_id" uuid NOT NULL,
                "basis" text NOT NULL,
                "categories" text array NOT NULL,
                "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "valid_until" TIMESTAMP WITH TIME ZONE,
                "reviewed_by_principal_id" uuid NOT NULL,
                "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "survivor_notification" text NOT NULL,
                "survivor_notified_at" TIMESTAMP WITH TIME ZONE,
                "notification_reason" text,
                "details_record_id" uuid,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "recorded_by_principal_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "mandates_distinct_parties" CHECK (custodian_agency_id <> recipient_agency_id),
                CONSTRAINT "mandates_window" CHECK (
                    valid_until IS NULL
                    OR valid_from < valid_until
                ),
                CONSTRAINT "mandates_notification_reason" CHECK (
                    notification_reason IS NULL
                    OR "notification_reason" IN (
                        'court_ordered_delay',
                        'risk_of_serious_harm',
                        'law_enforcement_request',
                        'survivor_unreachable'
                    )
                ),
                CONSTRAINT "mandates_notification" CHECK (
                    "survivor_notification" IN ('notified', 'pending', 'delayed', 'withheld')
                ),
                CONSTRAINT "mandates_categories" CHECK (
                    cardinality(categories) > 0
                    AND "categories" <@ ARRAY ['risk', 'safety_plan', 'legal', 'coordination', 'health', 'substance_use', 'children', 'immigration', 'privileged_counseling', 'referral', 'outcome', 'profile', 'consent_terms']::text []
                ),
                CONSTRAINT "mandates_basis" CHECK ("basis" IN ('court_order', 'statute')),
                CONSTRAINT "PK_08c57882cd87cc778f329700004" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "mandates_case" ON "mandates" ("case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "ledger_entries" (
                "idx" bigint NOT NULL,
                "leaf_hash" bytea NOT NULL,
                "entry" bytea NOT NULL,
                "kind" text NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_agency_id" uuid,
                "recipient_agency_id" uuid,
                "case_id" uuid,
                "case_seq" integer,
                "consent_id" uuid,
                "outcome" text,
                CONSTRAINT "PK_76a4c1deb6a27137b1db0631d8f" PRIMARY KEY ("idx")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ledger_entries_kind" ON "ledger_entries" ("kind", "recorded_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ledger_entries_consent" ON "ledger_entries" ("consent_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ledger_entries_recipient" ON "ledger_entries" ("recipient_agency_id", "recorded_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ledger_entries_actor_agency" ON "ledger_entries" ("actor_agency_id", "recorded_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ledger_entries_case" ON "ledger_entries" ("case_id", "idx")
        `);
        await queryRunner.query(`
            CREATE TABLE "ledger_nodes" (
                "level" smallint NOT NULL,
                "idx" bigint NOT NULL,
                "hash" bytea NOT NULL,
                CONSTRAINT "PK_38e14d8322951eddee400ea4c3e" PRIMARY KEY ("level", "idx")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "ledger_state" (
                "id" smallint NOT NULL,
                "tree_size" bigint NOT NULL,
                "frontier" bytea array NOT NULL,
                CONSTRAINT "ledger_state_single_row" CHECK (id = 1),
                CONSTRAINT "PK_ab4b5888a844593b165667f6a2d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "ledger_checkpoints" (
                "tree_size" bigint NOT NULL,
                "root" bytea NOT NULL,
                "note" text NOT NULL,
                "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_ac553049d7512eb76a0052ccaf6" PRIMARY KEY ("tree_size")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "ledger_cosignatures" (
                "tree_size" bigint NOT NULL,
                "witness_name" text NOT NULL,
                "signature_line" text NOT NULL,
                "cosigned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_e79a4e08d0202fe57d5b29337d5" PRIMARY KEY ("tree_size", "witness_name")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "ledger_witnesses" (
                "name" text NOT NULL,
                "verifier_key" text NOT NULL,
                "agency_id" uuid,
                "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_5ae44c453beaecb3127289ad97a" UNIQUE ("verifier_key"),
                CONSTRAINT "PK_f775f1e0aeb5ae36d603416065b" PRIMARY KEY ("name")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "records" (
                "id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "category" text NOT NULL,
                "author_agency_id" uuid NOT NULL,
                "signer_epoch" integer NOT NULL,
                "created_at" text NOT NULL,
                "supersedes" uuid,
                "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "nonce" bytea NOT NULL,
                "ciphertext" bytea NOT NULL,
                "ciphertext_sha256" bytea NOT NULL,
                "key_commitment" bytea NOT NULL,
                "signature" bytea NOT NULL,
                CONSTRAINT "PK_188149422ee2454660abf1d5ee5" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "records_case" ON "records" ("case_id", "stored_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "record_recipients" (
                "record_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "epoch" integer NOT NULL,
                "basis_kind" text NOT NULL,
                "basis_id" uuid,
                "wrap_hash" bytea NOT NULL,
                "via" text NOT NULL,
                "sharer_agency_id" uuid,
                "sharer_epoch" integer,
                "share_signature" bytea,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "record_recipients_share" CHECK (
                    (via = 'share') = (share_signature IS NOT NULL)
                    AND via IN ('manifest', 'share')
                ),
                CONSTRAINT "record_recipients_basis_kind" CHECK (
                    (basis_kind = 'custodian') = (basis_id IS NULL)
                    AND basis_kind IN ('custodian', 'consent', 'mandate')
                ),
                CONSTRAINT "PK_02ca9e75c6f7a84a9ec48441ef5" PRIMARY KEY ("record_id", "agency_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "record_recipients_agency" ON "record_recipients" ("agency_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "record_recipients_basis" ON "record_recipients" ("basis_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "record_wraps" (
                "record_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "wrap" bytea NOT NULL,
                CONSTRAINT "PK_849fc6da5f5e2d4879f1b8d458a" PRIMARY KEY ("record_id", "agency_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_df98157a33af25db157c9a6c50b" FOREIGN KEY ("custodian_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_3bd521431586ff1ce77f68b2261" FOREIGN KEY ("linked_from_case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consents"
            ADD CONSTRAINT "FK_6d4ed023d54f129e89570d0a1c5" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consents"
            ADD CONSTRAINT "FK_525da9d6c4a19b1d323dbc510d0" FOREIGN KEY ("custodian_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consents"
            ADD CONSTRAINT "FK_26634ad25018f2200fca7201369" FOREIGN KEY ("recipient_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_versions"
            ADD CONSTRAINT "FK_0c142cc728e887d0cc867decccc" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mandates"
            ADD CONSTRAINT "FK_783864f7bf589e22e01561b2e87" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mandates"
            ADD CONSTRAINT "FK_d33386f4278a3d1f7edc4a00338" FOREIGN KEY ("custodian_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mandates"
            ADD CONSTRAINT "FK_c1f5ad200b0b33872395037412f" FOREIGN KEY ("recipient_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "records"
            ADD CONSTRAINT "FK_5908976ee743c19803cc658c565" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "record_recipients"
            ADD CONSTRAINT "FK_265867b8e0bfb54449d7666e333" FOREIGN KEY ("record_id") REFERENCES "records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "record_wraps"
            ADD CONSTRAINT "FK_849fc6da5f5e2d4879f1b8d458a" FOREIGN KEY ("record_id", "agency_id") REFERENCES "record_recipients"("record_id", "agency_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "record_wraps" DROP CONSTRAINT "FK_849fc6da5f5e2d4879f1b8d458a"
        `);
        await queryRunner.query(`
            ALTER TABLE "record_recipients" DROP CONSTRAINT "FK_265867b8e0bfb54449d7666e333"
        `);
        await queryRunner.query(`
            ALTER TABLE "records" DROP CONSTRAINT "FK_5908976ee743c19803cc658c565"
        `);
        await queryRunner.query(`
            ALTER TABLE "mandates" DROP CONSTRAINT "FK_c1f5ad200b0b33872395037412f"
        `);
        await queryRunner.query(`
            ALTER TABLE "mandates" DROP CONSTRAINT "FK_d33386f4278a3d1f7edc4a00338"
        `);
        await queryRunner.query(`
            ALTER TABLE "mandates" DROP CONSTRAINT "FK_783864f7bf589e22e01561b2e87"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_versions" DROP CONSTRAINT "FK_0c142cc728e887d0cc867decccc"
        `);
        await queryRunner.query(`
            ALTER TABLE "consents" DROP CONSTRAINT "FK_26634ad25018f2200fca7201369"
        `);
        await queryRunner.query(`
            ALTER TABLE "consents" DROP CONSTRAINT "FK_525da9d6c4a19b1d323dbc510d0"
        `);
        await queryRunner.query(`
            ALTER TABLE "consents" DROP CONSTRAINT "FK_6d4ed023d54f129e89570d0a1c5"
        `);
        await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_3bd521431586ff1ce77f68b2261"
        `);
        await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_df98157a33af25db157c9a6c50b"
        `);
        await queryRunner.query(`
            DROP TABLE "record_wraps"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."record_recipients_basis"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."record_recipients_agency"
        `);
        await queryRunner.query(`
            DROP TABLE "record_recipients"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."records_case"
        `);
        await queryRunner.query(`
            DROP TABLE "records"
        `);
        await queryRunner.query(`
            DROP TABLE "ledger_witnesses"
        `);
        await queryRunner.query(`
            DROP TABLE "ledger_cosignatures"
        `);
        await queryRunner.query(`
            DROP TABLE "ledger_checkpoints"
        `);
        await queryRunner.query(`
            DROP TABLE "ledger_state"
        `);
        await queryRunner.query(`
            DROP TABLE "ledger_nodes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ledger_entries_case"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ledger_entries_actor_agency"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ledger_entries_recipient"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ledger_entries_consent"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ledger_entries_kind"
        `);
        await queryRunner.query(`
            DROP TABLE "ledger_entries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."mandates_case"
        `);
        await queryRunner.query(`
            DROP TABLE "mandates"
        `);
        await queryRunner.query(`
            DROP TABLE "consent_versions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."consents_case"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."consents_recipient"
        `);
        await queryRunner.query(`
            DROP TABLE "consents"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cases_custodian"
        `);
        await queryRunner.query(`
            DROP TABLE "cases"
        `);
    }

}
