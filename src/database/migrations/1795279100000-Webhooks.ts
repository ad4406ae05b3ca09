import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Push delivery (issue 21, decisions 0119–0121): agencies' webhook endpoints and the outbox of
 * deliveries. A trigger on agency_events writes the outbox rows in the transaction that writes the
 * events, and queues one wake-up of the dispatcher (a pg-boss job) with them: nothing is lost
 * between the commit and the delivery, whichever process stops when.
 */
export class Webhooks1795279100000 implements MigrationInterface {
    name = 'Webhooks1795279100000';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "webhook_endpoints" (
                "id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "url" text NOT NULL,
                "event_types" text array NOT NULL,
                "secret" text NOT NULL,
                "previous_secret" text,
                "previous_secret_until" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "removed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_endpoints_agency" ON "webhook_endpoints" ("agency_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "endpoint_id" uuid NOT NULL,
                "event_id" bigint NOT NULL,
                "event_type" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_status_code" integer,
                "last_error" text,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "replay" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "webhook_deliveries_status" CHECK (
                    "status" IN ('pending', 'delivered', 'dead', 'cancelled')
                ),
                CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_event" ON "webhook_deliveries" ("event_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_endpoint" ON "webhook_deliveries" ("endpoint_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_agency" ON "webhook_deliveries" ("agency_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" ("next_attempt_at")
            WHERE "status" = 'pending'
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_endpoints"
            ADD CONSTRAINT "FK_e0ce663a7e0320a9aa757d95458" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_eae5a0e609b5ab04f8c264db9fb" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f" FOREIGN KEY ("event_id") REFERENCES "agency_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "webhook_endpoints", "webhook_deliveries" TO ccr_api`);
        // Statement-level: one insert per batch of events (the log's sequencer writes them in one statement).
        await queryRunner.query(`
            CREATE FUNCTION ccr_webhook_outbox() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
            BEGIN
                INSERT INTO webhook_deliveries (id, agency_id, endpoint_id, event_id, event_type)
                SELECT gen_random_uuid(), e.agency_id, w.id, e.id, e.type
                  FROM new_events e
                  JOIN webhook_endpoints w ON w.agency_id = e.agency_id AND w.removed_at IS NULL
                   AND (cardinality(w.event_types) = 0 OR e.type = ANY (w.event_types));
                IF FOUND THEN
                    -- One waiting wake-up at a time (the queue's 'short' policy): the dispatcher drains the outbox.
                    INSERT INTO pgboss.job (name, singleton_key, policy) VALUES ('ccr-webhook-dispatch', 'outbox', 'short') ON CONFLICT DO NOTHING;
                END IF;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER agency_events_webhook_outbox AFTER INSERT ON agency_events
            REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION ccr_webhook_outbox()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER agency_events_webhook_outbox ON agency_events`);
        await queryRunner.query(`DROP FUNCTION ccr_webhook_outbox()`);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_eae5a0e609b5ab04f8c264db9fb"
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "FK_e0ce663a7e0320a9aa757d95458"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_agency"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_endpoint"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_deliveries_event"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_deliveries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."webhook_endpoints_agency"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_endpoints"
        `);
    }
}
