import { AgencyKeystore, CcrClient, Credentials } from '../../src/sdk';
import { expect, expectAccessible, expectNothingStored, openConsole, screenshot, test } from './support/fixtures';
import { totpCode } from './support/person';
import { registerPersonKeys } from './support/person-keys';
import { SURVIVOR_WORDS } from './support/seed';
import { world } from './support/world';

/**
 * The advocate's inbox (issue 20): police's service account sent advocacy a referral in the seed.
 * An advocate of advocacy makes their keys, a member who holds the agency's keys adds them (a
 * membership wrap, after comparing the fingerprint), and in the console they sign in, unlock the
 * agency's keys in the key worker, see the referral with police's name, open it — the sealed words
 * decrypted in the browser — and accept it. Nothing of it is left in the browser.
 */
test('an advocate reads a referral from police in the inbox, opens it and accepts it', async ({ page, observed }) => {
  expect(observed.problems).toEqual([]);
  const { url, advocate, advocacyDesk } = world();
  const step = Math.floor(Date.now() / 30_000);
  const registered = await registerPersonKeys(url, advocate, step);
  const keystore = await AgencyKeystore.open(advocacyDesk.keystorePath, advocacyDesk.passphrase);
  const desk = await CcrClient.connect({ baseUrl: url, credentials: Credentials.password(advocacyDesk.username, advocacyDesk.password), keystore });
  await desk.members.add(registered.personId, { fingerprint: registered.fingerprint });

  const sent: string[] = [];
  page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
  await openConsole(page);
  await page.getByLabel('Username').fill(advocate.username);
  await page.getByLabel('Password').fill(advocate.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code from your authenticator app').fill(totpCode(advocate.totpSecret, step + 1));
  await page.getByRole('button', { name: 'Verify' }).click();

  // An advocate lands on the inbox; the auditor's screens are not theirs.
  const nav = page.getByRole('navigation', { name: 'Advocate screens' });
  await expect(nav.getByRole('button', { name: 'Inbox' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('button', { name: 'Checkpoints' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox: referrals to your agency' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Inbox: referrals to your agency' });
  const row = table.getByRole('row').filter({ hasText: 'Riverside Police Department' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Advocacy services');
  await expect(row).toContainText('Urgent');
  await expect(row).toContainText('Received');
  await expect(row).toContainText('No deadline');
  await expect(row.getByRole('button', { name: /^Open the referral from Riverside Police Department/ })).toBeDisabled();
  await expectAccessible(page);

  // Unlock by keyboard: the person's keys, then the agency's through the membership wrap, in the key worker.
  await page.getByRole('button', { name: 'Unlock my agency’s keys' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await screenshot(page, 'advocate-inbox');
  await row.getByRole('button', { name: /^Open the referral from Riverside Police Department/ }).focus();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Referral from Riverside Police Department' })).toBeFocused();
  const content = page.getByRole('region', { name: 'What the referral says' });
  for (const words of SURVIVOR_WORDS) await expect(content).toContainText(words);
  await expectAccessible(page);
  await screenshot(page, 'advocate-referral');

  await page.getByRole('button', { name: 'Accept the referral' }).click();
  await expect(page.getByRole('status')).toHaveText('You accepted the referral.');
  await expect(page.getByRole('definition').filter({ hasText: /^Accepted/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accept the referral' })).toHaveCount(0);
  const history = page.getByRole('region', { name: 'History' }).getByRole('listitem');
  await expect(history.last()).toContainText('Accepted (by the receiving agency)');
  await expect(history).toHaveCount(3);
  const police = await desk.referrals.list({ box: 'in' }).next();
  expect(police.value && police.value.status).toBe('accepted');

  // Nothing of the survivor's words outside the page's memory: not in storage, not in the URL, never sent by the page.
  const seen = await page.evaluate(async (words) => {
    const storage = [...Object.values(localStorage), ...Object.values(sessionStorage), document.cookie, document.title, location.href].join('\n');
    return { found: words.filter((each) => storage.includes(each)), databases: (await indexedDB.databases()).length };
  }, SURVIVOR_WORDS);
  expect(seen).toEqual({ found: [], databases: 0 });
  expect(sent.filter((line) => SURVIVOR_WORDS.some((words) => line.includes(words)) || line.includes(advocate.password))).toEqual([]);
  await expectNothingStored(page);

  // Back to the list: the words leave the screen, and the inbox shows the new status.
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await expect(row).toContainText('Accepted');
  await nav.getByRole('button', { name: 'Outbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox: referrals your agency sent' })).toBeVisible();
  await expect(page.getByText('No referrals here.')).toBeVisible();
  await expect(page.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await nav.getByRole('button', { name: 'Inbox' }).click();
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { level: 1, name: 'Recibidas: derivaciones a su agencia' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Recibidas: derivaciones a su agencia' }).getByRole('row').filter({ hasText: 'Riverside Police Department' })).toContainText('Aceptada');
  await expectAccessible(page);
  expect(await page.evaluate((words) => words.filter((each) => document.body.innerText.includes(each)), SURVIVOR_WORDS)).toEqual([]);
});
