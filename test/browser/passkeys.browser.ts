import { AgencyKeystore, CcrClient, Credentials } from '../../src/sdk';
import { expect, expectNothingStored, openConsole, test } from './support/fixtures';
import { totpCode } from './support/person';
import { registerPersonKeys } from './support/person-keys';
import { SURVIVOR_WORDS } from './support/seed';
import { world } from './support/world';

/**
 * Passkeys in the console (decisions 0111-0113) with Chromium's virtual authenticator, PRF on: a
 * person signs in with their password and code, unlocks their keys, adds a passkey (which seals its
 * unlock envelope), locks, then signs in with the passkey alone and finds their keys unlocked —
 * no secret typed, no keystore file, nothing kept in the browser — and opens police's sealed
 * referral in the inbox with the agency keys its membership wrap gives.
 */
test('a person adds a passkey, then signs in and unlocks with it alone, and opens a sealed referral', async ({ page, observed }) => {
  expect(observed.problems).toEqual([]);
  const { url, passkeyPerson: person, advocacyDesk } = world();
  const step = Math.floor(Date.now() / 30_000);
  const registered = await registerPersonKeys(url, person, step);
  const keystore = await AgencyKeystore.open(advocacyDesk.keystorePath, advocacyDesk.passphrase);
  const desk = await CcrClient.connect({ baseUrl: url, credentials: Credentials.password(advocacyDesk.username, advocacyDesk.password), keystore });
  await desk.members.add(registered.personId, { fingerprint: registered.fingerprint });
  desk.close();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, hasPrf: true, automaticPresenceSimulation: true },
  });
  const sent: string[] = [];
  page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));

  await openConsole(page);
  await page.getByLabel('Username').fill(person.username);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code from your authenticator app').fill(totpCode(person.totpSecret, step + 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  const nav = page.getByRole('navigation', { name: 'Advocate screens' });
  await nav.getByRole('button', { name: 'Passkeys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your passkeys' })).toBeVisible();
  await expect(page.getByText('Your keys are not unlocked on this page.')).toBeVisible();
  await page.getByRole('button', { name: 'Unlock my keys with my password sign-in' }).click();
  await expect(page.getByText(/^Your keys are unlocked on this page \(fingerprint [0-9a-f]{4}(-[0-9a-f]{4}){7}\)/)).toBeVisible();
  const fingerprint = ((await page.getByText(/^Your keys are unlocked on this page/).textContent()) ?? '').match(/[0-9a-f]{4}(-[0-9a-f]{4}){7}/)?.[0];

  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByText('Passkey added. It signs you in and unlocks your keys.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Your passkeys' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('Yes');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0].isResidentCredential).toBe(true);

  // Lock: the workers (and the keys) are gone, the session ended.
  // (Wait for the sign-out to land: until then the old cookie is still there without its CSRF value, answered 403.)
  const signedOut = page.waitForResponse((response) => response.url().endsWith('/people/session') && response.request().method() === 'DELETE');
  await page.getByRole('button', { name: 'Lock' }).click();
  expect((await signedOut).status()).toBe(204);
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page.getByText(`Signed in as ${person.username}`, { exact: false })).toBeVisible();
  await nav.getByRole('button', { name: 'Passkeys' }).click();
  await expect(page.getByText(`Your keys are unlocked on this page (fingerprint ${fingerprint}). Lock or Exit closes them.`)).toBeVisible();
  await expect(table.getByRole('row').nth(1)).not.toContainText('Never');

  // With the passkey alone: the agency's keys from the membership wrap, and police's sealed referral opened in the browser.
  await nav.getByRole('button', { name: 'Inbox' }).click();
  await page.getByRole('button', { name: 'Unlock my agency’s keys' }).click();
  await expect(page.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await page.getByRole('button', { name: /^Open the referral from Riverside Police Department/ }).click();
  const content = page.getByRole('region', { name: 'What the referral says' });
  for (const words of SURVIVOR_WORDS) await expect(content).toContainText(words);
  await page.getByRole('button', { name: 'Back to the list' }).click();

  // Neither the password nor any PRF result nor the survivor's words ever left the page.
  expect(sent.filter((line) => line.includes(person.password) || line.includes('"results"') || SURVIVOR_WORDS.some((words) => line.includes(words)))).toEqual([]);
  await expectNothingStored(page);
});
