import { Client } from 'pg';
import { AgencyKeystore, CcrClient, Credentials } from '../../src/sdk';
import { expect, expectAccessible, expectNothingStored, openConsole, screenshot, test } from './support/fixtures';
import { registerPersonKeys } from './support/person-keys';
import { SURVIVOR_WORDS } from './support/seed';
import { Codes, newPage, signIn } from './support/sign-in';
import { world } from './support/world';

async function wrapsOf(username: string): Promise<{ epoch: number }[]> {
  const client = new Client({ connectionString: world().databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ epoch: number }>('SELECT w.epoch FROM membership_wraps w JOIN principals p ON p.id = w.principal_id WHERE p.username = $1 ORDER BY w.epoch', [username]);
    return rows.rows;
  } finally {
    await client.end();
  }
}

/**
 * The coordinator journey (issue 20), three people in three browsers against the real API: the
 * administrator onboards a newcomer to the shelter and hands over the enrolment link; the newcomer
 * enrols, makes their keys in their browser and reads their fingerprint; a member of the shelter
 * compares it and their browser wraps the agency's keys to them; the newcomer changes their secret
 * (keys re-sealed in the browser), signs in with the new one, unlocks and opens police's referral;
 * the member removes them (wraps deleted) and rotates the shelter's keys with re-wrap.
 */
