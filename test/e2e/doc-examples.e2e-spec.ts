import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testKeysEnv } from '../support/app';
import { exampleProblems, isRunnableShell } from '../support/doc-examples/check';
import { type DocExample, extractExamples } from '../support/doc-examples/extract';
import { runDocument } from '../support/doc-examples/run';
import { DocWorkspace } from '../support/doc-examples/workspace';
import { startListeningApp } from '../support/sdk';
import { REPO_ROOT } from '../support/service-process';

// Every shell and JSON example of README.md and docs/*.md runs against a fresh service, in order,
// one bash session per document (decision 0059). A failing example or a changed answer fails here,
// naming the document and the line.
jest.setTimeout(240_000);

const DOCUMENTS = ['README.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];

const extracted = DOCUMENTS.map((file) => ({ file, ...extractExamples(file, readFileSync(join(REPO_ROOT, file), 'utf8')) }));
const runnable = extracted.filter(({ examples }) => examples.some(isRunnableShell));

describe('the examples of README.md and docs/*.md', () => {
  let workspace: DocWorkspace;

  beforeAll(async () => {
    workspace = await DocWorkspace.create();
  });
  afterAll(() => workspace?.remove());

  it('are all tagged: each JSON example says what it is, each example left out says why', () => {
    const problems = extracted.flatMap(({ problems, examples }) => [...problems, ...exampleProblems(examples)]);
    expect(extracted.flatMap(({ examples }) => examples).length).toBeGreaterThan(25);
    expect(problems).toEqual([]);
  });

  it('names the document and line of an example that fails, and of an answer that changed', async () => {
    const document = [
      'Some prose.',
      '',
      '```sh',
      'GREETING=hello',
      '```',
      '',
      '```sh',
      'echo "{\\"greeting\\": \\"$GREETING\\", \\"id\\": 7}"',
      '```',
      '',
      '<!-- example: response -->',
      '```json',
      '{ "greeting": "hello", "id": "…" }',
      '```',
      '',
      '```sh',
      'true',
      'test "$GREETING" = goodbye',
      'echo never',
      '```',
    ].join('\n');
    const { examples } = extractExamples('docs/example.md', document);
    const failing = await runDocument('failing', examples, { workspace, baseUrl: 'http://127.0.0.1:9', adminEnv: {}, timeoutMs: 30_000 });
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatch(/^docs\/example\.md:18: the example at line 16 failed \(exit status 1\)\n {2}command: test "\$GREETING" = goodbye/);

    const changed = document.replace('"greeting": "hello"', '"greeting": "hi"').replace('test "$GREETING" = goodbye', 'true');
    const mismatches = await runDocument('changed', extractExamples('docs/example.md', changed).examples, { workspace, baseUrl: 'http://127.0.0.1:9', adminEnv: {}, timeoutMs: 30_000 });
    expect(mismatches).toEqual([expect.stringMatching(/^docs\/example\.md:12: the answer changed: \$\.greeting: the document shows "hi", the answer has "hello"/)]);
  });

  it.each(runnable.map(({ file, examples }) => [file, examples] as const))('%s runs as written against a fresh service', async (file: string, examples: DocExample[]) => {
    const app = await startListeningApp();
    try {
      const failures = await runDocument(file, examples, {
        workspace,
        baseUrl: app.baseUrl,
        adminEnv: { NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: app.t.database.url, DATA_DIR: join(workspace.root, 'data'), ...testKeysEnv() },
        timeoutMs: 180_000,
      });
      expect(failures).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
