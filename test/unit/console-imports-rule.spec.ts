import { join } from 'node:path';
import { RuleTester } from 'eslint';
import { parser as tsParser } from 'typescript-eslint';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rule = require('../../eslint-rules/console-imports.cjs') as import('eslint').Rule.RuleModule;

const ROOT = join(__dirname, '../..');
const screen = join(ROOT, 'console/src/screens/Some.tsx');
const verifyWorker = join(ROOT, 'console/src/workers/verify.worker.ts');
const keyWorker = join(ROOT, 'console/src/workers/key.worker.ts');

/** The console imports only browser-safe code from outside console/ (eslint.config.mjs, decision 0104). */
describe('local/console-imports', () => {
  // RuleTester runs each case as a test of its own (it throws on a mismatch).
  new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } }).run('console-imports', rule, {
  valid: [
    { filename: screen, code: "import { HttpCore } from '../../../src/sdk/browser-plain';" },
    { filename: keyWorker, code: "import { getSodium } from '../../../src/crypto';" },
    { filename: keyWorker, code: "import { PersonSession } from '../../../src/sdk/browser';" },
    { filename: screen, code: "import { App } from '../app/App';" },
    { filename: screen, code: "import { useState } from 'react';" },
    { filename: verifyWorker, code: "import { verifyLog } from '../../../src/ledger/verifier';" },
  ],
  invalid: [
    { filename: screen, code: "import { CcrClient } from '../../../src/sdk';", errors: [{ messageId: 'outside' }] },
    { filename: screen, code: "import { loadConfig } from '../../../src/config/config';", errors: [{ messageId: 'outside' }] },
    { filename: screen, code: "import { verifyLog } from '../../../src/ledger/verifier';", errors: [{ messageId: 'outside' }] },
    { filename: screen, code: "export * from '../../../src/principals/principals.service';", errors: [{ messageId: 'outside' }] },
    { filename: screen, code: "const m = import('../../../src/sdk/index');", errors: [{ messageId: 'outside' }] },
    // The page's script would carry libsodium and OPAQUE: decision 0159.
    { filename: screen, code: "import { HttpCore } from '../../../src/sdk/browser';", errors: [{ messageId: 'pageValues' }] },
    { filename: screen, code: "import { getSodium } from '../../../src/crypto';", errors: [{ messageId: 'pageValues' }] },
    { filename: screen, code: "const m = import('../../../src/sdk/browser');", errors: [{ messageId: 'pageValues' }] },
  ],
});
  // Type-only imports are erased: the page may take types from the full entries.
  new RuleTester({ languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: 'module' } }).run('console-imports (TypeScript)', rule, {
    valid: [
      { filename: screen, code: "import type { Referral } from '../../../src/sdk/browser';" },
      { filename: screen, code: "import { type Referral, type CaseHandle } from '../../../src/sdk/browser';" },
      { filename: screen, code: "export type { PersonKeys } from '../../../src/crypto';" },
    ],
    invalid: [{ filename: screen, code: "import { type Referral, PersonSession } from '../../../src/sdk/browser';", errors: [{ messageId: 'pageValues' }] }],
  });
});
