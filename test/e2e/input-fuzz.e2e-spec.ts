import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import { generateAgencyKeyEpoch, signKeyRegistration } from '../../src/crypto';
import { buildOpenApiDocument } from '../../src/openapi/openapi';
import { type Role } from '../../src/principals/principal.vocabulary';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type BodyShape, mutatedBody, nastyString, requestBody } from '../support/json-fuzz';
import { concretePath, declaredRoutes, type DeclaredRoute } from '../support/routes';
import { type AgencyKeys, consentBody, registerAgencyKeys, sealAs } from '../support/sealing';

/**
 * No input answers 5xx, and a refused request writes nothing (decision 0047). One fast-check
 * property per write route, sent by a role the route admits, and one for the token endpoint;
 * bodies are arbitrary JSON text (see test/support/json-fuzz.ts). After every request the rows of
 * every table are counted: a request refused for its shape (400, 413, 415, 422) changed none;
 * any other refusal changed none outside the tables that record refusals by design (the
 * disclosure log's denial entries, the token back-off counters).
 *
 * Size and time (2-core build machine): 40 bodies for each of the 22 write routes, 100 mutations
 * of each of 5 valid bodies, 40 unauthenticated and 150 token requests — about 1,600 requests in
 * about 32 s for the file. The seed changes every run (CCR_FUZZ_SEED=n repeats one; fast-check
 * prints the seed and the counterexample of a failure).
 */
