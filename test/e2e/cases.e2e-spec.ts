import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, openAs, registerAgencyKeys, sealAs } from '../support/sealing';

/** A string that must never reach the server in clear: only the SDK side ever sees it. */
const MARKER = `SURVIVOR-NAME-${randomUUID()}`;

describe('cases and the sealed survivor profile', () => {
  let t: TestApp;
  let owner: Client;
  let advocate: Actor;
  let otherWorker: Actor;
  let keys: AgencyKeys;
  let otherKeys: AgencyKeys;
  let ccr: TestCcr;

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    ccr = new TestCcr(t);
    const shelter = await ccr.agency('advocacy', 'vawa_fvpsa_voca');
    const police = await ccr.agency('law_enforcement', 'criminal_justice');
    advocate = await ccr.person(shelter, ['advocate']);
    otherWorker = await ccr.person(police, ['agency_worker']);
    keys = await registerAgencyKeys(t, advocate);
    otherKeys = await registerAgencyKeys(t, otherWorker);
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const post = (actor: Actor, body: unknown) => t.http().post('/cases').set('Authorization', actor.bearer).send(body as object);
  const get = (actor: Actor, path: string) => t.http().get(path).set('Authorization', actor.bearer);

  async function kindsOfCase(caseId: string): Promise<string[]> {
    const { rows } = await owner.query<{ kind: string }>('SELECT kind FROM ledger_entries WHERE case_id = $1 ORDER BY idx', [caseId]);
    return rows.map((row) => row.kind);
  }

  describe('a case with a sealed profile', () => {
    let caseId: string;
    let profileId: string;

    beforeAll(async () => {
      caseId = randomUUID();
      const profile = await sealAs(keys, { caseId, category: 'profile', body: JSON.stringify({ name: MARKER, safeContact: 'text only' }) });
      profileId = profile.recordId;
      const created = await post(advocate, { caseId, profile }).expect(201);
      expect(created.body).toEqual({ id: caseId, custodianAgencyId: advocate.agencyId, linkedFromCaseId: null, profileRecordId: profileId, createdAt: expect.any(String), highRisk: null });
    });

    it('reads it back: the custodian opens the profile it sealed', async () => {
      const response = await get(advocate, `/cases/${caseId}/profile`).expect(200);
      expect(response.body.basis).toEqual({ kind: 'custodian', id: null, version: null });
      expect(await openAs(keys, response.body.record, [keys])).toContain(MARKER);
    });

    it('shows the case, with its profile and no link, to its own agency', async () => {
      const response = await get(advocate, `/cases/${caseId}`).expect(200);
      expect(response.body).toMatchObject({ id: caseId, profileRecordId: profileId, linkedFromCaseId: null });
    });

    it('logs the opening, the stored profile and each read of it', async () => {
      await get(advocate, `/cases/${caseId}/profile`).expect(200);
      const kinds = await kindsOfCase(caseId);
      expect(kinds.slice(0, 2)).toEqual(['case_opened', 'record_stored']);
      expect(kinds.filter((kind) => kind === 'access').length).toBeGreaterThanOrEqual(2);
    });

    it('stores only ciphertext: the plaintext appears in no column of any table, text or bytes', async () => {
      const columns = (
        await owner.query<{ table: string; column: string; type: string }>(
          `SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns WHERE table_schema = 'public'`,
        )
      ).rows;
      const hits: string[] = [];
      for (const { table, column, type } of columns) {
        const asBytes = type === 'bytea' ? `"${column}"` : `convert_to("${column}"::text, 'UTF8')`;
        const { rows } = await owner.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE position(convert_to($1, 'UTF8') IN ${asBytes}) > 0`, [MARKER]);
        if (Number(rows[0].n) > 0) hits.push(`${table}.${column}`);
      }
      expect(columns.some((each) => each.table === 'records' && each.column === 'ciphertext')).toBe(true);
      expect(hits).toEqual([]);
    });

    it('is invisible to another agency: the case, its profile and a replacement answer 404', async () => {
      await get(otherWorker, `/cases/${caseId}`).expect(404);
      await get(otherWorker, `/cases/${caseId}/profile`).expect(404);
      const foreign = await sealAs(otherKeys, { caseId, category: 'profile', body: 'x', supersedes: profileId });
      await t.http().put(`/cases/${caseId}/profile`).set('Authorization', otherWorker.bearer).send({ profile: foreign }).expect(404);
      const list = await get(otherWorker, '/cases').expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(caseId);
    });

    it('replaces the profile with a version that supersedes it, and refuses a stale one (409)', async () => {
      const next = await sealAs(keys, { caseId, category: 'profile', body: `${MARKER}-v2`, supersedes: profileId });
      const replaced = await t.http().put(`/cases/${caseId}/profile`).set('Authorization', advocate.bearer).send({ profile: next }).expect(200);
      expect(replaced.body.profileRecordId).toBe(next.recordId);
      const read = await get(advocate, `/cases/${caseId}/profile`).expect(200);
      expect(await openAs(keys, read.body.record, [keys])).toBe(`${MARKER}-v2`);

      const stale = await sealAs(keys, { caseId, category: 'profile', body: 'stale', supersedes: profileId });
      const conflict = await t.http().put(`/cases/${caseId}/profile`).set('Authorization', advocate.bearer).send({ profile: stale }).expect(409);
      expect(conflict.body).toMatchObject({ type: 'urn:ccr-exchange:problem:profile-version-conflict', currentProfileRecordId: next.recordId });
    });
  });

  it('opens a case without a profile under a server-chosen id; its profile answers 404', async () => {
    const created = await post(advocate, {}).expect(201);
    expect(created.body.profileRecordId).toBeNull();
    await get(advocate, `/cases/${created.body.id}/profile`).expect(404);
    expect(await kindsOfCase(created.body.id)).toEqual(['case_opened']);
  });

  it('refuses a repeated case id (409)', async () => {
    const caseId = randomUUID();
    await post(advocate, { caseId }).expect(201);
    const again = await post(advocate, { caseId }).expect(409);
    expect(again.body.type).toBe('urn:ccr-exchange:problem:case-exists');
  });

  describe('refuses a profile it must not keep, naming the field (422), and writes nothing', () => {
    it.each([
      ['without a caseId', async () => ({ profile: await sealAs(keys, { caseId: randomUUID(), category: 'profile', body: 'x' }) }), 'caseId'],
      [
        'sealed for another case',
        async () => ({ caseId: randomUUID(), profile: await sealAs(keys, { caseId: randomUUID(), category: 'profile', body: 'x' }) }),
        'profile.caseId',
      ],
      [
        'under another category',
        async () => {
          const caseId = randomUUID();
          return { caseId, profile: await sealAs(keys, { caseId, category: 'risk', body: 'x' }) };
        },
        'profile.category',
      ],
      [
        'wrapped for another agency too',
        async () => {
          const caseId = randomUUID();
          return { caseId, profile: await sealAs(keys, { caseId, category: 'profile', body: 'x', recipients: [{ agency: otherKeys, consentId: randomUUID() }] }) };
        },
        'profile.wraps',
      ],
      [
        'with a broken signature',
        async () => {
          const caseId = randomUUID();
          const sealed = await sealAs(keys, { caseId, category: 'profile', body: 'x' });
          return { caseId, profile: { ...sealed, signature: sealed.signature.replace(/^./, sealed.signature[0] === 'A' ? 'B' : 'A') } };
        },
        'profile.signature',
      ],
      ['that is not an object', () => Promise.resolve({ caseId: randomUUID(), profile: 'sealed' }), 'profile'],
      ['next to an unknown field', () => Promise.resolve({ caseId: randomUUID(), survivorName: 'x' }), 'survivorName'],
    ])('%s', async (_name, body, field) => {
      const sent = (await body()) as { caseId?: string };
      const response = await post(advocate, sent).expect(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      if (sent.caseId) await get(advocate, `/cases/${sent.caseId}`).expect(404);
    });
  });

  describe('lists its own cases, newest first, by cursor', () => {
    let worker: Actor;
    let ids: string[];

    beforeAll(async () => {
      worker = await ccr.person(await ccr.agency('health', 'hipaa'), ['agency_worker']);
      ids = [];
      for (let i = 0; i < 5; i += 1) ids.push((await post(worker, {}).expect(201)).body.id);
    });

    it('pages through every case exactly once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string | number> = cursor ? { limit: 2, cursor } : { limit: 2 };
        const page = await get(worker, '/cases').query(query).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
    });

    it.each([
      ['limit 0', { limit: 0 }, 'limit'],
      ['limit 101', { limit: 101 }, 'limit'],
      ['a cursor it never issued', { cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    ])('refuses %s (422)', async (_name, query, field) => {
      const response = await get(worker, '/cases').query(query).expect(422);
      expect(response.body.errors[0].field).toBe(field);
    });
  });
});
