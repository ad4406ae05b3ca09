import { readFileSync } from 'node:fs';
import { findMarkersInDatabase } from '../../src/tooling/plaintext-scan';
import { asAuditor, expect, openConsole, test } from './support/fixtures';
import { CASE_WORDS, SURVIVOR_WORDS as FIRST_STORY } from './support/seed';
import { world } from './support/world';

/** Runs after the other browser suites (files run in name order, one worker): their journeys are done. */
/** Both stories: the police–advocacy referral and the shelter's case the advocate worked in the browser. */
const SURVIVOR_WORDS = [...FIRST_STORY, ...CASE_WORDS];

test.describe("after the journeys, the survivor's words", () => {
  test('are nowhere in the database, the service log, or the browser', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    expect(await findMarkersInDatabase(world().databaseUrl, SURVIVOR_WORDS)).toEqual([]);
    const log = readFileSync(world().logFile, 'utf8');
    expect(log.length).toBeGreaterThan(0);
    expect(SURVIVOR_WORDS.filter((words) => log.includes(words))).toEqual([]);

    await asAuditor(page);
    await openConsole(page);
    for (const screen of ['Verify the log', 'Disclosure log', 'Refusals']) await page.getByRole('navigation', { name: 'Auditor screens' }).getByRole('button', { name: screen }).click();
    const seen = await page.evaluate(async (words) => {
      const storage = [...Object.values(localStorage), ...Object.values(sessionStorage), document.cookie, document.title, location.href, document.body.innerText].join('\n');
      return { found: words.filter((each) => storage.includes(each)), databases: (await indexedDB.databases()).length };
    }, SURVIVOR_WORDS);
    expect(seen).toEqual({ found: [], databases: 0 });
  });
});
