import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import local from './eslint-rules/index.cjs';

const SPEC_FILES = ['**/*.spec.ts', 'test/**/*.e2e-spec.ts', 'test/**/*.int-spec.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '.data/**', '**/*.mjs', '**/*.js', '**/*.cjs'] },
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
