import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, consentBody, registerAgencyKeys, sealAs } from '../support/sealing';

/** How many rows each listing holds for the test; most of them inside one millisecond. */
const ROWS = 30;

/**
 * No referral or note goes missing from a listing: rows created in the same microsecond, or in
 * the same millisecond, are paged through by the real endpoints at small page sizes — every row
 * exactly once, in the listing's order. (A cursor that kept only milliseconds skipped rows here.)
 */
describe('every cursor-paginated listing, through rows that share a millisecond', () => {
  let t: TestApp;
  let owner: Client;
  let officer: Actor;
  let police: AgencyKeys;
  let intake: Actor;
  let advocacy: AgencyKeys;
  let worker: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    const ccr = new TestCcr(t);
    officer = await ccr.service(await ccr.agency('law_enforcement', 'criminal_justice'));
    intake = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
    police = await registerAgencyKeys(t, officer);
    advocacy = await registerAgencyKeys(t, intake);
    worker = await ccr.person(await ccr.agency('health', 'hipaa'), ['agency_worker']);
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const as = (actor: Actor) => ({
    get: (path: string) => t.http().get(path).set('Authorization', actor.bearer),
    post: (path: string, body: object, headers: Record<string, string> = {}) => t.http().post(path).set('Authorization', actor.bearer).set(headers).send(body),
  });

  const openCase = async (actor: Actor): Promise<string> => (await as(actor).post('/cases', {}).expect(201)).body.id as string;

  /** Copies a real row `copies` times with fresh ids (and whatever else must stay unique), as the table's owner. */
  async function cloneRow(table: 'referrals' | 'notes', id: string, copies: number, unique: Record<string, string> = {}): Promise<void> {
    const { rows } = await owner.query<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [table]);
    const columns = rows.map((row) => row.name);
    const values = columns.map((column) => (column === 'id' ? 'gen_random_uuid()' : (unique[column] ?? column)));
    await owner.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${table}, generate_series(1, $2) AS copy WHERE id = $1`, [id, copies]);
  }

  /**
   * Puts the rows into one millisecond: a third of them in the same microsecond, the others each
   * in its own microsecond of that millisecond, and one row on either side of it.
   */
  async function crowdIntoOneMillisecond(table: string, ids: string[]): Promise<void> {
    expect(ids).toHaveLength(ROWS);
    await owner.query(
      `UPDATE ${table} t SET created_at = CASE
          WHEN ranked.n = 1 THEN '2026-03-01T12:00:00.122999Z'::timestamptz
          WHEN ranked.n = $2 THEN '2026-03-01T12:00:00.124000Z'::timestamptz
          WHEN ranked.n % 3 = 0 THEN '2026-03-01T12:00:00.123456Z'::timestamptz
          ELSE '2026-03-01T12:00:00.123000Z'::timestamptz + make_interval(secs => ranked.n * 31 / 1e6) END
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ${table} WHERE id = ANY($1)) ranked
       WHERE t.id = ranked.id`,
      [ids, ids.length],
    );
    const { rows } = await owner.query<{ microsecond: number }>(
      `SELECT count(*)::int AS microsecond FROM ${table} WHERE id = ANY($1) AND created_at = '2026-03-01T12:00:00.123456Z'`,
      [ids],
    );
    expect(rows[0].microsecond).toBeGreaterThanOrEqual(ROWS / 3 - 1);
  }

  /** The ids in the listing's order, as PostgreSQL sorts them: newest first, then id descending. */
  async function newestFirst(table: string, ids: string[]): Promise<string[]> {
    const { rows } = await owner.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1) ORDER BY created_at DESC, id DESC`, [ids]);
    return rows.map((row) => row.id);
  }

  /** Follows nextCursor to the end; answers the ids of every page in order. */
  async function pageThrough(actor: Actor, path: string, limit: number, query: Record<string, string> = {}): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages <= ROWS; pages += 1) {
      const response = await as(actor)
        .get(path)
        .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
        .expect(200);
      const body = response.body as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
      if (cursor === null) break;
    }
    expect(cursor).toBeNull();
    return seen;
  }

  describe('referrals: the receiver\'s inbox and the sender\'s outbox', () => {
    let ids: string[];

    beforeAll(async () => {
      const caseId = await openCase(officer);
      const consent = await consentBody(police, caseId, advocacy.agencyId, { actions: ['receive_referral'], categories: [], purpose: 'advocacy_services' });
      await as(officer).post(`/cases/${caseId}/consents`, consent).expect(201);
      const content = await sealAs(police, { caseId, category: 'referral', body: 'Lethality screen: screened in.', recipients: [{ agency: advocacy, consentId: consent.consentId as string }] });
      const body = { toAgencyId: advocacy.agencyId, fromCaseId: caseId, consentId: consent.consentId, purpose: 'advocacy_services', priority: 'urgent', content };
      const sent = await as(officer).post('/referrals', body, { 'Idempotency-Key': randomUUID() }).expect(201);
      await cloneRow('referrals', sent.body.id, ROWS - 1, { idempotency_key: `idempotency_key || '-' || copy` });
      const { rows } = await owner.query<{ id: string }>(`SELECT id FROM referrals WHERE from_agency_id = $1`, [police.agencyId]);
      ids = rows.map((row) => row.id);
      await crowdIntoOneMillisecond('referrals', ids);
    });

    it.each([1, 2, 3, 7])('inbox, %i a page: every referral exactly once, newest first', async (limit) => {
      expect(await pageThrough(intake, '/referrals', limit, { box: 'in' })).toEqual(await newestFirst('referrals', ids));
    });

    it.each([1, 2, 3, 7])('outbox, %i a page: every referral exactly once, newest first', async (limit) => {
      expect(await pageThrough(officer, '/referrals', limit, { box: 'out' })).toEqual(await newestFirst('referrals', ids));
    });
  });

  describe('notes shared with an agency', () => {
    let ids: string[];

    beforeAll(async () => {
      const caseId = await openCase(intake);
      const consent = await consentBody(advocacy, caseId, police.agencyId, { actions: ['receive_notes'], categories: ['risk'] });
      await as(intake).post(`/cases/${caseId}/consents`, consent).expect(201);
      const content = await sealAs(advocacy, { caseId, category: 'risk', body: 'Risk summary: escalating.', recipients: [{ agency: police, consentId: consent.consentId as string }] });
      const note = await as(intake).post(`/cases/${caseId}/notes`, { category: 'risk', content }).expect(201);
      await cloneRow('notes', note.body.id, ROWS - 1);
      const { rows } = await owner.query<{ id: string }>(`SELECT id FROM notes WHERE author_agency_id = $1`, [advocacy.agencyId]);
      ids = rows.map((row) => row.id);
      await crowdIntoOneMillisecond('notes', ids);
    });

    it.each([1, 2, 3, 7])('%i a page: every note exactly once, newest first', async (limit) => {
      expect(await pageThrough(officer, '/notes', limit)).toEqual(await newestFirst('notes', ids));
    });
  });

  describe("an agency's own cases", () => {
    let ids: string[];

    beforeAll(async () => {
      ids = [];
      for (let made = 0; made < ROWS; made += 1) ids.push(await openCase(worker));
      await crowdIntoOneMillisecond('cases', ids);
    });

    it.each([1, 2, 3, 7])('%i a page: every case exactly once, newest first', async (limit) => {
      expect(await pageThrough(worker, '/cases', limit)).toEqual(await newestFirst('cases', ids));
    });
  });

  describe('a cursor the listing did not issue is a 422 naming it, never a 500', () => {
    const legacyReferralCursor = Buffer.from(`2026-03-01T12:00:00.123Z|${randomUUID()}`).toString('base64url');
    const futureVersion = Buffer.from(`2|referrals|2026-03-01T12:00:00.123456Z|${randomUUID()}`).toString('base64url');
    const impossibleDate = Buffer.from(`1|referrals|2026-02-30T12:00:00.123456Z|${randomUUID()}`).toString('base64url');

    async function cursorOf(actor: Actor, path: string, query: Record<string, string> = {}): Promise<string> {
      const response = await as(actor).get(path).query({ ...query, limit: 1 }).expect(200);
      expect(typeof response.body.nextCursor).toBe('string');
      return response.body.nextCursor as string;
    }

    it.each([
      ['the millisecond format of before', () => Promise.resolve(legacyReferralCursor)],
      ['another version', () => Promise.resolve(futureVersion)],
      ['30 February', () => Promise.resolve(impossibleDate)],
      ['a cases cursor', () => cursorOf(worker, '/cases')],
      ['a notes cursor', () => cursorOf(officer, '/notes')],
    ])('referrals refuse %s', async (_name, cursor) => {
      const response = await as(officer).get('/referrals').query({ box: 'out', cursor: await cursor() }).expect(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toEqual([{ field: 'cursor', messages: ['cursor must be a cursor returned by this endpoint'] }]);
    });

    it('notes and cases refuse a referrals cursor', async () => {
      const referrals = await cursorOf(officer, '/referrals', { box: 'out' });
      for (const path of ['/notes', '/cases']) {
        const response = await as(officer).get(path).query({ cursor: referrals });
        expect({ path, status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ path, status: 422, field: 'cursor' });
      }
    });

    it('the event feed refuses a referrals cursor as `after`', async () => {
      const response = await as(officer).get('/events').query({ after: await cursorOf(officer, '/referrals', { box: 'out' }) }).expect(422);
      expect(response.body.errors).toEqual([{ field: 'after', messages: ['after must be a cursor returned by this endpoint'] }]);
    });
  });
});
