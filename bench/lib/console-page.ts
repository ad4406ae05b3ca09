import { type BrowserContext, type Locator, type Page } from '@playwright/test';

/*
 * In-page timing. The bench is compiled without the DOM's types (it is Node code), so the few
 * browser objects the page functions touch are typed here; Playwright serializes the functions
 * and runs them in the page, where they are the real ones.
 */
interface PageWindow {
  performance: { now(): number; getEntriesByType(type: string): { domContentLoadedEventEnd?: number }[] };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
}
interface PageDocument {
  body: { textContent: string | null } | null;
  documentElement: { getAttribute(name: string): string | null } | null;
  querySelector(selector: string): { disabled?: boolean } | null;
  defaultView: PageWindow;
}
interface PageElement {
  click(): void;
  ownerDocument: PageDocument;
}

/** What the page waits for after the click: one of these words in the page, or an element. */
export type Until = { texts: string[] } | { selector: string };

/**
 * Clicks `target` in the page and answers the milliseconds until `until` holds in the DOM and the
 * next frame starts (what the person sees), measured with the page's own clock: no round trip to
 * the driver is counted. Refuses a condition that already holds (it would measure nothing).
 */
export async function clickAndTime(target: Locator, until: Until, timeoutMs = 300_000): Promise<number> {
  await target.waitFor({ state: 'visible' });
  return target.evaluate(
    (element, { wanted, limit }) =>
      new Promise<number>((resolve, reject) => {
        const clicked = element as unknown as PageElement;
        const doc = clicked.ownerDocument;
        const win = doc.defaultView;
        const reached = () => ('texts' in wanted ? wanted.texts.some((text) => (doc.body?.textContent ?? '').includes(text)) : doc.querySelector(wanted.selector) !== null);
        if (reached()) {
          reject(new Error(`already there before the click: ${JSON.stringify(wanted)}`));
          return;
        }
        const started = win.performance.now();
        let done = false;
        const observer = new win.MutationObserver(() => {
          if (done || !reached()) return;
          done = true;
          observer.disconnect();
          win.requestAnimationFrame(() => resolve(win.performance.now() - started));
        });
        observer.observe(doc, { childList: true, subtree: true, characterData: true, attributes: true });
        win.setTimeout(() => {
          if (done) return;
          done = true;
          observer.disconnect();
          reject(new Error(`not reached in ${limit} ms: ${JSON.stringify(wanted)}`));
        }, limit);
        clicked.click();
      }),
    { wanted: until, limit: timeoutMs },
  );
}

export interface LoadMarks {
  /** performance.now() (from navigation start) when the sign-in form's button was there and enabled. */
  form?: number;
  /** … when the key worker said libsodium is ready (html[data-key-worker=ready]). */
  worker?: number;
  domContentLoaded?: number;
}

/** Records, from the first byte of every document of the context, when the sign-in form and the key worker became ready. */
export async function markLoad(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const root = globalThis as unknown as { document: PageDocument; performance: PageWindow['performance']; MutationObserver: PageWindow['MutationObserver']; __ccrBench: LoadMarks };
    const marks: LoadMarks = {};
    root.__ccrBench = marks;
    const check = () => {
      const button = root.document.querySelector('form button[type="submit"]');
      if (marks.form === undefined && root.document.querySelector('#username') && button && !button.disabled) marks.form = root.performance.now();
      if (marks.worker === undefined && root.document.documentElement?.getAttribute('data-key-worker') === 'ready') marks.worker = root.performance.now();
    };
    new root.MutationObserver(check).observe(root.document, { childList: true, subtree: true, attributes: true });
  });
}

/** Waits until both load marks are in, polling from the driver (the marks themselves are the page's times). */
export async function loadMarks(page: Page, timeoutMs = 120_000): Promise<Required<LoadMarks>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const marks = await page.evaluate(() => {
      const root = globalThis as unknown as { __ccrBench?: LoadMarks; performance: PageWindow['performance'] };
      return { ...root.__ccrBench, domContentLoaded: root.performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd };
    });
    if (marks.form !== undefined && marks.worker !== undefined && marks.domContentLoaded !== undefined && marks.domContentLoaded > 0) return marks as Required<LoadMarks>;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the console did not become interactive');
}

/** A TOTP step this person has not used yet and the server accepts now (it allows one step of drift). */
export function freshStep(usedStep: number, now = Date.now()): number {
  const current = Math.floor(now / 30_000);
  return current > usedStep ? current : usedStep + 1;
}
