import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseEntry } from '../../src/ledger/entry-format';
import { computeFigures } from '../../src/monitoring/figures/compute';
import { releaseFigures } from '../../src/monitoring/figures/report';
import { connectAsApiRole } from '../support/api-role';
import { type Actor } from '../support/ccr';
import { agreementSignature, policeAdvocacyTerms, sendPoliceReferral } from '../support/agreements';
import { actorOf, LedgerFixtures } from '../support/ledger-fixtures';
import { parsePdf } from '../support/pdf-text';
import { consentBody, registerAgencyKeys, sealAs } from '../support/sealing';
import { type ListeningApp, runCli, startListeningApp, TempFolder } from '../support/sdk';

// The CLI runs from source (ts-node) several times: seconds each on a busy machine.
jest.setTimeout(180_000);

/**
 * Issue 23: a report the API makes equals the one `ccrx monitoring verify` recomputes from the
 * log's entries (verified as `ccrx ledger verify` does); one changed entry makes it fail.
 */
describe('CCR monitoring reports, recomputed from the log', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let log: LedgerFixtures;
  let auditor: Actor;
  let officer: Actor;
  let policeId: string;
  let advocacyId: string;
  const agreementId = randomUUID();
  const teamId = randomUUID();
  const year = new Date().getUTCFullYear();
  const period = { from: `${year}-01-01T00:00:00.000Z`, to: `${year + 1}-01-01T00:00:00.000Z`, bucket: 'quarter', k: 5 };
  const asAuditor = () => ({ CCRX_API: app.baseUrl, CCRX_PASSWORD: auditor.secret });
  const trustFile = () => folder.file('trust.json');
  const PAIR = 'law_enforcement>advocacy';

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    auditor = await app.ccr.person(await app.ccr.coordinatingBodyId(), ['auditor']);
    policeId = await app.ccr.agency('law_enforcement', 'criminal_justice');
    advocacyId = await app.ccr.agency('advocacy', 'vawa_fvpsa_voca');
    officer = await app.ccr.service(policeId);
    log = await LedgerFixtures.connect(app.t.database.url, await connectAsApiRole(app.t.database.url));
    // Twelve handoffs from police to the advocacy program: six accepted, six turned down for capacity.
    for (let i = 0; i < 12; i++) {
      const referral = randomUUID();
      await log.log('referral_sent', {
        actor: actorOf(officer),
        case: randomUUID(),
        recipient: advocacyId,
        detail: { referral, fromKind: 'law_enforcement', toKind: 'advocacy', agreement: null, deadlineSteps: [], deadlineTimes: [] },
      });
      await log.log('referral_status_changed', { recipient: policeId, detail: { referral, from: 'requested', to: i < 6 ? 'accepted' : 'rejected', reason: i < 6 ? null : 'no_capacity', side: 'receiver' } });
    }
    // The high-risk team (catalogue version 2): six cases referred by the police, five accepted; six
    // actions the advocacy program took, five done before they were due and one still open.
    const referrer = await app.ccr.service(policeId);
    const owner = await app.ccr.service(advocacyId);
    for (let i = 0; i < 6; i++) {
      const referral = randomUUID();
      await log.log('team_case_referred', { actor: actorOf(referrer), case: randomUUID(), recipient: advocacyId, detail: { team: teamId, referral, reason: 'screened_high_risk', repeat: false, previousReferralAt: null, agencyKind: 'law_enforcement' } });
      if (i < 5) await log.log('team_decision_recorded', { actor: actorOf(referrer), detail: { team: teamId, referral, motion: 'accept', carried: true, closeReason: null } });
      const action = randomUUID();
      const dueAt = new Date(Date.now() + 3_600_000).toISOString();
      await log.log('team_action_taken', { actor: actorOf(owner), case: randomUUID(), detail: { team: teamId, action, referral, dueAt, ownerKind: 'advocacy' } });
      if (i < 5) await log.log('team_action_updated', { actor: actorOf(owner), case: randomUUID(), detail: { action, referral, status: 'done', previousStatus: 'open', notDoneReason: null, dueAt } });
    }
    const logKey = (await app.t.http().get('/ledger/log-key')).body.verifierKey as string;
    await writeFile(trustFile(), JSON.stringify({ log: logKey, witnesses: [], quorum: 0 }));
  });
  afterAll(async () => {
    await log.close();
    await app.close();
    await folder.remove();
  });

  it('a referral sent through the API logs the two agencies\' kinds and its deadlines (none without an agreement)', async () => {
    const intake = await app.ccr.service(advocacyId);
    const police = await registerAgencyKeys(app.t, officer);
    const advocacy = await registerAgencyKeys(app.t, intake);
    const caseId = (await app.t.http().post('/cases').set('Authorization', officer.bearer).send({}).expect(201)).body.id as string;
    const release = await consentBody(police, caseId, advocacy.agencyId, { actions: ['receive_referral'], categories: [], purpose: 'advocacy_services' });
    await app.t.http().post(`/cases/${caseId}/consents`).set('Authorization', officer.bearer).send(release).expect(201);
    const content = await sealAs(police, { caseId, category: 'referral', body: 'Safe to call after 6pm.', recipients: [{ agency: advocacy, consentId: release.consentId as string }] });
    await app.t
      .http()
      .post('/referrals')
      .set('Authorization', officer.bearer)
      .set('Idempotency-Key', randomUUID())
      .send({ toAgencyId: advocacyId, fromCaseId: caseId, consentId: release.consentId, purpose: 'advocacy_services', priority: 'urgent', content })
      .expect(201);
    const sent = (await log.entriesOfKind('referral_sent')).at(-1)?.entry.detail as Record<string, unknown>;
    expect(sent).toMatchObject({ fromKind: 'law_enforcement', toKind: 'advocacy', deadlineSteps: [], deadlineTimes: [] });

    // Under a working agreement both parties signed, the entry carries each step's respondBy; five are received at once.
    const terms = policeAdvocacyTerms(policeId, advocacyId);
    const post = (actor: Actor, path: string, body: object) => app.t.http().post(path).set('Authorization', actor.bearer).send(body);
    await post(officer, '/agreements', { agreementId, terms, ...(await agreementSignature(police, agreementId, 1, terms)) }).expect(201);
    await post(intake, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(advocacy, agreementId, 1, terms)).expect(201);
    for (let i = 0; i < 5; i++) {
      const referral = await sendPoliceReferral(app.t, officer, police, advocacy);
      expect(referral.deadlines).toHaveLength(3);
      await post(intake, `/referrals/${referral.id}/status`, { status: 'received', version: 1 }).expect(200);
      const logged = (await log.entriesOfKind('referral_sent')).at(-1)?.entry.detail as Record<string, unknown>;
      expect(logged).toMatchObject({
        referral: referral.id,
        agreement: agreementId,
        deadlineSteps: referral.deadlines.map((deadline) => deadline.step),
        deadlineTimes: referral.deadlines.map((deadline) => deadline.respondBy),
      });
    }
  });

  it('refuses a report before the log has a signed checkpoint, and a period that ends before it starts', async () => {
    const http = app.t.http();
    await http.post('/monitoring/reports').set('Authorization', auditor.bearer).send(period).expect(409);
    await http.post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    const backwards = await http.post('/monitoring/reports').set('Authorization', auditor.bearer).send({ ...period, to: period.from }).expect(422);
    expect(backwards.headers['content-type']).toContain('application/problem+json');
    await http.post('/monitoring/reports').set('Authorization', auditor.bearer).send({ ...period, k: 4 }).expect(422);
    await http.get(`/monitoring/reports/${randomUUID()}`).set('Authorization', auditor.bearer).expect(404);
  });

  it('computes the figures at the checkpoint, suppressing small cells, and answers the same report later', async () => {
    const made = await app.t.http().post('/monitoring/reports').set('Authorization', auditor.bearer).send(period).expect(201);
    const report = made.body;
    expect(report).toMatchObject({ definitions: 'ccr-monitoring/2', parameters: period, noise: null });
    const team = (figure: string, row: string) => {
      const found = report.figures.counts.find((each: { figure: string }) => each.figure === figure);
      return { at: (column: string) => found.cells[found.rows.indexOf(row)][found.columns.indexOf(column)], total: found.rowTotals[found.rows.indexOf(row)] };
    };
    expect([team('team_referrals', 'law_enforcement').at('accepted'), team('team_referrals', 'law_enforcement').total]).toEqual([5, 6]);
    expect([team('team_actions', 'advocacy').at('done_in_time'), team('team_actions', 'advocacy').total]).toEqual([5, 6]);
    // No repeats: the zero is hidden, and with it the six beside it and the total, either of which would give it away.
    expect([team('team_repeats', 'law_enforcement').at('repeat_within_12_months'), team('team_repeats', 'law_enforcement').at('not_repeat'), team('team_repeats', 'law_enforcement').total]).toEqual([null, null, null]);
    const table = report.figures.counts.find((each: { figure: string }) => each.figure === 'referrals');
    const row = table.rows.indexOf(PAIR);
    const at = (column: string) => table.cells[row][table.columns.indexOf(column)];
    // Twelve logged answers, one referral without an agreement and five under it, all still open.
    expect([at('accepted'), at('rejected:no_capacity'), at('open'), at('expired_no_response')]).toEqual([6, 6, 6, null]);
    expect(table.rowTotals[row]).toBe(18);
    const times = report.figures.times.find((each: { figure: string }) => each.figure === 'referral_times');
    expect(times.cells[times.rows.indexOf(PAIR)][times.columns.indexOf('to_accepted')]).toMatchObject({ n: 6 });
    expect(times.cells[times.rows.indexOf(PAIR)][times.columns.indexOf('to_received')]).toMatchObject({ n: 17 });
    // Issue 21's compliance figures: each agreed step of the five, in time or not yet due.
    const handoffs = report.figures.counts.find((each: { figure: string }) => each.figure === 'handoffs');
    const handoff = (step: string, column: string) => handoffs.cells[handoffs.rows.indexOf(`${agreementId}@1|${policeId}>${advocacyId}|${step}`)][handoffs.columns.indexOf(column)];
    expect(handoff('received', 'in_time')).toBe(5);
    // The zero of "received, pending" alone in its column would follow from the totals: another cell of it is hidden too.
    expect(handoffs.columnTotals[handoffs.columns.indexOf('pending')]).toBe(10);
    expect([handoff('answered', 'pending'), handoff('first_contact', 'pending')].filter((cell) => cell === null)).toHaveLength(1);
    expect(handoffs.rowTotals).toEqual([5, 5, 5]);
    const again = await app.t.http().get(`/monitoring/reports/${report.id}`).set('Authorization', auditor.bearer).expect(200);
    expect(again.body).toEqual(report);
  });

  it('a member agency gets its own figures only, itself named in the rows; another agency\'s are refused (403)', async () => {
    const advocate = await app.ccr.person(advocacyId, ['advocate']);
    const own = await app.t.http().post('/monitoring/reports').set('Authorization', advocate.bearer).send(period).expect(201);
    expect(own.body.parameters).toEqual({ ...period, agency: advocacyId });
    const table = own.body.figures.counts.find((each: { figure: string }) => each.figure === 'referrals');
    expect(table.rows).toEqual([`law_enforcement>agency:${advocacyId}`]);
    expect(table.rowTotals[0]).toBe(18);
    await app.t.http().post('/monitoring/reports').set('Authorization', advocate.bearer).send({ ...period, agency: policeId }).expect(403);
    // Reports are kept per agency: the coordinating body's are not the member's, nor the other way round.
    await app.t.http().get(`/monitoring/reports/${own.body.id}`).set('Authorization', auditor.bearer).expect(404);
    await app.t.http().get(`/monitoring/reports/${own.body.id}`).set('Authorization', advocate.bearer).expect(200);
    // The listing is per agency too: each sees the headers of its own reports, newest first.
    const mine = (await app.t.http().get('/monitoring/reports').set('Authorization', advocate.bearer).expect(200)).body.items;
    expect(mine).toEqual([{ id: own.body.id, createdAt: own.body.createdAt, createdBy: advocate.id, createdByName: expect.any(String), definitions: 'ccr-monitoring/2', treeSize: own.body.treeSize, asOf: own.body.asOf, parameters: own.body.parameters, totalEpsilon: null }]);
    const theirs = (await app.t.http().get('/monitoring/reports').set('Authorization', auditor.bearer).expect(200)).body.items as { id: string; createdBy: string }[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((item) => item.id !== own.body.id && item.createdBy === auditor.id)).toBe(true);
  });

  it('ccrx monitoring report and verify: the API\'s figures recompute exactly from the verified log (exit 0)', async () => {
    const file = folder.file('report.json');
    const made = await runCli(['--user', auditor.username, 'monitoring', 'report', '--from', period.from, '--to', period.to, '--bucket', 'quarter', '--k', '5', '--epsilon', '1', '--out', file, '--csv', folder.file('report.csv'), '--html', folder.file('report.html'), '--pdf', folder.file('report.pdf')], asAuditor());
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('noise ε = 1 per table');
    const csv = await readFile(folder.file('report.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('figure,bucket,row,column,count,n,median_minutes,p90_minutes');
    expect(csv).toContain(`referrals,${year}-Q`);
    const html = await readFile(folder.file('report.html'), 'utf8');
    expect(html).toContain('<h2>How referrals were answered</h2>');
    expect(html).toContain('discrete Laplace, ε = 1 per table');
    const pdf = await parsePdf(await readFile(folder.file('report.pdf')));
    expect(pdf.texts).toContain('How referrals were answered');
    expect(pdf.texts.join(' ').replace(/\s+/g, ' ')).toContain('discrete Laplace, epsilon = 1 per table');
    const verified = await runCli(['--user', auditor.username, 'monitoring', 'verify', file, '--trust', trustFile()], asAuditor());
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('recompute exactly');
  });

  it('a report of catalogue version 1 still verifies under version 1\'s definitions (no team figures)', async () => {
    const report = JSON.parse(await readFile(folder.file('report.json'), 'utf8'));
    const { rows } = await log.owner.query<{ entry: Buffer }>('SELECT entry FROM ledger_entries WHERE idx < $1 ORDER BY idx', [report.figures.treeSize]);
    const v1 = releaseFigures(computeFigures(rows.map((row) => parseEntry(row.entry)), report.figures.parameters, 'ccr-monitoring/1'));
    expect(v1.counts.some((table) => table.figure.startsWith('team_'))).toBe(false);
    await writeFile(folder.file('v1-report.json'), JSON.stringify({ ...report, figures: v1, published: v1, noise: null }));
    const run = await runCli(['--user', auditor.username, 'monitoring', 'verify', folder.file('v1-report.json'), '--trust', trustFile()], asAuditor());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('a changed figure in the report fails verification (exit 6) and names the table', async () => {
    const report = JSON.parse(await readFile(folder.file('report.json'), 'utf8'));
    const table = report.figures.counts.find((each: { figure: string }) => each.figure === 'referrals');
    table.cells[table.rows.indexOf(PAIR)][table.columns.indexOf('accepted')] = 7;
    await writeFile(folder.file('altered-report.json'), JSON.stringify(report));
    const run = await runCli(['--user', auditor.username, 'monitoring', 'verify', folder.file('altered-report.json'), '--trust', trustFile()], asAuditor());
    expect(run.code).toBe(6);
    expect(run.stdout).toContain(`differs: referrals ${year}-Q`);
  });

  it('one changed entry in the log (a team action set done, made late) fails verification (exit 6)', async () => {
    const [first] = await log.entriesOfKind('team_action_updated');
    const { rows } = await log.owner.query<{ entry: Buffer }>('SELECT entry FROM ledger_entries WHERE idx = $1', [first.idx]);
    const original = rows[0].entry;
    const change = async (bytes: Buffer) => {
      await log.owner.query('BEGIN');
      await log.owner.query('SET LOCAL session_replication_role = replica');
      await log.owner.query('UPDATE ledger_entries SET entry = $2 WHERE idx = $1', [first.idx, bytes]);
      await log.owner.query('COMMIT');
    };
    const forged = Buffer.from(original.toString().replace(/"dueAt": "[^"]+"/, '"dueAt": "2000-01-01T00:00:00.000Z"'));
    expect(forged.equals(original)).toBe(false);
    await change(forged);
    try {
      const run = await runCli(['--user', auditor.username, 'monitoring', 'verify', folder.file('report.json'), '--trust', trustFile()], asAuditor());
      expect(run.code).toBe(6);
      expect(run.stderr).toContain('the disclosure log does not verify');
    } finally {
      await change(original);
    }
  });
});
