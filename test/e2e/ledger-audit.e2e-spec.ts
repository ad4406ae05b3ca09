import { AUDIT_CSV_COLUMNS } from '../../src/ledger/audit/audit-format';
import { leafHash } from '../../src/ledger/merkle';
import { connectAsApiRole } from '../support/api-role';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { actorOf, LedgerFixtures } from '../support/ledger-fixtures';

/** RFC 4180 parser for the test: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('the auditor API: queries and exports of the log, each itself logged', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let log: LedgerFixtures;
  let auditor: Actor;
  let advocate: Actor;
  let prosecutor: Actor;
  let nurse: Actor;
  let caseId: string;
  let consentId: string;
  let disclosureIndex: number;

  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
    auditor = await ccr.person(await ccr.coordinatingBodyId(), ['auditor']);
    advocate = await ccr.person(await ccr.agency('advocacy'), ['advocate']);
    prosecutor = await ccr.person(await ccr.agency('prosecution', 'criminal_justice'), ['agency_worker']);
    nurse = await ccr.person(await ccr.agency('health', 'hipaa'), ['agency_worker']);
    log = await LedgerFixtures.connect(t.database.url, await connectAsApiRole(t.database.url));
    caseId = await log.openCase(advocate.agencyId, advocate);
    consentId = await log.recordConsent(caseId, advocate.agencyId, prosecutor.agencyId, advocate);
    const recordId = await log.storeRecord(caseId, advocate.agencyId, 'risk', [{ agency: prosecutor.agencyId, basis: 'consent', basisId: consentId }]);
    disclosureIndex = await log.read(recordId, prosecutor);
    await log.read(recordId, advocate, 'advocacy_services');
    await log.refuse(caseId, nurse, advocate.agencyId, 'no_consent');
    await log.log('case_opened', { actor: actorOf(nurse), case: await log.openCase(nurse.agencyId, nurse), requestId: '=HYPERLINK("http://evil.example","x"),1' });
  });
  afterAll(async () => {
    await log.close();
    await t.close();
  });

  const query = (path: string, actor: Actor = auditor) => t.http().get(path).set('Authorization', actor.bearer);
  const indices = (body: { entries: { index: number }[] }) => body.entries.map((entry) => entry.index);
  const kinds = (body: { entries: { entry: { kind: string } }[] }) => body.entries.map((entry) => entry.entry.kind);

  it('filters by agency as actor, recipient or discloser', async () => {
    const received = (await query(`/ledger/audit/entries?agency=${prosecutor.agencyId}`).expect(200)).body;
    expect(kinds(received)).toEqual(['consent_recorded', 'disclosure']);
    const disclosed = (await query(`/ledger/audit/entries?agency=${advocate.agencyId.toUpperCase()}&kind=disclosure`).expect(200)).body;
    expect(indices(disclosed)).toEqual([disclosureIndex]);
    expect(disclosed.entries[0].entry).toMatchObject({ discloser: advocate.agencyId, recipient: prosecutor.agencyId, actor: { agency: prosecutor.agencyId } });
  });

  it('filters by case, consent, kinds, outcome and time', async () => {
    const ofCase = (await query(`/ledger/audit/entries?case=${caseId}`).expect(200)).body;
    expect(kinds(ofCase)).toEqual(['case_opened', 'consent_recorded', 'disclosure', 'access', 'denied']);
    const underConsent = (await query(`/ledger/audit/entries?consent=${consentId}`).expect(200)).body;
    expect(kinds(underConsent)).toEqual(['consent_recorded', 'disclosure']);
    const twoKinds = (await query('/ledger/audit/entries?kind=disclosure,denied').expect(200)).body;
    expect(kinds(twoKinds)).toEqual(['disclosure', 'denied']);
    const repeated = (await query('/ledger/audit/entries?kind=disclosure&kind=denied').expect(200)).body;
    expect(indices(repeated)).toEqual(indices(twoKinds));
    const refused = (await query('/ledger/audit/entries?outcome=denied').expect(200)).body;
    expect(refused.entries.map((entry: { entry: { reason: string } }) => entry.entry.reason)).toEqual(['no_consent']);
    const future = (await query('/ledger/audit/entries?from=2999-01-01T00:00:00Z').expect(200)).body;
    expect(future.entries).toEqual([]);
    const past = (await query(`/ledger/audit/entries?case=${caseId}&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z`).expect(200)).body;
    expect(indices(past)).toEqual(indices(ofCase));
  });

  it('pages with a keyset cursor that returns every entry exactly once', async () => {
    const all = (await query(`/ledger/audit/entries?case=${caseId}`).expect(200)).body;
    const first = (await query(`/ledger/audit/entries?case=${caseId}&limit=2`).expect(200)).body;
    expect(first.entries).toHaveLength(2);
    const second = (await query(`/ledger/audit/entries?case=${caseId}&limit=2&cursor=${first.nextCursor}`).expect(200)).body;
    const third = (await query(`/ledger/audit/entries?case=${caseId}&limit=2&cursor=${second.nextCursor}`).expect(200)).body;
    expect(third.nextCursor).toBeNull();
    expect([...indices(first), ...indices(second), ...indices(third)]).toEqual(indices(all));
  });

  it('returns exact entry bytes with their leaf hash', async () => {
    const page = (await query(`/ledger/audit/entries?case=${caseId}`).expect(200)).body;
    expect(page.entries).toHaveLength(5);
    for (const row of page.entries) {
      expect(leafHash(Buffer.from(row.bytes, 'base64'))).toEqual(Buffer.from(row.leafHash, 'base64'));
      expect(JSON.parse(Buffer.from(row.bytes, 'base64').toString('utf8'))).toEqual(row.entry);
    }
  });

  it('refuses bad filters with 422 naming the field, and everyone but auditors with 403', async () => {
    const bad: [string, string][] = [
      ['kind=disclosure,gossip', 'kind'],
      ['agency=not-a-uuid', 'agency'],
      ['outcome=maybe', 'outcome'],
      ['from=yesterday', 'from'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
      ['limit=0', 'limit'],
      ['cursor=-5', 'cursor'],
      ['name=jane', 'name'],
    ];
    for (const [params, field] of bad) {
      const response = await query(`/ledger/audit/entries?${params}`);
      expect({ params, status: response.status, fields: response.body.errors?.map((error: { field: string }) => error.field) }).toEqual({ params, status: 422, fields: [field] });
    }
    for (const actor of [advocate, prosecutor]) {
      await query('/ledger/audit/entries', actor).expect(403);
      await query('/ledger/audit/export', actor).expect(403);
    }
  });

  it('logs every query as ledger_read with the filters as codes', async () => {
    const before = (await log.entriesOfKind('ledger_read')).length;
    await query(`/ledger/audit/entries?case=${caseId}&kind=disclosure&outcome=permitted&limit=5`).expect(200);
    const reads = await log.entriesOfKind('ledger_read');
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)?.entry).toMatchObject({
      actor: { principal: auditor.id, agency: auditor.agencyId, roles: ['auditor'] },
      detail: { view: 'audit_query', case: caseId, kinds: ['disclosure'], outcome: 'permitted', limit: 5 },
    });
    expect(reads.at(-1)?.entry.case).toBeUndefined();
  });

  it('exports NDJSON: one entry per line with exact bytes, logged before streaming', async () => {
    const response = await query(`/ledger/audit/export?case=${caseId}`).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => done(null, text));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = (response.body as string).split('\n');
    expect(lines.pop()).toBe('');
    const rows = lines.map((line) => JSON.parse(line));
    expect(rows.map((row) => row.entry.kind)).toEqual(['case_opened', 'consent_recorded', 'disclosure', 'access', 'denied']);
    for (const row of rows) expect(leafHash(Buffer.from(row.bytes, 'base64')).toString('base64')).toBe(row.leafHash);
    const reads = await log.entriesOfKind('ledger_read');
    expect(reads.at(-1)?.entry.detail).toMatchObject({ view: 'audit_export', format: 'ndjson', case: caseId });
  });

  it('exports CSV with a fixed header and RFC 4180 escaping, neutralizing spreadsheet formulas', async () => {
    const response = await query('/ledger/audit/export?format=csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('.csv');
    const rows = parseCsv(response.text);
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows.slice(1).every((row) => row.length === AUDIT_CSV_COLUMNS.length)).toBe(true);
    const column = (name: string) => AUDIT_CSV_COLUMNS.indexOf(name as (typeof AUDIT_CSV_COLUMNS)[number]);
    const disclosure = rows.find((row) => row[column('kind')] === 'disclosure') as string[];
    expect(disclosure[column('basis_consent')]).toBe(consentId);
    expect(disclosure[column('records')]).toMatch(/^[0-9a-f-]{36}$/);
    const evil = rows.find((row) => row[column('request_id')].includes('HYPERLINK')) as string[];
    expect(evil[column('request_id')]).toBe(`'=HYPERLINK("http://evil.example","x"),1`);
    const withDetail = rows.slice(1).find((row) => row[column('detail')] !== '') as string[];
    expect(JSON.parse(withDetail[column('detail')])).toEqual(expect.any(Object));
    expect(response.text).toContain('"\'=HYPERLINK(""http://evil.example"",""x""),1"');
  });

  it('answers 503 and discloses nothing when the ledger_read entry cannot be written', async () => {
    const restore = await log.failLedgerInserts();
    try {
      for (const path of [`/ledger/audit/entries?case=${caseId}`, `/ledger/audit/export?case=${caseId}`, '/ledger/entries?start=0']) {
        const response = await query(path);
        expect({ path, status: response.status, type: response.body.type }).toEqual({ path, status: 503, type: 'urn:ccr-exchange:problem:disclosure-log-unavailable' });
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.text).not.toContain(caseId);
        expect(response.body.entries).toBeUndefined();
      }
    } finally {
      await restore();
    }
    await query(`/ledger/audit/entries?case=${caseId}`).expect(200);
  });
});
