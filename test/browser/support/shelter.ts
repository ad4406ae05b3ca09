import { type Page } from '@playwright/test';
import { AgencyKeystore, CcrClient, Credentials } from '../../../src/sdk';
import { type EnrolledPerson } from './person';
import { registerPersonKeys } from './person-keys';
import { world } from './world';

/**
 * A shelter advocate ready for the console: their keys made on their device, and a member who
 * holds the shelter's keys adds them (a membership wrap, after comparing the fingerprint). The
 * member's SDK client comes back, to check from outside the browser what the console did.
 */
export async function shelterMember(person: EnrolledPerson, step: number): Promise<CcrClient> {
  const { url, shelter } = world();
  const registered = await registerPersonKeys(url, person, step);
  const keystore = await AgencyKeystore.open(shelter.desk.keystorePath, shelter.desk.passphrase);
  const desk = await CcrClient.connect({ baseUrl: url, credentials: Credentials.password(shelter.desk.username, shelter.desk.password), keystore });
  await desk.members.add(registered.personId, { fingerprint: registered.fingerprint });
  return desk;
}

/** The police referral's first deadline is a minute after the seed sent it: wait for it to pass, so the badge must show. */
export async function untilOverdue(page: Page): Promise<void> {
  const wait = Date.parse(world().shelter.overdueAt) - Date.now() + 2_000;
  if (wait > 0) await page.waitForTimeout(wait);
}

/** Every request the page and its workers sent, with its body: scanned for the survivor's words. */
export function recordRequests(page: Page): string[] {
  const sent: string[] = [];
  page.context().on('request', (request) => sent.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`));
  return sent;
}

/** What the page keeps where the survivor's words must never be: storage, cookies, title, URL. */
export async function wordsKept(page: Page, words: readonly string[]): Promise<{ found: string[]; databases: number }> {
  return page.evaluate(async (list) => {
    const kept = [...Object.values(localStorage), ...Object.values(sessionStorage), document.cookie, document.title, location.href].join('\n');
    return { found: list.filter((each) => kept.includes(each)), databases: (await indexedDB.databases()).length };
  }, words);
}