test('an administrator onboards a newcomer, a member grants them after the fingerprint check, then removes them and rotates', async ({ page: admin, browser, observed }) => {
  test.setTimeout(180_000);
  const { url, coordinator, shelterDesk, shelterMember, witnessName } = world();

  // The shelter's member: keys made on their device and a wrap from the desk that holds the shelter's keystore.
  const memberCodes = new Codes(shelterMember.totpSecret, true);
  const registerStep = Math.floor(Date.now() / 30_000);
  const registered = await registerPersonKeys(url, shelterMember, registerStep);
  memberCodes.used(registerStep);
  const keystore = await AgencyKeystore.open(shelterDesk.keystorePath, shelterDesk.passphrase);
  const desk = await CcrClient.connect({ baseUrl: url, credentials: Credentials.password(shelterDesk.username, shelterDesk.password), keystore });
  await desk.members.add(registered.personId, { fingerprint: registered.fingerprint });

  // 1. The administrator: witness status, then a person and their enrolment link.
  await openConsole(admin);
  await signIn(admin, coordinator.username, coordinator.password, new Codes(coordinator.totpSecret, true));
  const adminNav = admin.getByRole('navigation', { name: 'Coordinator screens' });
  await expect(adminNav.getByRole('button', { name: 'Witnesses' })).toHaveAttribute('aria-current', 'page');
  await expect(admin.getByRole('heading', { level: 1, name: 'Checkpoints and witness cosignatures' })).toBeVisible();
  await expect(admin.getByRole('region', { name: 'Registered witnesses' })).toContainText(witnessName);
  await expectAccessible(admin);
  await adminNav.getByRole('button', { name: 'People' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'People and enrolment links' })).toBeVisible();
  await admin.getByLabel('Agency', { exact: true }).selectOption({ label: 'Northside Family Shelter' });
  await expect(admin.getByRole('table', { name: 'People of Northside Family Shelter' })).toContainText('shelter.jo');
  await admin.getByRole('button', { name: 'Add the person and make their link' }).click();
  await expect(admin.getByRole('alert')).toHaveText('Use 3–100 characters: lowercase letters, digits, . _ @ -');
  await admin.getByLabel('Username').fill('advocate.newt');
  await admin.getByLabel('Full name').fill('Newt Okafor');
  await admin.getByRole('checkbox', { name: 'Advocate' }).check();
  await admin.getByRole('button', { name: 'Add the person and make their link' }).click();
  await expect(admin.getByRole('heading', { name: 'Enrolment link for advocate.newt' })).toBeVisible();
  const link = (await admin.getByTestId('enrolment-link').textContent()) ?? '';
  expect(link).toMatch(new RegExp(`^${url}/#enrol=`));
  const newRow = admin.getByRole('table', { name: 'People of Northside Family Shelter' }).getByRole('row').filter({ hasText: 'advocate.newt' });
  await expect(newRow).toContainText('Newt Okafor');
  await expect(newRow).toContainText('Advocate');
  await expectAccessible(admin);
  await screenshot(admin, 'coordinator-people');
  await expectNothingStored(admin);

  // 2. The newcomer enrols from the link in their own browser, makes their keys and reads their fingerprint.
  const newcomer = await newPage(browser, observed);
  const newcomerSent: string[] = [];
  newcomer.on('request', (request) => newcomerSent.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`));
  const firstSecret = 'harbour lantern copper orchard';
  await newcomer.goto(link);
  await expect(newcomer.locator('html')).toHaveAttribute('data-key-worker', 'ready');
  await newcomer.getByLabel('Your secret', { exact: true }).fill(firstSecret);
  await newcomer.getByLabel('Your secret again').fill(firstSecret);
  await newcomer.getByRole('button', { name: 'Continue' }).click();
  const totpSecret = ((await newcomer.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  const newcomerCodes = new Codes(totpSecret);
  await newcomer.getByLabel('Code from your authenticator app').fill(await newcomerCodes.next());
  await newcomer.getByRole('button', { name: 'Verify' }).click();
  await expect(newcomer.getByLabel('Username')).toHaveValue('advocate.newt');
  await signIn(newcomer, 'advocate.newt', firstSecret, newcomerCodes);
  const newcomerNav = newcomer.getByRole('navigation', { name: 'Advocate screens' });
  await newcomerNav.getByRole('button', { name: 'My keys' }).click();
  await expect(newcomer.getByText('You have no keys yet.', { exact: false })).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.getByRole('button', { name: 'Make my keys' }).click();
  await expect(newcomer.getByRole('status')).toHaveText('You are not a member yet: a member of your agency must add you.');
  const readAloud = ((await newcomer.getByLabel('Your fingerprint').textContent()) ?? '').replace(/\s/g, '');
  expect(readAloud).toMatch(/^[0-9a-f]{32}$/);
  await expectAccessible(newcomer);

  // 3. The member compares the fingerprint (a wrong one wraps nothing) and their browser wraps the shelter's keys.
  const member = await newPage(browser, observed);
  await openConsole(member);
  await signIn(member, shelterMember.username, shelterMember.password, memberCodes);
  const memberNav = member.getByRole('navigation', { name: 'Advocate screens' });
  await memberNav.getByRole('button', { name: 'Members' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Members of your agency' })).toBeVisible();
  const waiting = member.getByRole('table', { name: 'Waiting to be added' });
  await expect(waiting.getByRole('row').filter({ hasText: 'Newt Okafor' }).getByRole('button', { name: 'Check the fingerprint of Newt Okafor' })).toBeDisabled();
  await member.getByRole('button', { name: 'Unlock my agency’s keys' }).click();
  await expect(member.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await waiting.getByRole('button', { name: 'Check the fingerprint of Newt Okafor' }).click();
  await expect(member.getByRole('heading', { name: 'Check Newt Okafor’s fingerprint' })).toBeFocused();
  const shown = ((await member.getByRole('region', { name: 'Check Newt Okafor’s fingerprint' }).getByLabel('Fingerprint', { exact: true }).textContent()) ?? '').replace(/\s/g, '');
  expect(shown).toBe(readAloud);
  const misheard = `${readAloud.slice(0, 31)}${readAloud.endsWith('0') ? '1' : '0'}`;
  await member.getByLabel('The fingerprint Newt Okafor reads to you').fill(misheard);
  await member.getByRole('button', { name: 'Add Newt Okafor to the agency' }).click();
  await expect(member.getByRole('alert')).toHaveText('The fingerprints differ: nothing was wrapped. Do not add this person; ask your administrator.');
  expect(await wrapsOf('advocate.newt')).toEqual([]);
  await member.getByLabel('The fingerprint Newt Okafor reads to you').fill(readAloud.replace(/(.{4})(?!$)/g, '$1 ').toUpperCase());
  await expect(member.getByRole('alert')).toHaveCount(0);
  await expectAccessible(member);
  await screenshot(member, 'coordinator-grant');
  await member.getByRole('button', { name: 'Add Newt Okafor to the agency' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'Newt Okafor is now a member' })).toBeVisible();
  await expect(member.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: 'Newt Okafor' })).toContainText('1');
  expect(await wrapsOf('advocate.newt')).toEqual([{ epoch: 1 }]);

  // 4. The newcomer changes their secret: the keys re-sealed in the browser go with it.
  await newcomerNav.getByRole('button', { name: 'Change my secret' }).click();
  await expect(newcomer.getByRole('heading', { level: 1, name: 'Change my secret' })).toBeVisible();
  const newSecret = 'quiet meadow silver kettle';
  await newcomer.getByLabel('New secret', { exact: true }).fill(newSecret);
  await newcomer.getByLabel('New secret again').fill(`${newSecret}!`);
  await newcomer.getByLabel('Code from your authenticator app').fill('000000');
  await newcomer.getByRole('button', { name: 'Verify' }).click();
  await expect(newcomer.getByRole('alert')).toHaveText('The two entries are not the same.');
  await newcomer.getByLabel('New secret again').fill(newSecret);
  await expect(newcomer.getByRole('alert')).toHaveCount(0);
  await expectAccessible(newcomer);
  await screenshot(newcomer, 'change-secret');
  await newcomer.getByLabel('Code from your authenticator app').fill(await newcomerCodes.next());
  const finished = newcomer.waitForRequest((request) => request.url().endsWith('/people/secret/finish'));
  await newcomer.getByRole('button', { name: 'Verify' }).click();
  await expect(newcomer.getByRole('status')).toHaveText('Your secret is changed. Use it next time you sign in.');
  const finishBody = (await finished).postDataJSON() as { envelope?: string; registrationRecord?: string };
  expect(finishBody.envelope).toMatch(/^[A-Za-z0-9+/]+=*$/);
  expect(finishBody.registrationRecord).toBeTruthy();

  // 5. Signed in again with the new secret, the newcomer unlocks the shelter's keys and opens police's referral.
  const signedOut = newcomer.waitForResponse((response) => response.url().endsWith('/people/session') && response.request().method() === 'DELETE');
  await newcomer.getByRole('button', { name: 'Lock' }).click();
  expect((await signedOut).status()).toBe(204);
  await newcomer.getByRole('button', { name: 'Sign in again' }).click();
  await signIn(newcomer, 'advocate.newt', newSecret, newcomerCodes);
  await expect(newcomer.getByRole('heading', { level: 1, name: 'Inbox: referrals to your agency' })).toBeVisible();
  await newcomer.getByRole('button', { name: 'Unlock my agency’s keys' }).click();
  await expect(newcomer.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await newcomer.getByRole('button', { name: /^Open the referral from Riverside Police Department/ }).click();
  const content = newcomer.getByRole('region', { name: 'What the referral says' });
  for (const words of SURVIVOR_WORDS.slice(0, 2)) await expect(content).toContainText(words);
  expect(newcomerSent.filter((line) => [firstSecret, newSecret, ...SURVIVOR_WORDS].some((words) => line.includes(words)))).toEqual([]);
  await newcomer.getByRole('button', { name: 'Back to the list' }).click();
  await expectNothingStored(newcomer);
  await newcomer.context().close();

  // 6. The member removes the newcomer (their wraps are deleted at once) and rotates: the new epoch is wrapped to the member only.
  await memberNav.getByRole('button', { name: 'Inbox' }).click();
  await memberNav.getByRole('button', { name: 'Members' }).click();
  const members = member.getByRole('table', { name: 'Members' });
  await members.getByRole('button', { name: 'Remove Newt Okafor' }).click();
  await member.getByRole('button', { name: 'Yes, remove Newt Okafor' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'Newt Okafor was removed' })).toBeVisible();
  expect(await wrapsOf('advocate.newt')).toEqual([]);
  await expect(member.getByText('A member was removed since the agency’s keys last changed. Rotate them now.')).toBeVisible();
  await expect(members).not.toContainText('Newt Okafor');
  await expectAccessible(member);
  await member.getByRole('button', { name: 'Rotate the agency’s keys' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'The agency’s keys are now at version 2.' })).toContainText('(1)');
  await expect(member.getByText('Rotate them now.')).toHaveCount(0);
  await expect(members.getByRole('row').filter({ hasText: 'shelter.jo' })).toContainText('2');
  expect(await wrapsOf(shelterMember.username)).toEqual([{ epoch: 1 }, { epoch: 2 }]);
  expect(await wrapsOf('advocate.newt')).toEqual([]);
  await expectNothingStored(member);
  await member.context().close();
  desk.close();
});
