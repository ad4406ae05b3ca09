import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../src/openapi/openapi';
import { startTestApp, type TestApp } from '../support/app';

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('matches the committed docs/openapi.json (run `npm run openapi` after changing the API)', () => {
    const committed: unknown = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8'));
    expect(JSON.parse(JSON.stringify(buildOpenApiDocument(t.app)))).toEqual(committed);
  });

  it('is served at /docs/openapi.json with Swagger UI at /docs', async () => {
    const json = await t.http().get('/docs/openapi.json').expect(200);
    expect(json.body.info.title).toBe('CCR Exchange');
    const ui = await t.http().get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });
});
