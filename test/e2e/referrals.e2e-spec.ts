import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import * as statementModule from '../../src/database/statement';
import { type DeliveredRecordV1 } from '../../src/crypto';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, consentBody, openAs, registerAgencyKeys, sealAs } from '../support/sealing';

/** A Duluth referral: police refer a survivor to the advocacy program under her written release. */
describe('closed-loop referrals', () => {
  let t: TestApp;
  let owner: Client;
  let ccr: TestCcr;
  let officer: Actor;
  let police: AgencyKeys;
  let intake: Actor;
  let advocacy: AgencyKeys;
  let outsider: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    ccr = new TestCcr(t);
    officer = await ccr.service(await ccr.agency('law_enforcement', 'criminal_justice'));
    intake = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
    outsider = await ccr.person(await ccr.agency('prosecution', 'criminal_justice'), ['agency_worker']);
    police = await registerAgencyKeys(t, officer);
    advocacy = await registerAgencyKeys(t, intake);
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const as = (actor: Actor) => ({
    get: (path: string) => t.http().get(path).set('Authorization', actor.bearer),
    post: (path: string, body: object, headers: Record<string, string> = {}) => t.http().post(path).set('Authorization', actor.bearer).set(headers).send(body),
  });

  async function openPoliceCase(): Promise<string> {
    return (await as(officer).post('/cases', {}).expect(201)).body.id as string;
  }

  /** The survivor's written release from police to advocacy for a referral, with share-back as given. */
  async function release(caseId: string, actions: string[] = ['receive_referral', 'share_status_back', 'share_content_back']): Promise<string> {
    const categories = actions.includes('receive_notes') ? ['coordination'] : [];
    const body = await consentBody(police, caseId, advocacy.agencyId, { actions, categories, purpose: 'advocacy_services' });
    await as(officer).post(`/cases/${caseId}/consents`, body).expect(201);
    return body.consentId as string;
  }

  async function referralBody(caseId: string, consentId: string, text = 'Lethality screen: screened in. Safe to call after 6pm.') {
    const content = await sealAs(police, { caseId, category: 'referral', body: text, recipients: [{ agency: advocacy, consentId }] });
    return { toAgencyId: advocacy.agencyId, fromCaseId: caseId, consentId, purpose: 'advocacy_services', priority: 'urgent', content };
  }

  async function sendReferral(caseId?: string, actions?: string[]) {
    const fromCase = caseId ?? (await openPoliceCase());
    const consentId = await release(fromCase, actions);
    const body = await referralBody(fromCase, consentId);
    const response = await as(officer).post('/referrals', body, { 'Idempotency-Key': randomUUID() }).expect(201);
    return { referral: response.body, consentId, caseId: fromCase, body };
  }

  const move = (actor: Actor, id: string, status: string, version: number, extra: object = {}) => as(actor).post(`/referrals/${id}/status`, { status, version, ...extra });

  async function entries(kind: string): Promise<Record<string, unknown>[]> {
    const { rows } = await owner.query<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE kind = $1 ORDER BY idx`, [kind]);
    return rows.map((row) => JSON.parse(row.entry.toString()) as Record<string, unknown>);
  }

  it('runs the whole loop: requested → received → accepted → in-progress → completed, with an outcome note shared back', async () => {
    const { referral, consentId } = await sendReferral();
    expect(referral).toMatchObject({ status: 'requested', yourSide: 'sender', toAgencyId: advocacy.agencyId, priority: 'urgent', version: 1 });

    const inbox = await as(intake).get('/referrals?box=in').expect(200);
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toContain(referral.id);
    const received = await as(intake).get(`/referrals/${referral.id}`).expect(200);
    expect(received.body.yourSide).toBe('receiver');
    expect(received.body.caseId).not.toBe(referral.caseId);
    const wraps = (received.body.content as DeliveredRecordV1).wraps;
    expect(wraps.filter((wrap) => 'wrap' in wrap).map((wrap) => wrap.agencyId)).toEqual([advocacy.agencyId]);
    expect(await openAs(advocacy, received.body.content, [police])).toContain('screened in');

    let version = referral.version;
    for (const status of ['received', 'accepted', 'in_progress']) {
      version = (await move(intake, referral.id, status, version).expect(200)).body.version;
    }
    const outcome = await sealAs(advocacy, { caseId: received.body.caseId, category: 'outcome', body: 'Safety plan made; shelter bed found.', recipients: [{ agency: police, consentId }] });
    version = (await as(intake).post(`/referrals/${referral.id}/outcome`, { content: outcome, version }).expect(200)).body.version;
    const done = await move(intake, referral.id, 'completed', version, { outcome: 'got_help' }).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'got_help' });

    const seen = await as(officer).get(`/referrals/${referral.id}`).expect(200);
    expect(seen.body).toMatchObject({ status: 'completed', outcome: 'got_help', statusDetailsShared: true, outcomeAvailable: true });
    expect(seen.body.history.map((change: { toStatus: string }) => change.toStatus)).toEqual(['requested', 'received', 'accepted', 'in_progress', 'completed']);
    const note = await as(officer).get(`/referrals/${referral.id}/outcome`).expect(200);
    expect(await openAs(police, note.body.record, [advocacy])).toBe('Safety plan made; shelter bed found.');

    const disclosures = (await entries('disclosure')).filter((entry) => (entry.records as string[]).includes(referral.id) || entry.recipient === advocacy.agencyId);
    expect(disclosures.length).toBeGreaterThan(0);
    expect((await entries('referral_status_changed')).filter((entry) => (entry.detail as { referral: string }).referral === referral.id)).toHaveLength(4);
  });

  it('answers a status change and an outcome note with the time of that change, as a second read shows', async () => {
    const { referral, consentId } = await sendReferral();
    const received = await move(intake, referral.id, 'received', referral.version).expect(200);
    const afterReceipt = await as(intake).get(`/referrals/${referral.id}?include=metadata`).expect(200);
    expect(received.body.updatedAt).toBe(afterReceipt.body.updatedAt);
    expect(Date.parse(received.body.updatedAt)).toBeGreaterThan(Date.parse(referral.updatedAt));

    const accepted = await move(intake, referral.id, 'accepted', received.body.version).expect(200);
    const outcome = await sealAs(advocacy, { caseId: afterReceipt.body.caseId, category: 'outcome', body: 'Called back.', recipients: [{ agency: police, consentId }] });
    const shared = await as(intake).post(`/referrals/${referral.id}/outcome`, { content: outcome, version: accepted.body.version }).expect(200);
    const afterOutcome = await as(intake).get(`/referrals/${referral.id}?include=metadata`).expect(200);
    expect(shared.body.updatedAt).toBe(afterOutcome.body.updatedAt);
    expect(Date.parse(shared.body.updatedAt)).toBeGreaterThan(Date.parse(accepted.body.updatedAt));
  });

  it('creates a referral in 15 statements, BEGIN, COMMIT and the log integration included, plus the caller lookup at most (decisions 0030, 0036, 0069, 0147, 0168)', async () => {
    const caseId = await openPoliceCase();
    const body = await referralBody(caseId, await release(caseId));
    const statements = jest.spyOn(Client.prototype, 'query');
    try {
      await as(officer).post('/referrals', body, { 'Idempotency-Key': randomUUID() }).expect(201);
      const texts = statements.mock.calls.map(([query]) => (typeof query === 'string' ? query : (query as { text: string }).text).trim());
      const sent = texts.map((text) => text.split(/\s+/)[0].toUpperCase());
      // BEGIN and COMMIT included: a statement per row, or a query per recipient, breaks this at once.
      // The agreements in force between the two agencies (0069) are read in the writes' round trip.
      // The caller's lookup is answered from the process's cache when read less than 500 ms ago (decision 0147): counted apart.
      const lookups = texts.filter((text) => text.includes('FROM principals p JOIN agencies a')).length;
      expect(lookups).toBeLessThanOrEqual(1);
      expect({ count: sent.length - lookups, begins: sent.filter((verb) => verb === 'BEGIN').length }).toEqual({ count: 15, begins: 1 });
      // The entries are folded into the tree by the act's own transaction when the log's lock is free
      // (0168), else after COMMIT; either way in COMMIT's round trip, before the answer.
      expect(texts.slice(-3)).toEqual(['SELECT ccr_ledger_try_integrate() AS idx', 'COMMIT', 'SELECT ccr_ledger_integrate() AS idx']);
    } finally {
      statements.mockRestore();
    }
  });

  it('reads a referral in two round trips: the referral, its history and the consent world together, then the opening with its log entry (decisions 0168, 0170)', async () => {
    const { referral } = await sendReferral();
    await as(intake).get(`/referrals/${referral.id}`).expect(200);
    const trips = jest.spyOn(statementModule, 'pipeline');
    try {
      const read = await as(intake).get(`/referrals/${referral.id}`).expect(200);
      expect(read.body.content).not.toBeNull();
      // The caller's lookup, when not answered from the process's cache (decision 0147), is a trip of its own: left out.
      const calls = trips.mock.calls.map(([, statements]) => statements).filter((statements) => !statements.some((each) => each.text.includes('FROM principals p JOIN agencies a')));
      const sent = calls.map((statements) => statements.map((each) => each.text.trim().split(/\s+/).slice(0, 2).join(' ')));
      expect(sent).toHaveLength(2);
      expect(sent[0]).toHaveLength(3);
      expect(calls[0][2].text).toContain('FROM consents c JOIN consent_versions v');
      expect(sent[1].slice(-3)).toEqual(['SELECT ccr_ledger_try_integrate()', 'COMMIT', 'SELECT ccr_ledger_integrate()']);
    } finally {
      trips.mockRestore();
    }
  });

  it('shows the sender the status always, but reasons, outcome and notes only under share-back', async () => {
    const { referral, consentId } = await sendReferral(undefined, ['receive_referral']);
    const details = await move(intake, referral.id, 'rejected', 1, { reason: 'no_capacity' }).expect(200);
    expect(details.body).toMatchObject({ status: 'rejected', statusReason: 'no_capacity' });
    const seen = await as(officer).get(`/referrals/${referral.id}`).expect(200);
    expect(seen.body).toMatchObject({ status: 'rejected', statusReason: null, outcome: null, statusDetailsShared: false, outcomeAvailable: false });
    expect(seen.body.history.at(-1)).toMatchObject({ toStatus: 'rejected', reason: null });

    const other = await sendReferral(undefined, ['receive_referral']);
    const accepted = await move(intake, other.referral.id, 'accepted', 1).expect(200);
    const received = await as(intake).get(`/referrals/${other.referral.id}`).expect(200);
    const outcome = await sealAs(advocacy, { caseId: received.body.caseId, category: 'outcome', body: 'x', recipients: [{ agency: police, consentId: other.consentId }] });
    const refused = await as(intake).post(`/referrals/${other.referral.id}/outcome`, { content: outcome, version: accepted.body.version }).expect(422);
    expect(refused.body).toMatchObject({ type: 'urn:ccr-exchange:problem:wrap-not-covered', reason: 'action_not_covered' });
    expect(consentId).not.toBe(other.consentId);
  });

  it('refuses every illegal transition (409) and every move by the wrong side (403)', async () => {
    const { referral } = await sendReferral();
    await move(officer, referral.id, 'accepted', 1).expect(403);
    await move(intake, referral.id, 'completed', 1).expect(409);
    await move(intake, referral.id, 'in_progress', 1).expect(409);
    await move(intake, referral.id, 'entered_in_error', 1, { reason: 'entered_in_error' }).expect(403);
    const rejectedWithoutReason = await move(intake, referral.id, 'rejected', 1).expect(422);
    expect(rejectedWithoutReason.body.errors).toEqual([{ field: 'reason', messages: [expect.stringContaining('reason is required')] }]);
    await move(officer, referral.id, 'cancelled', 1, { reason: 'consent_revoked' }).expect(422);
    const cancelled = await move(officer, referral.id, 'cancelled', 1, { reason: 'survivor_withdrew' }).expect(200);
    await move(intake, referral.id, 'accepted', cancelled.body.version).expect(409);
    await move(officer, referral.id, 'entered_in_error', cancelled.body.version, { reason: 'entered_in_error' }).expect(200);
  });

  it('answers another agency\'s referral with 404, exactly like a missing one', async () => {
    const { referral } = await sendReferral();
    const foreign = await as(outsider).get(`/referrals/${referral.id}`).expect(404);
    const missing = await as(outsider).get(`/referrals/${randomUUID()}`).expect(404);
    expect({ ...foreign.body, instance: '', requestId: '' }).toEqual({ ...missing.body, instance: '', requestId: '' });
    await move(outsider, referral.id, 'cancelled', 1, { reason: 'survivor_withdrew' }).expect(404);
    const outbox = await as(outsider).get('/referrals?box=out').expect(200);
    expect(outbox.body.items).toEqual([]);
  });

  it('serializes concurrent status changes: one wins, the other gets 409', async () => {
    const { referral } = await sendReferral();
    const results = await Promise.all([move(intake, referral.id, 'accepted', 1), move(intake, referral.id, 'rejected', 1, { reason: 'no_capacity' })]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
  });

  it('creates exactly one referral for 20 concurrent POSTs with one Idempotency-Key', async () => {
    const caseId = await openPoliceCase();
    const body = await referralBody(caseId, await release(caseId));
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 20 }, () => as(officer).post('/referrals', body, { 'Idempotency-Key': key })));
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'false')).toHaveLength(1);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM referrals WHERE idempotency_key = $1`, [key]);
    expect(rows[0].n).toBe(1);

    const changed = { ...body, priority: 'routine' };
    const conflict = await as(officer).post('/referrals', changed, { 'Idempotency-Key': key }).expect(409);
    expect(conflict.body).toMatchObject({ type: 'urn:ccr-exchange:problem:idempotency-key-reused', referralId: responses[0].body.id });
    await as(officer).post('/referrals', body).expect(400);
  });

  it('cancels an open referral when the release is revoked, and refuses the receiver\'s next read', async () => {
    const { referral, consentId } = await sendReferral();
    await move(intake, referral.id, 'accepted', 1).expect(200);
    await as(intake).get(`/referrals/${referral.id}`).expect(200);

    const revocation = await as(officer).post(`/consents/${consentId}/revocation`, { channel: 'phone' }).expect(201);
    expect(revocation.body.effects).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'referrals_cancelled', ids: [referral.id] })]));

    await as(intake).get(`/referrals/${referral.id}`).expect(404);
    const metadata = await as(intake).get(`/referrals/${referral.id}?include=metadata`).expect(200);
    expect(metadata.body).toMatchObject({ status: 'cancelled', content: null, contentRecordId: referral.contentRecordId });
    const denied = (await entries('denied')).filter((entry) => entry.recipient === advocacy.agencyId && entry.reason === 'consent_revoked');
    expect(denied.length).toBeGreaterThan(0);
    const seen = await as(officer).get(`/referrals/${referral.id}`).expect(200);
    expect(seen.body).toMatchObject({ status: 'cancelled' });
    expect(seen.body.history.at(-1)).toMatchObject({ toStatus: 'cancelled', side: 'system' });
    const events = await as(intake).get('/events').expect(200);
    expect(events.body.events.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['referral.received', 'referral.status_changed', 'consent.revoked']));
  });

  it('refuses a referral the release does not cover (422) and logs the refused attempt', async () => {
    const caseId = await openPoliceCase();
    const consentId = await release(caseId, ['receive_notes']);
    const body = await referralBody(caseId, consentId);
    const refused = await as(officer).post('/referrals', body, { 'Idempotency-Key': randomUUID() }).expect(422);
    expect(refused.body).toMatchObject({ type: 'urn:ccr-exchange:problem:wrap-not-covered', reason: 'action_not_covered' });
    const denied = (await entries('denied')).filter((entry) => entry.case === caseId);
    expect(denied).toEqual([expect.objectContaining({ recipient: advocacy.agencyId, reason: 'action_not_covered', outcome: 'denied' })]);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM referrals WHERE from_case_id = $1`, [caseId]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses content wrapped for a third agency as well (a referral is sealed for exactly sender and receiver), storing nothing', async () => {
    const prosecution = await registerAgencyKeys(t, outsider);
    const caseId = await openPoliceCase();
    const consentId = await release(caseId);
    const content = await sealAs(police, {
      caseId,
      category: 'referral',
      body: 'Lethality screen: screened in.',
      recipients: [
        { agency: advocacy, consentId },
        { agency: prosecution, consentId },
      ],
    });
    const body = { toAgencyId: advocacy.agencyId, fromCaseId: caseId, consentId, purpose: 'advocacy_services', priority: 'urgent', content };
    const refused = await as(officer).post('/referrals', body, { 'Idempotency-Key': randomUUID() }).expect(422);
    expect(refused.body).toMatchObject({
      type: 'urn:ccr-exchange:problem:envelope-rejected',
      reason: 'referral_recipients',
      errors: [{ field: 'content.wraps', messages: ['a referral record is wrapped for exactly the sender and the receiver'] }],
    });
    const { rows } = await owner.query(`SELECT (SELECT count(*)::int FROM referrals WHERE from_case_id = $1) AS referrals, (SELECT count(*)::int FROM records WHERE id = $2) AS records`, [
      caseId,
      content.recordId,
    ]);
    expect(rows[0]).toEqual({ referrals: 0, records: 0 });
    const inbox = await as(outsider).get('/referrals?box=in').expect(200);
    expect(inbox.body.items).toEqual([]);
  });

  it('refuses content sealed for another case (422), and a case that is not yours (404)', async () => {
    const caseId = await openPoliceCase();
    const consentId = await release(caseId);
    const otherCase = await openPoliceCase();
    const wrongCase = { ...(await referralBody(otherCase, consentId)), fromCaseId: caseId };
    const refused = await as(officer).post('/referrals', wrongCase, { 'Idempotency-Key': randomUUID() }).expect(422);
    expect(refused.body.reason).toBe('case_mismatch');
    await as(officer).post('/referrals', { ...(await referralBody(caseId, consentId)), fromCaseId: randomUUID() }, { 'Idempotency-Key': randomUUID() }).expect(404);
  });
});
