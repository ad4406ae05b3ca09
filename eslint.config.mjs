import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
  { ignores: ['dist/**', 'packages/*/dist/**', 'coverage/**', 'node_modules/**', '.data/**', '**/*.mjs', '**/*.js'] },
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
);
