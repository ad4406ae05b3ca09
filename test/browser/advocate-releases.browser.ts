import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { AgencyKeystore, CcrClient, Credentials } from '../../src/sdk';
import { findMarkersInDatabase } from '../../src/tooling/plaintext-scan';
import { expect, expectAccessible, expectNothingStored, openConsole, screenshot, test } from './support/fixtures';
import { totpCode } from './support/person';
import { registerPersonKeys } from './support/person-keys';
import { world } from './support/world';

/** The survivor's own words in this journey: sealed in the browser for the advocate's agency, found nowhere else. */
const RELEASE_WORDS = ['Solo por la tarde, nunca al trabajo de Ernesto', 'Only after 6 pm, never at the bakery on 5th'];
const NOTE_WORDS = 'Safe word is lighthouse; new shelter on Pine Street';

/** Each TOTP code is accepted once per person: start on a step this person has not used (enrolment used the one before). */
async function freshStep(): Promise<number> {
  const now = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 30_000 - (now % 30_000) + 200));
  return Math.floor(Date.now() / 30_000);
}

/** The advocate's keys and membership wrap, made as the advocate's device and a member would. */
async function advocateIsMember(step: number): Promise<CcrClient> {
  const { url, releaseAdvocate: advocate, advocacyDesk } = world();
  const keystore = await AgencyKeystore.open(advocacyDesk.keystorePath, advocacyDesk.passphrase);
  const desk = await CcrClient.connect({ baseUrl: url, credentials: Credentials.password(advocacyDesk.username, advocacyDesk.password), keystore });
  const registered = await registerPersonKeys(url, advocate, step).catch((error: Error) => {
    if (/answered 409/.test(error.message)) return null;
    throw error;
  });
  if (registered) await desk.members.add(registered.personId, { fingerprint: registered.fingerprint });
  return desk;
}

