import { Client } from 'pg';
import { ed25519Verify, getSodium, membershipStatement } from '../../src/crypto';
import { referralRelease } from '../../src/demo/onboarding';
import { AgencyKeystore, CcrClient, Credentials } from '../../src/sdk';
import { expect, expectAccessible, expectNothingStored, openConsole, screenshot, test } from './support/fixtures';
import { Codes, newPage, signIn } from './support/sign-in';
import { world } from './support/world';

/** The first referral the new agency receives: sealed by probation's SDK for the clinic, opened in the newcomer's browser. */
const REFERRAL_WORDS = ['Yusra Haddad', 'Needs a forensic exam appointment; call only after 5 pm.'];

interface StoredKeys {
  agencyId: string;
  epochs: { epoch: number; signPublicKey: Buffer; registeredBy: string }[];
  wraps: { principalId: string; epoch: number; wrap: Buffer; signature: Buffer; issuedBy: string }[];
  person: { id: string; signPublicKey: Buffer; boxPublicKey: Buffer };
}

/** What the database holds of the new agency's keys: its epochs, its membership wraps, and its person's public keys. */
async function storedKeys(agencyName: string, username: string): Promise<StoredKeys> {
  const client = new Client({ connectionString: world().databaseUrl });
  await client.connect();
  try {
    const agencyId = (await client.query<{ id: string }>('SELECT id FROM agencies WHERE name = $1', [agencyName])).rows[0].id;
    const epochs = await client.query('SELECT epoch, sign_public_key AS "signPublicKey", registered_by_principal_id AS "registeredBy" FROM agency_keys WHERE agency_id = $1 ORDER BY epoch', [agencyId]);
    const wraps = await client.query('SELECT principal_id AS "principalId", epoch, wrap, signature, issued_by AS "issuedBy" FROM membership_wraps WHERE agency_id = $1 ORDER BY epoch', [agencyId]);
    const person = await client.query(
      'SELECT p.id, k.sign_public_key AS "signPublicKey", k.box_public_key AS "boxPublicKey" FROM principals p JOIN person_keys k ON k.principal_id = p.id WHERE p.username = $1',
      [username],
    );
    return { agencyId, epochs: epochs.rows, wraps: wraps.rows, person: person.rows[0] };
  } finally {
    await client.end();
  }
}

/**
 * The coordinator journey from the start (issue 20, decision 0156): an administrator onboards an
 * agency and its first person in the console; the newcomer enrols from the link, makes their keys
 * and then the agency's first keys in their browser's key worker (epoch 1, wrapped to them as its
 * first member); the database holds one epoch and one wrap that the epoch's own key signed, and only
 * public keys; a partner's referral sealed for the new agency opens in the newcomer's browser.
 */
