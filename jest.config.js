// Three tiers. Unit tests are pure; integration and e2e get a real PostgreSQL: the one named by
// DATABASE_URL, or an embedded one started once by the global setup (see test/setup).
// Tests are transpiled file by file (fast); `npm run build` and `npm run lint` do the type checking.
// jose 6 is ESM only: Jest's CommonJS runtime cannot require() it (Node can, Jest cannot before
// Node 24.9), so ts-jest transpiles its files too (allowJs in tsconfig.spec.json); cached after the first run.
// d3-scale and its d3 dependencies (the console's chart layout) load as their UMD builds instead.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.spec.json' }];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest, '^.+/node_modules/jose/.+\\.js$': tsJest },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: { '^(d3-[a-z-]+|internmap)$': '<rootDir>/node_modules/$1/dist/$1.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Suites wait on PostgreSQL more than on the CPU: a few workers beat one per core on 2 cores.
  maxWorkers: 3,
  // A worker that has grown past this after a suite is replaced: suites that start whole NestJS apps leave
  // memory behind, and a worker near its heap limit collects garbage more than it runs tests.
  workerIdleMemoryLimit: '1GB',
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
