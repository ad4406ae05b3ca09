import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test as base } from '@playwright/test';
import { auditorToken, world } from './world';

export const EXIT_HOST = 'https://www.bbc.co.uk';

export interface Observed {
  problems: string[];
}

/**
 * Every page: CSP violations (collected by an init script, which CSP does not govern), page
 * errors and console errors fail the test; the neutral exit site is answered locally (no network).
 */
export const test = base.extend<{ observed: Observed }>({
  observed: async ({ page }, use) => {
    const observed: Observed = { problems: [] };
    await observe(page, observed);
    await use(observed);
    expect(observed.problems).toEqual([]);
  },
});

/** Collects CSP violations, page errors and console errors of a page (another browser context's too) into `observed`. */
export async function observe(page: Page, observed: Observed): Promise<void> {
  await page.exposeFunction('__ccrViolation', (text: string) => observed.problems.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __ccrViolation(text: string): void }).__ccrViolation(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on('pageerror', (error) => observed.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Signed out, the session probe (GET /principals/me) is answered 401, which Chromium logs.
    if (/status of 401/.test(message.text()) && message.location().url.endsWith('/principals/me')) return;
    // A person who has not made their keys yet: GET /people/me/keys answers 404 (the My keys screen offers to make them).
    if (/status of 404/.test(message.text()) && message.location().url.endsWith('/people/me/keys')) return;
    observed.problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  await page.route(`${EXIT_HOST}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><h1>Weather</h1>' }));
}

export { expect };

/** Signed in as the seeded auditor: until personal sign-in (issue 19) lands, by a bearer token the browser sends. */
export async function asAuditor(page: Page): Promise<void> {
  await page.context().setExtraHTTPHeaders({ Authorization: `Bearer ${await auditorToken()}` });
}

export async function openConsole(page: Page): Promise<void> {
  await page.goto(`${world().url}/`);
  await expect(page.locator('html')).toHaveAttribute('data-key-worker', 'ready');
}

/** WCAG 2.2 AA rules of axe-core: no violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Nothing of the session left in the browser's storage or URL. */
export async function expectNothingStored(page: Page): Promise<void> {
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    cookie: document.cookie,
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
    path: location.pathname + location.search + location.hash,
  }));
  expect(stored).toEqual({ local: 0, session: 0, indexedDb: 0, caches: 0, cookie: '', serviceWorkers: 0, path: '/' });
}

/** docs/console/<name>.png, when asked for (npm run screenshots): a normal run leaves docs/ alone. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CCR_SCREENSHOTS !== '1') return;
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.screenshot({ path: join(__dirname, '../../../docs/console', `${name}.png`), fullPage: true });
}
