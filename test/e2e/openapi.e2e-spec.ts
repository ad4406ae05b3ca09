import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { type OpenAPIV3 } from 'openapi-types';
import request from 'supertest';
import { buildOpenApiDocument } from '../../src/openapi/openapi';
import { ContractChecks, startTestApp, type TestApp } from '../support/app';
import { type ObservedResponse, OpenApiContract } from '../support/openapi-contract';
import { declaredRoutes } from '../support/routes';

type Operation = OpenAPIV3.OperationObject & { responses: Record<string, OpenAPIV3.ResponseObject> };

describe('OpenAPI document', () => {
  let t: TestApp;
  let served: OpenAPIV3.Document;
  beforeAll(async () => {
    t = await startTestApp();
    served = (await t.http().get('/docs/openapi.json').expect(200)).body as OpenAPIV3.Document;
  });
  afterAll(() => t.close());

  function operations(): { key: string; path: string; method: string; operation: Operation }[] {
    return Object.entries(served.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, operation })),
    );
  }

  it('matches the committed docs/openapi.json (run `npm run openapi` after changing the API)', () => {
    const committed: unknown = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8'));
    expect(JSON.parse(JSON.stringify(buildOpenApiDocument(t.app)))).toEqual(committed);
  });

  it('is served at /docs/openapi.json with Swagger UI at /docs', async () => {
    expect(served.info.title).toBe('CCR Exchange');
    const ui = await t.http().get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('documents every route of the application', () => {
    const documented = operations().map((each) => each.key);
    const routes = declaredRoutes(t.app)
      .filter((route) => !route.path.startsWith('/bench')) // mounted only for the benchmark (BENCH_BASELINE_ROUTE)
      .map((route) => `${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('documents, for every operation, at least the problems its shape implies', () => {
    const publicRoutes = new Set(declaredRoutes(t.app).filter((route) => route.isPublic).map((route) => `${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`));
    const missing = operations().flatMap(({ key, path, operation }) => {
      const expected = new Set<number>();
      if (!publicRoutes.has(key)) [401, 403, 503].forEach((status) => expected.add(status));
      if (key !== 'POST /oauth/token') expected.add(422); // the edge checks every query string (decision 0047)
      if (/^(POST|PUT|PATCH|DELETE) /.test(key)) [400, 413, 415].forEach((status) => expected.add(status)); // every body is parsed and checked
      if (path.includes('{')) expected.add(404);
      if (operation.requestBody && key !== 'POST /oauth/token') [400, 413, 415, 422].forEach((status) => expected.add(status));
      if ((operation.parameters as OpenAPIV3.ParameterObject[] | undefined)?.some((parameter) => parameter.in === 'query')) expected.add(422);
      return [...expected].filter((status) => !(String(status) in operation.responses)).map((status) => `${key} does not document ${status}`);
    });
    expect(operations().length).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('answers every documented error as application/problem+json, except RFC 6749 errors at the token endpoint', () => {
    const mediaTypes = operations().flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => `${key} ${status}: ${Object.keys(response.content ?? {}).join(', ')}`),
    );
    const oauth = ['POST /oauth/token 400: application/json, application/problem+json', 'POST /oauth/token 401: application/json', 'POST /oauth/token 503: application/json'];
    expect(mediaTypes.filter((line) => !line.endsWith(': application/problem+json'))).toEqual(oauth);
    expect(served.components?.schemas?.ProblemDetails).toMatchObject({ required: ['type', 'title', 'status', 'detail', 'instance', 'requestId'] });
  });

  it('gives unique schema names (a duplicate class name stops the document from being built)', () => {
    const names = Object.keys(served.components?.schemas ?? {});
    expect(names).toEqual(expect.arrayContaining(['DeliveredRecordDto', 'ReferralOutcomeRecordDto', 'MandateDto', 'AccountingMandateDto', 'ConsentVersionDto', 'AccountingConsentVersionDto']));
    const profile = (served.paths['/cases/{caseId}/profile']?.get as Operation).responses['200'].content?.['application/json'].schema;
    expect(profile).toEqual({ $ref: '#/components/schemas/DeliveredRecordDto' });
    expect(Object.keys((served.components?.schemas?.DeliveredRecordDto as OpenAPIV3.SchemaObject).properties ?? {})).toEqual(['record', 'basis', 'logIndex']);
  });

  describe('the contract check every e2e answer goes through', () => {
    let contract: OpenApiContract;
    beforeAll(() => {
      contract = new OpenApiContract(served);
    });
    const answer = (status: number, body: unknown, overrides: Partial<ObservedResponse> = {}): ObservedResponse => ({
      method: 'GET',
      url: `/agencies/${randomUUID()}`,
      status,
      contentType: status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
      body: Buffer.from(JSON.stringify(body)),
      ...overrides,
    });
    const agency = { id: randomUUID(), name: 'Duluth Police', kind: 'law_enforcement', regime: 'criminal_justice', status: 'active', coordinatingBody: false, createdAt: new Date().toISOString() };
    const problem = { type: 'urn:ccr-exchange:problem:not-found', title: 'Not found', status: 404, detail: 'No agency.', instance: '/agencies/x', requestId: 'r-1' };

    it('accepts an answer the document describes', () => {
      expect(contract.violation(answer(200, agency))).toBeUndefined();
      expect(contract.violation(answer(404, problem))).toBeUndefined();
    });

    it.each([
      ['an undocumented status', answer(409, { ...problem, status: 409 }), /status 409 is not documented/],
      ['an undocumented media type', answer(200, agency, { contentType: 'text/plain' }), /content type text\/plain is not documented/],
      ['a missing property', answer(200, { ...agency, name: undefined }), /must have required property 'name'/],
      ['a property the document does not name', answer(200, { ...agency, share: null }), /must NOT have additional properties/],
      ['a wrong format', answer(200, { ...agency, createdAt: 'yesterday' }), /must match format "date-time"/],
      ['an error that is not a problem', answer(404, { message: 'Not Found' }), /must have required property 'type'/],
      ['an unknown route answered with anything but a problem', answer(200, {}, { url: '/no-such-route' }), /no operation of the document matches/],
    ])('refuses %s', (_case, observed, expected) => {
      expect(contract.violation(observed)).toMatch(expected);
    });
  });

  describe('the harness', () => {
    /** A stand-in server that answers GET /agencies/{id} with a body the document does not describe. */
    function misbehavingServer(checks: ContractChecks) {
      const server = express();
      server.use(checks.middleware());
      server.get('/agencies/:id', (_request, response) => void response.status(200).json({ id: 'not-a-uuid', share: true }));
      return server;
    }

    it('fails the supertest request that received an answer the document does not describe', async () => {
      const checks = new ContractChecks();
      checks.use(new OpenApiContract(served));
      const failed = await checks.supertest(request(misbehavingServer(checks))).get(`/agencies/${randomUUID()}`).then(
        () => undefined,
        (error: Error) => error.message,
      );
      expect(failed).toMatch(/does not match the served OpenAPI document: the body does not match the documented schema/);
      expect(() => checks.throwUnclaimed()).not.toThrow();
    });

    it('fails the test for an answer to other clients (the SDK, the CLI) that the document does not describe', async () => {
      const checks = new ContractChecks();
      checks.use(new OpenApiContract(served));
      await request(misbehavingServer(checks)).get(`/agencies/${randomUUID()}`).expect(200);
      expect(() => checks.throwUnclaimed()).toThrow(/answers the OpenAPI document does not describe:[\s\S]*GET \/agencies\//);
      expect(() => checks.throwUnclaimed()).not.toThrow();
    });
  });
});
