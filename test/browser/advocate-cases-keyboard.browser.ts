import { shortHandle } from '../../console/src/api/case-timeline';
import { expect, expectAccessible, expectNothingStored, openConsole, test } from './support/fixtures';
import { signInByKeyboard, tabTo } from './support/keyboard';
import { totpCode } from './support/person';
import { CASE_WORDS } from './support/seed';
import { recordRequests, shelterMember, untilOverdue, wordsKept } from './support/shelter';
import { world } from './support/world';

/**
 * The advocate's case journey by keyboard alone (issue 20: "every screen usable by keyboard
 * alone"): Tab, Shift+Tab, Enter and Space, and typing into fields. No click, no mouse. Sign in,
 * the overdue referral in the inbox, Cases, the timeline, unlock, open a note, add a note, send a
 * referral. A second shelter advocate (each TOTP step is accepted once per person).
 */
test('the advocate’s case journey works with the keyboard alone', async ({ page, observed }) => {
  test.setTimeout(150_000);
  expect(observed.problems).toEqual([]);
  const { url, shelter } = world();
  const person = shelter.keyboardAdvocate;
  const step = Math.floor(Date.now() / 30_000);
  const desk = await shelterMember(person, step);
  const sent = recordRequests(page);
  await untilOverdue(page);
  await openConsole(page);

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await signInByKeyboard(page, person, totpCode(person.totpSecret, step + 1));

  const nav = page.getByRole('navigation', { name: 'Advocate screens' });
  await expect(nav.getByRole('button', { name: 'Inbox' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('table', { name: 'Inbox: referrals to your agency' }).getByRole('row').filter({ hasText: 'Riverside Police Department' }).getByText('Overdue', { exact: true })).toBeVisible();
  await tabTo(page, nav.getByRole('button', { name: 'Cases' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Cases your agency holds' })).toBeVisible();
  await expectAccessible(page);
  await tabTo(page, page.getByRole('button', { name: `Open the timeline of case ${shortHandle(shelter.caseId)}` }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Case timeline' })).toBeFocused();

  await tabTo(page, page.getByRole('button', { name: 'Unlock my agency’s keys' }));
  await page.keyboard.press('Space');
  await expect(page.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: /^Open the Legal note written/ }).first());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Note: Legal' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Note: Legal' })).toContainText(CASE_WORDS[1]);

  // A coordination note: the release covers only legal notes, so the SDK leaves legal aid out, and says so.
  const form = page.getByRole('region', { name: 'Add a note' });
  await expect(form.getByLabel('Category')).toHaveValue('coordination');
  await expect(form).toContainText('Northern Legal Aid: the release does not cover this category');
  await tabTo(page, form.getByLabel('The note'));
  await page.keyboard.type(CASE_WORDS[2]);
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Add the note' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('status')).toHaveText('Note added. It can be read by: Lakeside Shelter.');
  await expectAccessible(page);

  const referral = page.getByRole('region', { name: 'Send a referral' });
  const before = (await desk.referrals.page({ box: 'out' })).items.map((each) => each.id);
  await tabTo(page, referral.getByLabel('What the referral says'));
  await page.keyboard.type(CASE_WORDS[3]);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(referral.getByRole('status')).toHaveText('Referral sent to Northern Legal Aid. Only your agency and Northern Legal Aid can read it.');
  const added = (await desk.referrals.page({ box: 'out' })).items.filter((each) => !before.includes(each.id));
  expect(added.map((each) => [each.toAgencyId, each.priority])).toEqual([[shelter.agencies.legalAid, 'routine']]);

  // Back by keyboard: Shift+Tab reaches the way back without a mouse, and the URL never changed.
  await page.keyboard.press('Shift+Tab');
  await expect(referral.getByLabel('What the referral says')).toBeFocused();
  expect(page.url()).toBe(`${url}/`);
  expect(sent.filter((line) => CASE_WORDS.some((words) => line.includes(words)) || line.includes(person.password))).toEqual([]);
  expect(await wordsKept(page, CASE_WORDS)).toEqual({ found: [], databases: 0 });
  await expectNothingStored(page);
});
