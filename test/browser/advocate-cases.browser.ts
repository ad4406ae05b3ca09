import { expect, expectAccessible, expectNothingStored, openConsole, screenshot, test } from './support/fixtures';
import { totpCode } from './support/person';
import { CASE_WORDS } from './support/seed';
import { recordRequests, shelterMember, untilOverdue, wordsKept } from './support/shelter';
import { world } from './support/world';

/**
 * The advocate's case work (issue 20), in real Chromium against the real API: police referred a
 * survivor to the shelter under an agreement whose first step ran out (Overdue); the shelter's
 * advocate opens the case timeline from the referral, reads the shelter's note (decrypted in the
 * key worker), adds a note whose readers the SDK computed from the survivor's release, and refers
 * the case on to legal aid, sealed in the browser. Legal aid's and the shelter's SDK clients
 * confirm each from outside; nothing of the words is left in the browser or sent in the clear.
 */
test('an advocate works a case: timeline, a note opened and added, a referral sent', async ({ page, observed }) => {
  test.setTimeout(150_000);
  expect(observed.problems).toEqual([]);
  const { shelter } = world();
  const step = Math.floor(Date.now() / 30_000);
  const desk = await shelterMember(shelter.advocate, step);
  const sent = recordRequests(page);
  await untilOverdue(page);

  await openConsole(page);
  await page.getByLabel('Username').fill(shelter.advocate.username);
  await page.getByLabel('Password').fill(shelter.advocate.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code from your authenticator app').fill(totpCode(shelter.advocate.totpSecret, step + 1));
  await page.getByRole('button', { name: 'Verify' }).click();

  // The inbox: police's referral is overdue (its one-minute "received" step ran out), said in words.
  const row = page.getByRole('table', { name: 'Inbox: referrals to your agency' }).getByRole('row').filter({ hasText: 'Riverside Police Department' });
  await expect(row).toContainText('Requested');
  await expect(row.getByText('Overdue', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Unlock my agency’s keys' }).click();
  await expect(page.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await row.getByRole('button', { name: /^Open the referral from Riverside Police Department/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Referral from Riverside Police Department' })).toBeVisible();
  await page.getByRole('button', { name: 'Open the case timeline' }).click();

  // The timeline of the shelter's own case, oldest first, every agency by name.
  await expect(page.getByRole('heading', { level: 1, name: 'Case timeline' })).toBeFocused();
  const events = page.getByRole('region', { name: 'What happened on this case' }).getByRole('listitem');
  // The seed's four events come first (the keyboard-only run, in its own file, may have added more after them).
  const seeded = ['Referral received from Riverside Police Department', 'Release to Northern Legal Aid for Protection order support', 'Note (Legal) written by Lakeside Shelter', 'Shared with Northern Legal Aid: Legal'];
  for (const [index, heading] of seeded.entries()) await expect(events.nth(index).getByRole('heading')).toHaveText(heading);
  await expect(events.nth(0)).toContainText('Overdue');
  await expect(events.nth(1)).toContainText('Status: In force');
  await expect(events.nth(2)).toContainText('Can be read by: Lakeside Shelter and Northern Legal Aid');
  await expect(page.getByRole('navigation', { name: 'Advocate screens' }).getByRole('button', { name: 'Cases' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);
  await screenshot(page, 'advocate-timeline');

  // Open the shelter's note: decrypted in the key worker, verified against the shelter's signature.
  await events.nth(2).getByRole('button', { name: /^Open the Legal note written/ }).click();
  const opened = page.getByRole('region', { name: 'Note: Legal' });
  await expect(opened).toContainText(CASE_WORDS[1]);
  await expect(page.getByRole('heading', { level: 2, name: 'Note: Legal' })).toBeFocused();

  // Who a note would reach, as the SDK computes it from the release: legal aid for Legal, not for Health.
  const form = page.getByRole('region', { name: 'Add a note' });
  await form.getByLabel('Category').selectOption({ label: 'Health' });
  await expect(form).toContainText('Northern Legal Aid: the release does not cover this category');
  await form.getByLabel('Category').selectOption({ label: 'Legal' });
  await expect(form.getByRole('listitem')).toHaveText(['Lakeside Shelter (your agency)', 'Northern Legal Aid']);
  await expectAccessible(page);
  await screenshot(page, 'advocate-note');

  const legalNotes = events.getByRole('heading', { name: 'Note (Legal) written by Lakeside Shelter' });
  const notesBefore = await legalNotes.count();
  await form.getByLabel('The note').fill(CASE_WORDS[2]);
  await form.getByRole('button', { name: 'Add the note' }).click();
  await expect(form.getByRole('status')).toHaveText('Note added. It can be read by: Lakeside Shelter and Northern Legal Aid.');
  await expect(legalNotes).toHaveCount(notesBefore + 1);
  const written = (await desk.notes.list(shelter.caseId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  expect(written?.recipients.map((each) => each.agencyId).sort()).toEqual([shelter.agencies.legalAid, shelter.agencies.shelter].sort());
  expect((await desk.notes.read(written?.id ?? '')).text).toBe(CASE_WORDS[2]);

  // Refer the case on to legal aid, by name, under the survivor's release; the words sealed here.
  const referral = page.getByRole('region', { name: 'Send a referral' });
  await expect(referral.getByLabel('Refer to').getByRole('option')).toHaveText(['Northern Legal Aid']);
  await expect(referral).toContainText('Purpose (from the survivor’s release): Protection order support');
  await referral.getByLabel('Priority').selectOption({ label: 'Urgent' });
  await referral.getByLabel('What the referral says').fill(CASE_WORDS[3]);
  const sentBefore = (await desk.referrals.page({ box: 'out' })).items.map((each) => each.id);
  const sentHeadings = events.getByRole('heading', { name: 'Referral sent to Northern Legal Aid' });
  const headingsBefore = await sentHeadings.count();
  await expectAccessible(page);
  await referral.getByRole('button', { name: 'Send the referral' }).click();
  await expect(referral.getByRole('status')).toHaveText('Referral sent to Northern Legal Aid. Only your agency and Northern Legal Aid can read it.');
  await expect(sentHeadings).toHaveCount(headingsBefore + 1);
  await screenshot(page, 'advocate-send-referral');
  const out = (await desk.referrals.page({ box: 'out' })).items.filter((each) => !sentBefore.includes(each.id));
  expect(out).toHaveLength(1);
  const check = await desk.referrals.get(out[0].id);
  expect([check.toAgencyId, check.priority, check.purpose, check.caseId, check.content]).toEqual([shelter.agencies.legalAid, 'urgent', 'protection_order_support', shelter.caseId, { message: CASE_WORDS[3] }]);

  // The words went nowhere but the page's memory: not stored, not in the URL, never sent in the clear (the worker's requests too).
  expect(sent.some((line) => /^POST \S+\/cases\/[0-9a-f-]+\/notes /.test(line))).toBe(true);
  expect(sent.some((line) => /^POST \S+\/referrals /.test(line))).toBe(true);
  expect(sent.filter((line) => CASE_WORDS.some((words) => line.includes(words)) || line.includes(shelter.advocate.password))).toEqual([]);
  expect(await wordsKept(page, CASE_WORDS)).toEqual({ found: [], databases: 0 });
  await expectNothingStored(page);

  // Back to the list of cases, in Spanish: the words leave the screen.
  await page.getByRole('button', { name: 'Back to the cases' }).click();
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { level: 1, name: 'Casos de su agencia' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Casos de su agencia' })).toContainText('Derivado por Riverside Police Department');
  await expectAccessible(page);
  expect(await page.evaluate((words) => words.filter((each) => document.body.innerText.includes(each)), CASE_WORDS)).toEqual([]);
});