const RUNS_PER_ROUTE = 40;
const MUTATIONS_PER_BODY = 100;
const TOKEN_RUNS = 150;
const SEED = Number(process.env.CCR_FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Generous: the build machine is shared, and a loaded one runs these several times slower. */
const LONG = 300_000;

/** Tables that refusals write to on purpose. */
const REFUSAL_RECORDS = /^(ledger_|token_failures$)/;
const SHAPE_REFUSALS = new Set([400, 413, 415, 422]);
const ROLE_PREFERENCE: Role[] = ['advocate', 'service', 'agency_worker', 'admin', 'auditor'];

type RowCounts = Record<string, number>;

describe('fuzzing every write route and the token endpoint (decision 0047)', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let owner: Client;
  let countRows: () => Promise<RowCounts>;
  let routes: DeclaredRoute[];
  let shapes: Map<string, BodyShape>;
  const actors = new Map<Role, Actor>();
  const known: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '10000', TOKEN_FAILURES_BEFORE_BACKOFF: '100' } });
    ccr = new TestCcr(t);
    const member = await ccr.agency('advocacy');
    actors.set('admin', await ccr.admin());
    actors.set('auditor', await ccr.person(await ccr.coordinatingBodyId(), ['auditor']));
    actors.set('advocate', await ccr.person(member, ['advocate']));
    actors.set('agency_worker', await ccr.person(member, ['agency_worker']));
    actors.set('service', await ccr.service(member));
    const kase = await t.http().post('/cases').set('Authorization', (actors.get('advocate') as Actor).bearer).send({}).expect(201);
    known.push(member, kase.body.id as string, (actors.get('agency_worker') as Actor).id);

    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    const { rows } = await owner.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
    const sql = `SELECT ${rows.map(({ name }) => `(SELECT count(*) FROM "${name}")::int AS "${name}"`).join(', ')}`;
    countRows = async () => (await owner.query<RowCounts>(sql)).rows[0];

    routes = declaredRoutes(t.app).filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method));
    shapes = bodyShapes(buildOpenApiDocument(t.app) as unknown as OpenApi);
  }, LONG);
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const CLEAN_REFUSAL = { serverError: false, problemJson: true, changed: [] as string[] };

  it('finds the write routes and their bodies', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(shapes.get('POST /referrals')?.members).toHaveProperty('toAgencyId');
  });

  /** What the request changed, as the tables it changed: none for a refusal (see above). */
  async function changedTables(before: RowCounts, status: number): Promise<string[]> {
    const after = await countRows();
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    return SHAPE_REFUSALS.has(status) ? changed : changed.filter((table) => !REFUSAL_RECORDS.test(table));
  }

  /** A refusal must be problem+json and write nothing; a success is held only to "no 5xx". */
  async function refusal(response: { status: number; headers: Record<string, string> }, before: RowCounts) {
    if (response.status < 400) return CLEAN_REFUSAL;
    return {
      serverError: response.status >= 500,
      problemJson: String(response.headers['content-type']).includes('application/problem+json'),
      changed: await changedTables(before, response.status),
    };
  }

  function adminsOf(route: DeclaredRoute): Actor {
    const role = ROLE_PREFERENCE.find((each) => route.roles?.includes(each));
    return actors.get(role as Role) as Actor;
  }

  it('answers every write route without a 5xx, in problem+json, writing nothing it refused', async () => {
    // The administrator's routes last: a write it is allowed (suspending the member agency) would
    // leave the others nothing but 401s to answer.
    const protectedRoutes = routes.filter((route) => !route.isPublic).sort((a, b) => Number(adminsOf(a) === actors.get('admin')) - Number(adminsOf(b) === actors.get('admin')));
    expect(protectedRoutes.length).toBeGreaterThan(15);
    for (const route of protectedRoutes) {
      const actor = adminsOf(route);
      const shape = shapes.get(`${route.method} ${route.path}`) ?? { members: {} };
      await fc.assert(
        fc.asyncProperty(requestBody(shape, known), fc.constantFrom(...known, 'random'), async (body, id) => {
          const path = concretePath(route.path, () => (id === 'random' ? randomUUID() : id));
          const before = await countRows();
          const response = await send(route.method, path, body).set('Authorization', actor.bearer);
          expect({ route: route.handler, ...(await refusal(response, before)) }).toEqual({ route: route.handler, ...CLEAN_REFUSAL });
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
    }
  }, LONG);

  it('answers valid bodies broken in one place (envelopes, signed terms, key registrations) without a 5xx, writing nothing it refused', async () => {
    const officer = await ccr.service(await ccr.agency('law_enforcement', 'criminal_justice'));
    const intake = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
    const newcomer = await ccr.service(await ccr.agency('probation', 'criminal_justice'));
    const police: AgencyKeys = await registerAgencyKeys(t, officer);
    const advocacy: AgencyKeys = await registerAgencyKeys(t, intake);
    const caseId = (await t.http().post('/cases').set('Authorization', officer.bearer).send({}).expect(201)).body.id as string;
    const release = await consentBody(police, caseId, advocacy.agencyId, { actions: ['receive_referral', 'receive_notes'], categories: ['risk'], purpose: 'advocacy_services' });
    await t.http().post(`/cases/${caseId}/consents`).set('Authorization', officer.bearer).send(release).expect(201);
    const consentId = release.consentId as string;
    const recipients = [{ agency: advocacy, consentId }];
    const newCase = randomUUID();
    const bodies: { actor: Actor; method: string; path: string; body: unknown }[] = [
      { actor: officer, method: 'POST', path: '/cases', body: { caseId: newCase, profile: await sealAs(police, { caseId: newCase, category: 'profile', body: '{"name":"x"}' }) } },
      { actor: officer, method: 'POST', path: `/cases/${caseId}/notes`, body: { category: 'risk', content: await sealAs(police, { caseId, category: 'risk', body: 'note', recipients }) } },
      {
        actor: officer,
        method: 'POST',
        path: '/referrals',
        body: { toAgencyId: advocacy.agencyId, fromCaseId: caseId, consentId, purpose: 'advocacy_services', priority: 'routine', content: await sealAs(police, { caseId, category: 'referral', body: 'packet', recipients }) },
      },
      { actor: officer, method: 'POST', path: `/cases/${caseId}/consents`, body: await consentBody(police, caseId, advocacy.agencyId, { categories: ['risk'], actions: ['receive_notes'], purpose: 'advocacy_services' }) },
      { actor: newcomer, method: 'POST', path: `/agencies/${newcomer.agencyId}/keys`, body: await signKeyRegistration(await generateAgencyKeyEpoch(newcomer.agencyId, 1)) },
    ];
    const ids = [...known, caseId, consentId, police.agencyId, advocacy.agencyId];
    for (const { actor, method, path, body } of bodies) {
      await fc.assert(
        fc.asyncProperty(mutatedBody(body, ids), async (text) => {
          const before = await countRows();
          const response = await send(method, path, text).set('Authorization', actor.bearer);
          expect({ path, ...(await refusal(response, before)) }).toEqual({ path, ...CLEAN_REFUSAL });
        }),
        { numRuns: MUTATIONS_PER_BODY, seed: SEED, endOnFailure: true },
      );
    }
  }, LONG);

  it('refuses hostile bodies on every write route before authentication, without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes.filter((route) => !route.isPublic)), requestBody({ members: {} }, known), async (route, body) => {
        const before = await countRows();
        const response = await send(route.method, concretePath(route.path, randomUUID), body);
        expect([400, 401, 422]).toContain(response.status);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(await changedTables(before, response.status)).toEqual([]);
      }),
      { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
    );
  }, LONG);

  it('answers the token endpoint in RFC 6749 terms, never 5xx, for hostile forms, Basic credentials and JSON', async () => {
    const service = actors.get('service') as Actor;
    const strings = nastyString([service.username, service.secret, '%00', '%ED%A0%80', '%', 'a%00b']);
    const form = fc
      .dictionary(
        fc.constantFrom('grant_type', 'client_id', 'client_secret', 'username', 'password', 'assertion', 'client_assertion', 'client_assertion_type', '__proto__', 'constructor', 'scope'),
        fc.oneof(strings, fc.constantFrom('client_credentials', 'password', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')),
        { maxKeys: 6 },
      )
      .chain((fields) => fc.constantFrom('', '&a=%ED%A0%80', '&%zz=1', '&b=%00', '&grant_type=password').map((tail) => new URLSearchParams(fields).toString() + tail));
    const basic = fc.option(fc.tuple(strings, strings).map(([id, secret]) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`));
    const request = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('form' as const), body: form, authorization: basic }), weight: 4 },
      { arbitrary: fc.record({ kind: fc.constant('json' as const), body: requestBody({ members: { grant_type: ['client_credentials'] } }, known), authorization: basic }), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ kind, body, authorization }) => {
        const before = await countRows();
        const pending = t.http().post('/oauth/token').set('Content-Type', kind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json');
        if (authorization) pending.set('Authorization', authorization);
        const response = await pending.send(body);
        expect(response.status).toBeLessThan(500);
        const refused = response.status >= 400 && response.status !== 429;
        // An answer that was not a refusal is held to nothing more than "no 5xx".
        const seen = refused
          ? { json: String(response.headers['content-type']).includes('application/json'), body: response.body as unknown, changed: await changedTables(before, 401) }
          : { json: true, body: { error: 'none', error_description: 'none' }, changed: [] };
        expect(seen).toEqual({ json: true, body: { error: expect.any(String), error_description: expect.any(String) }, changed: [] });
      }),
      { numRuns: TOKEN_RUNS, seed: SEED, endOnFailure: true },
    );
  }, LONG);

  function send(method: string, path: string, body: string) {
    const verb = method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
    return t.http()[verb](path).set('Content-Type', 'application/json').set('Idempotency-Key', randomUUID()).send(body);
  }
});

interface SchemaObject {
  $ref?: string;
  properties?: Record<string, SchemaObject & { enum?: unknown[]; items?: SchemaObject & { enum?: unknown[] } }>;
}
interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: SchemaObject }> } }>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** Each write route's body members (and enum values), from the API document the app serves. */
function bodyShapes(document: OpenApi): Map<string, BodyShape> {
  const shapes = new Map<string, BodyShape>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      let schema = operation.requestBody?.content?.['application/json']?.schema;
      if (schema?.$ref) schema = document.components?.schemas?.[schema.$ref.split('/').pop() as string];
      const members = Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([name, property]) => [name, property.enum ?? (property.items?.enum ? [property.items.enum] : [])]));
      shapes.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, { members });
    }
  }
  return shapes;
}
