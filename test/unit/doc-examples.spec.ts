import { exampleProblems } from '../support/doc-examples/check';
import { extractExamples } from '../support/doc-examples/extract';
import { jsonMismatch } from '../support/doc-examples/json-match';
import { commandsOf } from '../support/doc-examples/run';

// The doc-example test's own parts (decision 0059); test/e2e/doc-examples.e2e-spec.ts runs them on the documents.
describe('doc examples: extraction', () => {
  it('finds sh, bash, shell and json blocks with their line and tag, and nothing else', () => {
    const markdown = ['# T', '```sh', 'echo a', '```', '```ts', 'const a = 1;', '```', '<!-- example: no-run — needs a printer -->', '```bash', 'lp x', '```', '```', 'plain', '```', '<!-- example: file body.json -->', '```json', '{}', '```'].join('\n');
    const { examples, problems } = extractExamples('docs/t.md', markdown);
    expect(problems).toEqual([]);
    expect(examples.map(({ line, language, code, tag }) => ({ line, language, code, tag }))).toEqual([
      { line: 2, language: 'shell', code: 'echo a', tag: undefined },
      { line: 9, language: 'shell', code: 'lp x', tag: { kind: 'no-run', reason: 'needs a printer' } },
      { line: 16, language: 'json', code: '{}', tag: { kind: 'file', name: 'body.json' } },
    ]);
  });

  it('refuses a no-run tag without a reason, an unknown tag and a tag away from a fence', () => {
    const markdown = ['<!-- example: no-run -->', '```sh', 'x', '```', '<!-- example: maybe -->', '```sh', 'y', '```', '<!-- example: response -->', '', '```json', '{}', '```'].join('\n');
    const { problems } = extractExamples('README.md', markdown);
    expect(problems).toEqual([
      expect.stringMatching(/^README\.md:1: a no-run tag needs a reason/),
      expect.stringMatching(/^README\.md:5: unknown example tag "maybe"/),
      expect.stringMatching(/^README\.md:9: an example tag must be on the line just above a fence/),
    ]);
  });

  it('refuses an untagged JSON example, a response after nothing runnable, and a curl whose error would go unnoticed', () => {
    const markdown = ['```json', '{}', '```', '<!-- example: response -->', '```json', '{}', '```', '```sh', 'curl -s $CCR/x', 'curl -sf $CCR/y', 'curl --fail-with-body $CCR/z | jq .', '```'].join('\n');
    expect(exampleProblems(extractExamples('README.md', markdown).examples)).toEqual([
      expect.stringMatching(/^README\.md:1: a JSON example needs a tag/),
      expect.stringMatching(/^README\.md:5: a response must come right after the shell example/),
      expect.stringMatching(/^README\.md:9: curl without --fail-with-body/),
    ]);
  });

  it('runs the commands of a transcript, keeping its line numbers', () => {
    expect(commandsOf('$ ccrx whoami\nid: 1\n$ ccrx a \\\n  --b\nok')).toBe('ccrx whoami\n\nccrx a \\\n  --b\n');
    expect(commandsOf('echo $HOME')).toBe('echo $HOME');
  });
});

describe('doc examples: comparing an answer with the one shown', () => {
  it('takes "…" for any value, and for any text inside a string', () => {
    expect(jsonMismatch({ id: '…', token: 'eyJ…', nested: '…' }, { id: 'a1', token: 'eyJhbGc', nested: { deep: [1] } })).toBeUndefined();
    expect(jsonMismatch({ token: 'eyJ…' }, { token: 'xyz' })).toBe('$.token: the document shows "eyJ…", the answer has "xyz"');
  });

  it('lets an answer carry members the document does not show, never lose or change one it shows', () => {
    expect(jsonMismatch({ status: 'requested' }, { status: 'requested', version: 1 })).toBeUndefined();
    expect(jsonMismatch({ agencyId: '…' }, { custodianAgencyId: 'x' })).toBe('$.agencyId: the document shows it, the answer has no such member (it has custodianAgencyId)');
    expect(jsonMismatch({ status: 403 }, { status: 422 })).toBe('$.status: the document shows 403, the answer has 422');
  });

  it('compares arrays element by element, open-ended only after a final "…"', () => {
    expect(jsonMismatch(['a', 'b'], ['a', 'b'])).toBeUndefined();
    expect(jsonMismatch(['a'], ['a', 'b'])).toBe('$: the document shows 1 elements, the answer has 2');
    expect(jsonMismatch(['a', '…'], ['a', 'b', 'c'])).toBeUndefined();
    expect(jsonMismatch([{ n: 1 }], [{ n: 2 }])).toBe('$[0].n: the document shows 1, the answer has 2');
  });
});
