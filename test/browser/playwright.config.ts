import { defineConfig } from '@playwright/test';

/**
 * Browser tests (npm run test:browser): the built console, served by the real service on a fresh
 * PostgreSQL database, driven in Debian's Chromium (never a downloaded browser). localhost, not
 * 127.0.0.1: a secure context (WebAuthn, Web Crypto) needs it. Decision 0107.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.browser.ts',
  outputDir: '../../.data/playwright',
  globalSetup: './support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    locale: 'en-GB',
    timezoneId: 'UTC',
    trace: 'off',
    screenshot: 'off',
  },
});
