import { AgencyKeystore, CcrClient, Credentials, PURPOSE_CODES } from '../../src/sdk';
import { expect, expectAccessible, expectNothingStored, openConsole, test } from './support/fixtures';
import { arrowToValue, expectVisibleFocus, signInByKeyboard, tabTo } from './support/keyboard';
import { totpCode } from './support/person';
import { registerPersonKeys } from './support/person-keys';
import { recordRequests, wordsKept } from './support/shelter';
import { world } from './support/world';

/** Her words in this run: sealed in the browser for the agency only. */
const WORDS = 'Call the sister first; never leave a voicemail';

/**
 * A date at least `days` ahead whose day and month are equal, typed as digits into Chromium's date
 * field: its segments follow the browser's own locale (day–month or month–day), and such a date reads
 * the same either way; the year comes last in both.
 */
function typedDate(days: number): { typed: string; iso: string } {
  for (let ahead = days; ; ahead += 1) {
    const iso = new Date(Date.now() + ahead * 86_400_000).toISOString().slice(0, 10);
    const [year, month, day] = iso.split('-');
    if (month === day) return { typed: `${day}${month}${year}`, iso };
  }
}

/**
 * Recording a release with the guided form and revoking it, by keyboard alone (issue 20: "every
 * screen usable by keyboard alone"): Tab, Shift+Tab, Enter, Space, arrow keys and typing; no click.
 * Its own advocate (each TOTP step is accepted once per person) and its own case, so the mouse
 * journey's "a case without a release" is left as it was.
 */
test('an advocate records and revokes a release with the keyboard alone', async ({ page, observed }) => {
  test.setTimeout(150_000);
  expect(observed.problems).toEqual([]);
  const { url, releaseKeyboardAdvocate: person, advocacyDesk, agencies } = world();
  const step = Math.floor(Date.now() / 30_000);
  const registered = await registerPersonKeys(url, person, step);
  const keystore = await AgencyKeystore.open(advocacyDesk.keystorePath, advocacyDesk.passphrase);
  const desk = await CcrClient.connect({ baseUrl: url, credentials: Credentials.password(advocacyDesk.username, advocacyDesk.password), keystore });
  await desk.members.add(registered.personId, { fingerprint: registered.fingerprint });
  const caseId = (await desk.cases.open()).id;
  const sent = recordRequests(page);
  await openConsole(page);

  await signInByKeyboard(page, person, totpCode(person.totpSecret, step + 1));

  // Releases: the case chosen with the arrow keys, the agency's keys unlocked with Space.
  const nav = page.getByRole('navigation', { name: 'Advocate screens' });
  await expect(nav.getByRole('button', { name: 'Inbox' })).toHaveAttribute('aria-current', 'page');
  await tabTo(page, nav.getByRole('button', { name: 'Releases' }));
  await expectVisibleFocus(nav.getByRole('button', { name: 'Releases' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Releases of information' })).toBeVisible();
  await arrowToValue(page, page.getByLabel('Choose a case of your agency'), caseId);
  await expect(page.getByText('No release recorded for this case yet.')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Unlock my agency’s keys' }));
  await page.keyboard.press('Space');
  await expect(page.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Record a release' }));
  await expectVisibleFocus(page.getByRole('button', { name: 'Record a release' }));
  await page.keyboard.press('Enter');

  // 1. The guided form, in its own order: select by arrows, boxes and radios by Space, dates and words typed.
  await expect(page.getByRole('heading', { level: 1, name: 'Record a release' })).toBeFocused();
  await arrowToValue(page, page.getByLabel('Which agency may receive?'), agencies.probation);
  await tabTo(page, page.getByLabel('the agency may receive a referral for the survivor'));
  await expectVisibleFocus(page.getByLabel('the agency may receive a referral for the survivor'));
  await page.keyboard.press('Space');
  await arrowToValue(page, page.getByLabel('For what purpose?'), PURPOSE_CODES[0]);
  const until = typedDate(30);
  await tabTo(page, page.getByLabel('Until (every release ends)'));
  await page.keyboard.type(until.typed);
  await expect(page.getByLabel('Until (every release ends)')).toHaveValue(until.iso);
  await tabTo(page, page.getByLabel('she signed a written release', { exact: true }));
  await expectVisibleFocus(page.getByLabel('she signed a written release', { exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('group', { name: 'Did an interpreter take part?' }).getByLabel('No'));
  await page.keyboard.press('Space');
  const checklist = await page.getByRole('group', { name: 'Informed consent: tick each point you discussed with her' }).getByRole('checkbox').all();
  expect(checklist.length).toBeGreaterThan(0);
  for (const box of checklist) {
    await tabTo(page, box);
    await page.keyboard.press('Space');
  }
  await tabTo(page, page.getByRole('group', { name: 'Never to these agencies (her deny list)' }).getByLabel('Riverside Police Department'));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByLabel('Her own words (optional): sealed in this browser for your agency only'));
  await page.keyboard.type(WORDS);
  await page.keyboard.press('Tab');
  await expectVisibleFocus(page.getByRole('button', { name: 'Sign and record the release' }));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Recorded: version 1 of the release to County Probation Office.');
  const [recorded] = await desk.consents.list(caseId);
  expect(recorded.recipientAgencyId).toBe(agencies.probation);
  expect(recorded.current).toMatchObject({ actions: ['receive_referral'], purpose: PURPOSE_CODES[0], captureMode: 'written_signature', denyAgencyIds: [agencies.police] });
  expect(recorded.current.validUntil.slice(0, 10)).toBe(until.iso);
  await expect(desk.consents.verify(recorded)).resolves.toBe(recorded);

  // The outcome holds the focus (the disabled button would have dropped it); Shift+Tab reaches the way back.
  await expect(page.getByRole('status')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expectVisibleFocus(page.getByRole('button', { name: 'Back to the releases' }));
  await page.keyboard.press('Enter');

  // 2. Revoke: the confirmation by keyboard (what cannot be recalled, how she said it), then Revoke now.
  const row = page.getByRole('table', { name: 'Releases of this case' }).getByRole('row').filter({ hasText: 'County Probation Office' });
  await expect(row).toContainText('In force');
  await tabTo(page, row.getByRole('button', { name: 'Revoke' }));
  await expectVisibleFocus(row.getByRole('button', { name: 'Revoke' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /County Probation Office/ })).toBeFocused();
  await expect(page.getByRole('region', { name: 'What cannot be recalled: County Probation Office already received this' })).toContainText('County Probation Office');
  await arrowToValue(page, page.getByLabel('How did she tell you?'), 'phone');
  await page.keyboard.press('Tab');
  await expectVisibleFocus(page.getByRole('button', { name: 'Revoke now' }));
  await expectAccessible(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Revoked. County Probation Office receives nothing more under this release.');
  await expect(page.getByRole('status')).toBeFocused();
  const revoked = await desk.consents.get(recorded.id);
  expect([revoked.status, revoked.revocation?.channel]).toEqual(['revoked', 'phone']);
  await page.keyboard.press('Tab');
  await expectVisibleFocus(page.getByRole('button', { name: 'Back to the releases' }));
  await page.keyboard.press('Enter');
  await expect(row).toContainText('Revoked');

  expect(page.url()).toBe(`${url}/`);
  expect(sent.filter((line) => line.includes(WORDS) || line.includes(person.password))).toEqual([]);
  expect(await wordsKept(page, [WORDS])).toEqual({ found: [], databases: 0 });
  await expectNothingStored(page);
  desk.close();
});
