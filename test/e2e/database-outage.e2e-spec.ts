import { Client } from 'pg';
import { migrateUp } from '../../src/database/migrator';
import { createNoteVerifier } from '../../src/ledger/checkpoint';
import { HttpLedgerClient, type JsonHttp, verifyLog } from '../../src/ledger/verifier';
import { CcrApiError } from '../../src/sdk';
import { type Actor } from '../support/ccr';
import { ControllablePostgres } from '../support/controllable-postgres';
import { type ListeningApp, startListeningApp, TempFolder } from '../support/sdk';
import { sdkAgency, type SdkAgency } from '../support/sdk-world';

interface Probe {
  what: 'principal' | 'token' | 'ready';
  status: number;
  retryAfter: string | null;
  body: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Waits and timeouts are generous: the build machine is shared, and a loaded one is several times slower.

/**
 * PostgreSQL going away under load (decision 0048): agency systems keep writing through the SDK
 * while the test stops the database server and starts it again. While it is down every request
 * answers 503 with Retry-After — never 401 (the token is fine) nor 500 — and readiness says so;
 * afterwards everything recovers by itself: each acknowledged write is there, the SDK kept its
 * tokens, and the disclosure log is dense and verifies.
 */
describe('PostgreSQL stopped and restarted while clients write', () => {
  let postgres: ControllablePostgres;
  let app: ListeningApp;
  let folder: TempFolder;
  let writers: SdkAgency[];
  let system: Actor;
  let auditor: Actor;

  beforeAll(async () => {
    postgres = await ControllablePostgres.start();
    await withClient(postgres.url(), (client) => client.query('CREATE DATABASE ccr_outage'));
    const url = postgres.url('ccr_outage');
    await migrateUp(url);
    app = await startListeningApp({ database: { name: 'ccr_outage', url, drop: () => Promise.resolve() } });
    folder = await TempFolder.create();
    writers = [await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca'), await sdkAgency(app, folder, 'law_enforcement', 'criminal_justice')];
    system = await app.ccr.service(writers[1].agencyId);
    auditor = await app.ccr.person(await app.ccr.coordinatingBodyId(), ['auditor']);
  }, 300_000);

  afterAll(async () => {
    for (const writer of writers ?? []) await writer.keystore.close();
    await app?.close();
    await folder?.remove();
    await postgres?.close();
  });

  it('answers 503 with Retry-After while it is down, and recovers with nothing acknowledged lost', async () => {
    const acknowledged = { cases: [] as string[], notes: [] as string[] };
    const failures: unknown[] = [];
    let writing = true;
    const writeLoop = async (writer: SdkAgency) => {
      let lastCase: string | undefined;
      for (let i = 0; writing; i += 1) {
        try {
          if (lastCase && i % 3 === 0) {
            acknowledged.notes.push((await writer.client.notes.add(lastCase, { category: 'coordination', content: `note ${i}` })).id);
          } else {
            lastCase = (await writer.client.cases.open({ profile: { name: `survivor ${i}` } })).id;
            acknowledged.cases.push(lastCase);
          }
        } catch (error) {
          failures.push(error);
          await sleep(100);
        }
      }
    };
    const tokenRequestsBefore = tokenGrants();
    const writing$ = Promise.all([...writers, ...writers].map(writeLoop));
    await until(() => acknowledged.cases.length + acknowledged.notes.length >= 10, 90_000);

    await postgres.stop();
    const logLinesAtStop = app.t.logs.length;
    const probes: Probe[] = [];
    const outageEnds = Date.now() + 2_500;
    while (Date.now() < outageEnds || probes.length < 9) {
      probes.push(await probe('principal'), await probe('token'), await probe('ready'));
      await sleep(100);
    }
    const writesBeforeRestart = acknowledged.cases.length + acknowledged.notes.length;
    await postgres.start();
    await until(async () => (await probe('ready')).status === 200, 90_000);
    await until(() => acknowledged.cases.length + acknowledged.notes.length >= writesBeforeRestart + 10, 90_000);
    writing = false;
    await writing$;

    // While it was down: 503 with Retry-After from every route, RFC 6749 at the token endpoint.
    expect(probes.length).toBeGreaterThanOrEqual(9);
    for (const each of probes) expect({ what: each.what, status: each.status, retryAfter: each.retryAfter }).toEqual({ what: each.what, status: 503, retryAfter: '2' });
    expect(probes.find((each) => each.what === 'principal')?.body).toMatchObject({ type: 'urn:ccr-exchange:problem:database-unavailable' });
    expect(probes.find((each) => each.what === 'token')?.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.any(String) });
    expect(probes.find((each) => each.what === 'ready')?.body).toMatchObject({ checks: { database: 'down' } });

    // No request of the whole run answered 401 or 500; the clients saw 503s at most.
    const statuses = accessLogStatuses(app.t.logs.slice(logLinesAtStop));
    expect(statuses.filter((status) => status === 401 || (status >= 500 && status !== 503))).toEqual([]);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
    expect(failures.filter((error) => !(error instanceof CcrApiError && error.status === 503))).toEqual([]);
    // The SDK kept its tokens: none was requested again after the outage began.
    expect(tokenGrants()).toBe(tokenRequestsBefore);

    // Everything acknowledged is there, and the log is dense and verifies.
    await withClient(postgres.url('ccr_outage'), async (owner) => {
      const cases = await owner.query<{ id: string }>('SELECT id FROM cases WHERE id = ANY($1)', [acknowledged.cases]);
      expect(cases.rows).toHaveLength(acknowledged.cases.length);
      const notes = await owner.query<{ id: string }>('SELECT id FROM notes WHERE id = ANY($1)', [acknowledged.notes]);
      expect(notes.rows).toHaveLength(acknowledged.notes.length);
      const entries = await owner.query<{ idx: string }>('SELECT idx FROM ledger_entries ORDER BY idx');
      expect(entries.rows.map((row) => Number(row.idx))).toEqual(entries.rows.map((_row, i) => i));
      const opened = await owner.query<{ count: string }>(`SELECT count(*) FROM ledger_entries WHERE convert_from(entry, 'UTF8')::jsonb->>'kind' = 'case_opened' AND convert_from(entry, 'UTF8')::jsonb->>'case' = ANY($1)`, [acknowledged.cases]);
      expect(Number(opened.rows[0].count)).toBe(acknowledged.cases.length);
    });
    await app.t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    const logKey = (await app.t.http().get('/ledger/log-key').expect(200)).body as { verifierKey: string };
    const report = await verifyLog(new HttpLedgerClient(overHttp(app, auditor)), { logKey: await createNoteVerifier(logKey.verifierKey), witnessKeys: [], quorum: 0 });
    expect(report).toMatchObject({ ok: true, failures: [] });
  }, 300_000);

  async function probe(what: Probe['what']): Promise<Probe> {
    const response =
      what === 'principal'
        ? await app.t.http().get('/principals/me').set('Authorization', system.bearer)
        : what === 'token'
          ? await app.t.http().post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: system.username, client_secret: system.secret })
          : await app.t.http().get('/health/ready');
    return { what, status: response.status, retryAfter: response.headers['retry-after'] ?? null, body: response.body as unknown };
  }

  /** Successful token requests so far, from the access log. */
  function tokenGrants(): number {
    return app.t.logs.filter((line) => line.includes('"path":"/oauth/token"') && line.includes('"statusCode":200')).length;
  }
});

function accessLogStatuses(lines: string[]): number[] {
  return lines.map((line) => JSON.parse(line) as { res?: { statusCode?: number } }).flatMap((line) => (line.res?.statusCode === undefined ? [] : [line.res.statusCode]));
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The verifier's port over the app's own HTTP stack, as the auditor. */
function overHttp(app: ListeningApp, actor: Actor): JsonHttp {
  return {
    async request<T>(request: { method: 'GET' | 'POST'; path: string; query?: Record<string, string | number | boolean | undefined>; json?: unknown }) {
      const query = Object.fromEntries(Object.entries(request.query ?? {}).filter(([, value]) => value !== undefined)) as Record<string, string>;
      const pending = request.method === 'GET' ? app.t.http().get(request.path).query(query) : app.t.http().post(request.path).send(request.json as object);
      const response = await pending.set('Authorization', actor.bearer);
      if (response.status >= 400) throw new Error(`${request.method} ${request.path} answered ${response.status}`);
      return { body: response.body as T };
    },
  };
}