async function signIn(page: Page, step: number): Promise<void> {
  const { releaseAdvocate: advocate } = world();
  await openConsole(page);
  await page.getByLabel('Username').fill(advocate.username);
  await page.getByLabel('Password').fill(advocate.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code from your authenticator app').fill(totpCode(advocate.totpSecret, step));
  await page.getByRole('button', { name: 'Verify' }).click();
}

function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('an advocate records a release, prints it, amends it, revokes it and prints the verified accounting', async ({ page, observed }) => {
  test.setTimeout(240_000);
  expect(observed.problems).toEqual([]);
  const { url, probationDesk, trustPolicyPath, witnessName } = world();
  const step = await freshStep();
  const desk = await advocateIsMember(step);
  const sent: string[] = [];
  page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
  await signIn(page, step + 1);

  // Releases, per case of the agency: the case picked from the agency's cases, the keys unlocked.
  await page.getByRole('navigation', { name: 'Advocate screens' }).getByRole('button', { name: 'Releases' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Releases of information' })).toBeVisible();
  // A case of the agency with no release yet (other journeys' seeds give the agency cases with releases).
  const cases = await desk.cases.page();
  const withoutRelease = await Promise.all(cases.items.map(async (each) => ((await desk.consents.list(each.id)).length === 0 ? each.id : null)));
  const caseId = withoutRelease.find((id) => id !== null) ?? '';
  expect(caseId).not.toBe('');
  await page.getByLabel('Choose a case of your agency').selectOption(caseId);
  await expect(page.getByText('No release recorded for this case yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record a release' })).toBeDisabled();
  await page.getByRole('button', { name: 'Unlock my agency’s keys' }).click();
  await expect(page.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await expectAccessible(page);

  // 1. Record: nothing is signed while a question is unanswered; then every question, by name.
  await page.getByRole('button', { name: 'Record a release' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a release' })).toBeFocused();
  await page.getByRole('button', { name: 'Sign and record the release' }).click();
  const problems = page.getByRole('alert');
  await expect(problems).toContainText('Choose the agency that may receive.');
  await expect(problems).toContainText('Every point of the checklist must be discussed before she can consent.');
  await expectAccessible(page);
  await page.getByLabel('Which agency may receive?').selectOption({ label: 'County Probation Office' });
  await page.getByLabel('the agency may receive a referral for the survivor').check();
  await page.getByLabel('the agency may read case notes of the listed categories').check();
  await page.getByRole('group', { name: 'Which notes may it read?' }).getByLabel('safety plan').check();
  await page.getByLabel('For what purpose?').selectOption({ label: 'safety planning' });
  await page.getByLabel('Until (every release ends)').fill(dayFromNow(90));
  await page.getByLabel('she signed a written release', { exact: true }).check();
  await page.getByLabel('Language of the conversation and the form (e.g. en, es-MX)').fill('es-MX');
  await page.getByRole('group', { name: 'Did an interpreter take part?' }).getByLabel('No').check();
  for (const box of await page.getByRole('group', { name: 'Informed consent: tick each point you discussed with her' }).getByRole('checkbox').all()) await box.check();
  await page.getByRole('group', { name: 'Never to these agencies (her deny list)' }).getByLabel('Riverside Police Department').check();
  await page.getByLabel('Her own words (optional): sealed in this browser for your agency only').fill(RELEASE_WORDS[0]);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'release-form');
  await page.getByRole('button', { name: 'Sign and record the release' }).click();
  await expect(page.getByRole('status')).toHaveText('Recorded: version 1 of the release to County Probation Office.');
  const [recorded] = await desk.consents.list(caseId);
  expect(recorded.current).toMatchObject({ actions: ['receive_referral', 'receive_notes'], categories: ['safety_plan'], purpose: 'safety_planning', language: 'es-MX', captureMode: 'written_signature' });
  expect(recorded.current.denyAgencyIds).toEqual([world().agencies.police]);
  expect(recorded.current.termsRecordId).not.toBeNull();
  // Signed in the browser with the agency's own key: the SDK's check with the agency's keystore passes.
  await expect(desk.consents.verify(recorded)).resolves.toBe(recorded);

  await page.getByRole('button', { name: 'Back to the releases' }).click();
  const row = page.getByRole('table', { name: 'Releases of this case' }).getByRole('row').filter({ hasText: 'County Probation Office' });
  await expect(row).toContainText('In force');
  await expect(row.getByRole('cell').nth(2)).toHaveText('1');
  await expect(row).toContainText('Your agency’s signature: checked');

  // 2. Print for signature, in the survivor's language (es-MX → Spanish), and in English on request.
  await row.getByRole('button', { name: 'Print for signature' }).click();
  const printed = page.getByRole('article', { name: 'Autorización para compartir información' });
  await expect(printed).toBeVisible();
  await expect(printed).toHaveAttribute('lang', 'es');
  for (const words of ['County Probation Office', 'planificación de seguridad', 'plan de seguridad', 'Nunca a estas agencias', 'Riverside Police Department', 'los servicios no dependen de firmar', 'Firma de la persona que da su consentimiento']) {
    await expect(printed).toContainText(words);
  }
  await expect(printed).not.toContainText('safety plan');
  await expectAccessible(page);
  await screenshot(page, 'release-print');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.masthead')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeHidden();
  await expect(printed).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel('Language of the printed form').selectOption('en');
  const english = page.getByRole('article', { name: 'Authorization to release information' });
  await expect(english).toContainText('Never to these agencies');
  await expect(english).toContainText('safety planning');
  await page.getByRole('button', { name: 'Back to the releases' }).click();

  // Advocacy writes a safety-plan note (sealed for probation by the release); probation reads it: a disclosure.
  const note = await desk.notes.add(caseId, { category: 'safety_plan', content: NOTE_WORDS });
  const probationKeys = await AgencyKeystore.open(probationDesk.keystorePath, probationDesk.passphrase);
  const probation = await CcrClient.connect({ baseUrl: url, credentials: Credentials.fromKeystore(probationKeys), keystore: probationKeys });
  const read = await probation.notes.read(note.id);
  expect(read.text).toBe(NOTE_WORDS);

  // 3. Amend: end it sooner, in new words of hers; version 2.
  await row.getByRole('button', { name: 'Amend' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Amend the release to County Probation Office' })).toBeFocused();
  await expect(page.getByLabel('the agency may read case notes of the listed categories')).toBeChecked();
  await page.getByLabel('Until (every release ends)').fill(dayFromNow(45));
  await page.getByLabel('Her own words (optional): sealed in this browser for your agency only').fill(RELEASE_WORDS[1]);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign and record the amendment' }).click();
  await expect(page.getByRole('status')).toHaveText('Recorded: version 2 of the release to County Probation Office.');
  await page.getByRole('button', { name: 'Back to the releases' }).click();
  await expect(row.getByRole('cell').nth(2)).toHaveText('2');
  await expect(row).toContainText('Your agency’s signature: checked');

  // 4. Revoke: the confirmation lists what cannot be recalled (probation read the safety plan).
  await row.getByRole('button', { name: 'Revoke' }).click();
  const notRecalled = page.getByRole('region', { name: 'What cannot be recalled: County Probation Office already received this' });
  await expect(notRecalled.getByRole('listitem')).toHaveCount(1);
  await expect(notRecalled.getByRole('listitem')).toContainText('safety plan');
  await page.getByLabel('How did she tell you?').selectOption('phone');
  await expectAccessible(page);
  await screenshot(page, 'revoke-confirm');
  await page.getByRole('button', { name: 'Revoke now' }).click();
  await expect(page.getByRole('status')).toHaveText('Revoked. County Probation Office receives nothing more under this release.');
  const revoked = await desk.consents.get(recorded.id);
  expect(revoked.status).toBe('revoked');
  expect(revoked.revocation?.channel).toBe('phone');
  await page.getByRole('button', { name: 'Back to the releases' }).click();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { level: 1, name: 'Autorizaciones para compartir información' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Autorizaciones de este caso' }).getByRole('row').filter({ hasText: 'County Probation Office' })).toContainText('Revocada');
  await expectAccessible(page);
  await page.getByLabel('Idioma').selectOption('en');

  // 5. The accounting, verified in the browser against the trust policy (the witness's cosignature), printed in plain words.
  await page.getByRole('button', { name: 'The survivor’s accounting' }).click();
  await page.getByLabel('Your trust policy file (from ccrx ledger trust init), optional').setInputFiles(trustPolicyPath);
  await page.getByRole('button', { name: 'Fetch and verify' }).click();
  await expect(page.getByRole('status')).toContainText(`Verified in this browser`);
  await expect(page.getByRole('status')).toContainText(witnessName);
  const accounting = page.getByRole('article', { name: 'Accounting of disclosures' });
  await expect(accounting).toContainText('Times information was shared with another agency: 1 (required by a court order or the law: 0).');
  const entries = accounting.getByRole('table', { name: 'Everything that happened' });
  await expect(entries.getByRole('row').filter({ hasText: 'Information was shared' }).filter({ hasText: 'Harbor Advocacy Center → County Probation Office' })).toContainText('safety plan');
  for (const kind of ['A release was recorded', 'A release was changed', 'A release was taken back']) await expect(entries).toContainText(kind);
  await expectAccessible(page);
  await screenshot(page, 'accounting');
  await page.getByLabel('Language of the printed accounting').selectOption('es');
  const spanish = page.getByRole('article', { name: 'Registro de divulgaciones' });
  await expect(spanish).toContainText('Se retiró una autorización');
  await expect(spanish).toContainText('A County Probation Office: Revocada');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.masthead')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print the accounting' })).toBeHidden();
  await expect(spanish).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expectAccessible(page);

  // Her words: never in the browser's storage or URL, never sent in clear, nowhere in the database or the service log.
  const words = [...RELEASE_WORDS, NOTE_WORDS];
  const seen = await page.evaluate(async (markers) => {
    const storage = [...Object.values(localStorage), ...Object.values(sessionStorage), document.cookie, document.title, location.href].join('\n');
    return { found: markers.filter((each) => storage.includes(each)), databases: (await indexedDB.databases()).length };
  }, words);
  expect(seen).toEqual({ found: [], databases: 0 });
  expect(sent.length).toBeGreaterThan(10);
  expect(sent.filter((line) => words.some((each) => line.includes(each)))).toEqual([]);
  await expectNothingStored(page);
  expect(await findMarkersInDatabase(world().databaseUrl, words)).toEqual([]);
  const log = readFileSync(world().logFile, 'utf8');
  expect(words.filter((each) => log.includes(each))).toEqual([]);
});
