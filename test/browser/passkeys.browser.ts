import { expect, expectNothingStored, openConsole, test } from './support/fixtures';
import { totpCode } from './support/person';
import { registerPersonKeys } from './support/person-keys';
import { world } from './support/world';

/**
 * Passkeys in the console (decisions 0111-0113) with Chromium's virtual authenticator, PRF on: a
 * person signs in with their password and code, unlocks their keys, adds a passkey (which seals its
 * unlock envelope), locks, then signs in with the passkey alone and finds their keys unlocked —
 * no secret typed, no keystore file, nothing kept in the browser.
 */
test('a person adds a passkey, then signs in and unlocks with it alone', async ({ page, observed }) => {
  expect(observed.problems).toEqual([]);
  const { url, passkeyPerson: person } = world();
  const step = Math.floor(Date.now() / 30_000);
  await registerPersonKeys(url, person, step);

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
  await page.getByRole('navigation', { name: 'Auditor screens' }).getByRole('button', { name: 'Passkeys' }).click();
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
  await page.getByRole('navigation', { name: 'Auditor screens' }).getByRole('button', { name: 'Passkeys' }).click();
  await expect(page.getByText(`Your keys are unlocked on this page (fingerprint ${fingerprint}). Lock or Exit closes them.`)).toBeVisible();
  await expect(table.getByRole('row').nth(1)).not.toContainText('Never');

  // Neither the password nor any PRF result ever left the page.
  expect(sent.filter((line) => line.includes(person.password) || line.includes('"results"'))).toEqual([]);
  await expectNothingStored(page);
});
