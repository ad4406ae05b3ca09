import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** An agency's own meeting contributions, newest first (GET /risk-contributions, issue 22): read by author. */
export class MeetingNotesByAuthor1795285000000 implements MigrationInterface {
  name = 'MeetingNotesByAuthor1795285000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "risk_meeting_notes_author" ON "risk_meeting_notes" ("author_agency_id", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."risk_meeting_notes_author"`);
  }
}
