import { builtinModules } from 'node:module';
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import local from './eslint-rules/index.cjs';

const SPEC_FILES = ['**/*.spec.ts', 'test/**/*.e2e-spec.ts', 'test/**/*.int-spec.ts'];

// What the SDK's browser entry (src/sdk/browser.ts) reaches: no Node built-in, no Node global.
// The Node-only files of the SDK (files, the environment) are listed apart and reached only from
// src/sdk/index.ts. test/unit/sdk-browser-bundle.spec.ts bundles the entry for browsers as well.
const BROWSER_REACHABLE = [
  'src/sdk/**/*.ts',
  'src/crypto/**/*.ts',
  'src/consent/consent.vocabulary.ts',
  'src/consent/consent-terms.ts',
  'src/consent/policy/**/*.ts',
  'src/referrals/referral.vocabulary.ts',
  'src/events/event.vocabulary.ts',
  'src/agencies/agency.vocabulary.ts',
  'src/risk/risk.vocabulary.ts',
  'src/ledger/ledger.vocabulary.ts',
];
const NODE_ONLY_SDK = [
  'src/sdk/index.ts',
  'src/sdk/files/**',
  'src/sdk/keystore/file-keystore.ts',
  'src/sdk/keystore/keystore-files.ts',
  'src/sdk/keystore/passphrase-source.ts',
  'src/sdk/testing/**',
  'src/crypto/testing/**',
  'src/crypto/vectors/**',
  '**/*.spec.ts',
];

export default tseslint.config(
  { ignores: ['dist/**', 'packages/*/dist/**', 'coverage/**', 'node_modules/**', '.data/**', '**/*.mjs', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message: 'IsOptional lets null through to services: use MayBeOmitted (src/platform/http/may-be-omitted.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: BROWSER_REACHABLE,
    ignores: NODE_ONLY_SDK,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: 'the SDK browser entry reaches this file: no Node built-ins (move it to a Node-only file)' })),
          patterns: [{ group: ['node:*'], message: 'the SDK browser entry reaches this file: no Node built-ins (move it to a Node-only file)' }],
        },
      ],
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({ name, message: 'not in browsers: the SDK browser entry reaches this file' }))],
    },
  },
  {
    // The browser console: browser globals, and from outside console/ only the SDK browser entry
    // and src/crypto (the verify worker also the offline log verifier): decision 0104.
    files: ['console/**/*.ts', 'console/**/*.tsx'],
    plugins: { local },
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    rules: { 'local/console-imports': 'error' },
  },
  {
    files: ['test/browser/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/cli/**/*.ts', 'src/demo/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests that could pass while the behaviour is broken: no assertion at all, assertions that
    // may not run (inside a condition, or in a loop over data that may be empty), a title that
    // says nothing, a promise only checked for being "defined".
    files: SPEC_FILES,
    plugins: { jest, local },
    rules: {
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', '**.expect', 'fc.assert'] }],
      'jest/no-conditional-expect': 'error',
      'jest/valid-expect': 'error',
      'jest/valid-title': 'error',
      'jest/no-identical-title': 'error',
      'jest/no-focused-tests': 'error',
      // A set-up that checks its own preconditions fails the suite loudly: allowed in hooks.
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['beforeAll', 'beforeEach'] }],
      'local/expect-in-loop-needs-length': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='toBeDefined'][callee.object.property.name='resolves']",
          message: '.resolves.toBeDefined() passes for any value: assert what the promise resolves to.',
        },
        {
          selector: "CallExpression[callee.property.name='toBeDefined'][callee.object.property.name='not'][callee.object.object.property.name='rejects']",
          message: 'assert what the promise resolves to, not only that it did not reject.',
        },
      ],
    },
  },
);