test('an administrator onboards an agency; its first person makes the agency’s first keys in the browser and opens a referral', async ({ page: admin, browser, observed }) => {
  test.setTimeout(150_000);
  const { url, onboardAdmin, probationDesk } = world();
  const agencyName = 'Eastside Health Clinic';

  // 1. The administrator onboards the agency (the form checks first), then its first person.
  await openConsole(admin);
  await signIn(admin, onboardAdmin.username, onboardAdmin.password, new Codes(onboardAdmin.totpSecret, true));
  await admin.getByRole('navigation', { name: 'Coordinator screens' }).getByRole('button', { name: 'People' }).click();
  const form = admin.getByRole('form', { name: 'New agency' });
  await form.getByRole('button', { name: 'Onboard the agency' }).click();
  await expect(admin.getByRole('alert')).toHaveText('Enter the agency’s name: 2–200 characters on one line.');
  await form.getByLabel('Name of the agency').fill(agencyName);
  await form.getByLabel('Kind of agency').selectOption({ label: 'health' });
  // The kind suggests its usual law; the administrator could change it.
  await expect(form.getByLabel('Confidentiality law that binds it')).toHaveValue('hipaa');
  await form.getByRole('button', { name: 'Onboard the agency' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'is onboarded' })).toHaveText(`${agencyName} is onboarded and chosen below. Add its first person: they make the agency’s keys in their browser.`);
  await expect(admin.getByLabel('Agency', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(admin.getByLabel('Agency', { exact: true }).locator('option:checked')).toHaveText(agencyName);
  await expect(admin.getByText('No people in this agency yet.')).toBeVisible();
  await expectAccessible(admin);
  await admin.getByLabel('Username').fill('clinic.amara');
  await admin.getByLabel('Full name').fill('Amara Osei');
  await admin.getByRole('checkbox', { name: 'Advocate' }).check();
  await admin.getByRole('button', { name: 'Add the person and make their link' }).click();
  await expect(admin.getByRole('heading', { name: 'Enrolment link for clinic.amara' })).toBeVisible();
  const link = (await admin.getByTestId('enrolment-link').textContent()) ?? '';
  expect(link).toMatch(new RegExp(`^${url}/#enrol=`));
  await expect(admin.getByRole('table', { name: `People of ${agencyName}` })).toContainText('Amara Osei');
  await screenshot(admin, 'coordinator-new-agency');
  await expectNothingStored(admin);

  // 2. The newcomer enrols from the link and makes their keys: their agency has none yet.
  const newcomer = await newPage(browser, observed);
  const sent: string[] = [];
  newcomer.context().on('request', (request) => sent.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`));
  const secret = 'copper willow estuary lantern';
  await newcomer.goto(link);
  await expect(newcomer.locator('html')).toHaveAttribute('data-key-worker', 'ready');
  await newcomer.getByLabel('Your secret', { exact: true }).fill(secret);
  await newcomer.getByLabel('Your secret again').fill(secret);
  await newcomer.getByRole('button', { name: 'Continue' }).click();
  const codes = new Codes(((await newcomer.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, ''));
  await newcomer.getByLabel('Code from your authenticator app').fill(await codes.next());
  await newcomer.getByRole('button', { name: 'Verify' }).click();
  await expect(newcomer.getByLabel('Username')).toHaveValue('clinic.amara');
  await signIn(newcomer, 'clinic.amara', secret, codes);
  const nav = newcomer.getByRole('navigation', { name: 'Advocate screens' });
  await nav.getByRole('button', { name: 'My keys' }).click();
  await newcomer.getByRole('button', { name: 'Make my keys' }).click();
  await expect(newcomer.getByRole('status')).toHaveText('Your agency has no keys yet. As its first person, you make them.');
  await expectAccessible(newcomer);

  // 3. The agency's first keys, made in the key worker and wrapped to the newcomer, then opened from that wrap.
  const rotation = newcomer.waitForRequest((request) => request.url().endsWith('/members/rotation'));
  await newcomer.getByRole('button', { name: 'Make our agency’s first keys' }).click();
  await expect(newcomer.getByRole('status')).toHaveText('You are the first member of your agency: its keys are made and unlocked on this page.');
  const agencyFingerprint = ((await newcomer.getByLabel('Your agency’s fingerprint').textContent()) ?? '').replace(/\s/g, '');
  expect(agencyFingerprint).toMatch(/^[0-9a-f]{16,}$/);
  await expectAccessible(newcomer);
  await screenshot(newcomer, 'first-agency-keys');
  // Only public keys and a sealed wrap went out: the registration's fields and the wrap's, nothing else.
  const body = (await rotation).postDataJSON() as { registration: Record<string, unknown>; wraps: Record<string, unknown>[] };
  expect(Object.keys(body).sort()).toEqual(['registration', 'wraps']);
  expect(Object.keys(body.registration).sort()).toEqual(['agencyId', 'boxPublicKey', 'createdAt', 'epoch', 'previousEpoch', 'rotationSignature', 'selfSignature', 'signPublicKey', 'suite', 'v']);
  expect(body.registration).toMatchObject({ epoch: 1, previousEpoch: null, rotationSignature: null });
  expect(body.wraps.map((wrap) => Object.keys(wrap).sort())).toEqual([['epoch', 'personId', 'signature', 'wrap']]);

  // The database: one epoch, registered by the newcomer; one wrap to them, signed by that epoch's key for their keys.
  const stored = await storedKeys(agencyName, 'clinic.amara');
  expect(stored.epochs.map((row) => [row.epoch, row.registeredBy])).toEqual([[1, stored.person.id]]);
  expect(stored.wraps.map((row) => [row.principalId, row.epoch, row.issuedBy])).toEqual([[stored.person.id, 1, stored.person.id]]);
  const person = { personId: stored.person.id, signPublicKey: new Uint8Array(stored.person.signPublicKey), boxPublicKey: new Uint8Array(stored.person.boxPublicKey) };
  const statement = await membershipStatement({ agencyId: stored.agencyId, epoch: 1, person, wrap: new Uint8Array(stored.wraps[0].wrap) });
  expect(ed25519Verify(await getSodium(), new Uint8Array(stored.wraps[0].signature), statement, new Uint8Array(stored.epochs[0].signPublicKey))).toBe(true);

  // 4. The agency now works like any other: its first member on the Members screen, with its keys open.
  await nav.getByRole('button', { name: 'Members' }).click();
  await expect(newcomer.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await expect(newcomer.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: 'Amara Osei' })).toContainText('1');

  // 5. A partner (probation's system) pins the new agency's keys, checks the fingerprint read out, and sends a referral the newcomer opens.
  const keystore = await AgencyKeystore.open(probationDesk.keystorePath, probationDesk.passphrase);
  const probation = await CcrClient.connect({ baseUrl: url, credentials: Credentials.fromKeystore(keystore), keystore });
  await probation.keys.get(stored.agencyId, { expectFingerprint: agencyFingerprint });
  const probationCase = await probation.cases.open({ profile: { name: REFERRAL_WORDS[0] } });
  const release = await probation.consents.record(probationCase.id, referralRelease(stored.agencyId));
  await probation.referrals.send({ fromCaseId: probationCase.id, toAgencyId: stored.agencyId, consentId: release.id, purpose: 'advocacy_services', priority: 'routine', content: { survivor: REFERRAL_WORDS[0], need: REFERRAL_WORDS[1] } });
  probation.close();
  await nav.getByRole('button', { name: 'Inbox' }).click();
  await newcomer.getByRole('button', { name: /^Open the referral from County Probation Office/ }).click();
  const content = newcomer.getByRole('region', { name: 'What the referral says' });
  for (const words of REFERRAL_WORDS) await expect(content).toContainText(words);
  expect(sent.filter((line) => [secret, ...REFERRAL_WORDS].some((words) => line.includes(words)))).toEqual([]);
  await newcomer.getByRole('button', { name: 'Back to the list' }).click();
  await expectNothingStored(newcomer);
  await newcomer.context().close();
});
