import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const rule = require('../../eslint-rules/expect-in-loop-needs-length.cjs') as import('eslint').Rule.RuleModule;

/** The project's own lint rule against assertions that may never run (eslint.config.mjs). */
describe('local/expect-in-loop-needs-length', () => {
  const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
  const inTest = (body: string) => `it('x', async () => {\n${body}\n});`;

  // RuleTester runs each case as a test of its own (it throws on a mismatch).
  tester.run('expect-in-loop-needs-length', rule, {
    valid: [
      inTest('const rows = await list();\nexpect(rows).toHaveLength(3);\nfor (const row of rows) expect(row.ok).toBe(true);'),
      inTest('const rows = await list();\nexpect(rows.length).toBeGreaterThan(0);\nrows.forEach((row) => expect(row.ok).toBe(true));'),
      inTest('const rows = await list();\nfor (const row of rows) expect(row.ok).toBe(true);\nexpect(rows.map((row) => row.id)).toEqual(["a", "b"]);'),
      inTest('for (const code of ["a", "b"]) expect(check(code)).toBe(true);'),
      inTest('const codes = ["a", "b"] as const;\nfor (const [i, code] of codes.entries()) expect(check(code, i)).toBe(true);'),
      inTest('for (const [name, value] of Object.entries({ a: 1 })) expect(value).toBe(1);'),
      inTest('for (let i = 0; i < 3; i += 1) expect(check(i)).toBe(true);'),
      inTest('expect(size).toBeGreaterThan(0);\nfor (let i = 0; i < size; i += 1) expect(check(i)).toBe(true);'),
      inTest('do { expect(next()).toBe(true); } while (more());'),
      inTest('const outcomes = [];\nfor (const row of await list()) outcomes.push(row.ok);\nexpect(outcomes).toEqual([true]);'),
    ],
    invalid: [
      { code: inTest('const rows = await list();\nfor (const row of rows) expect(row.ok).toBe(true);'), errors: [{ messageId: 'unguarded' }] },
      { code: inTest('(await list()).forEach((row) => expect(row.ok).toBe(true));'), errors: [{ messageId: 'unguarded' }] },
      { code: inTest('const rows = await list();\nexpect(new Set(rows).size).toBe(rows.length);\nrows.forEach((row) => expect(row).toMatch(/x/));'), errors: [{ messageId: 'unguarded' }] },
      { code: inTest('for (let i = 0; i < size; i += 1) expect(check(i)).toBe(true);'), errors: [{ messageId: 'unguarded' }] },
      { code: inTest('while (more()) expect(next()).toBe(true);'), errors: [{ messageId: 'unguarded' }] },
      { code: inTest('const rows = [];\nfor (const row of rows) expect(row).toBe(1);'), errors: [{ messageId: 'unguarded' }] },
      { code: inTest('for (let i = 0; i < 0; i += 1) expect(check(i)).toBe(true);'), errors: [{ messageId: 'unguarded' }] },
    ],
  });
});
