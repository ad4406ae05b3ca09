import { type Page } from '@playwright/test';
import { AgencyKeystore, CcrClient, Credentials } from '../../src/sdk';
import { TEAM_WORDS } from './support/coordination-seed';
import { expect, expectAccessible, expectNothingStored, openConsole, screenshot, test } from './support/fixtures';
import { type EnrolledPerson, totpCode } from './support/person';
import { registerPersonKeys } from './support/person-keys';
import { world } from './support/world';

async function signIn(page: Page, person: EnrolledPerson, step: number): Promise<void> {
  await openConsole(page);
  await page.getByLabel('Username').fill(person.username);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code from your authenticator app').fill(totpCode(person.totpSecret, step));
  await page.getByRole('button', { name: 'Verify' }).click();
}

/**
 * Issues 21 and 22 in the console: the chair agency's advocate sees the agreements advocacy has
 * signed and the one it must sign, with each step's time; the team's next meeting, its agenda and
 * the action tracker (probation's action overdue, as text); opens police's action in the key
 * worker; and their own agency's actions: one marked not done (a reason required) and seen so on
 * the chair's tracker; a contribution added to the next meeting (who will read it shown first) and
 * opened; and the chooser between the two teams advocacy chairs, remembered across screens.
 */
test('the chair sees agreements, the next meeting, the action tracker and their agency’s actions', async ({ page, observed }) => {
  // A long journey (five screens, eleven axe runs) on a shared machine.
  test.setTimeout(240_000);
  expect(observed.problems).toEqual([]);
  const { url, coordination, advocacyDesk } = world();
  const step = Math.floor(Date.now() / 30_000);
  const registered = await registerPersonKeys(url, coordination.chair, step);
  const keystore = await AgencyKeystore.open(advocacyDesk.keystorePath, advocacyDesk.passphrase);
  const desk = await CcrClient.connect({ baseUrl: url, credentials: Credentials.password(advocacyDesk.username, advocacyDesk.password), keystore });
  await desk.members.add(registered.personId, { fingerprint: registered.fingerprint });
  const sent: string[] = [];
  page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
  await signIn(page, coordination.chair, step + 1);

  const nav = page.getByRole('navigation', { name: 'Advocate screens' });
  await nav.getByRole('button', { name: 'Agreements' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Working agreements' })).toBeVisible();
  const agreements = page.getByRole('table', { name: 'Working agreements' });
  const rows = agreements.getByRole('row');
  await expect(rows).toHaveCount(3);
  // The one advocacy must sign comes first.
  await expect(rows.nth(1)).toContainText('County Probation Office');
  await expect(rows.nth(1)).toContainText('Awaiting your agency’s signature');
  await expect(rows.nth(1)).toContainText('Harbor Advocacy Center');
  await expect(rows.nth(2)).toContainText('Riverside Police Department');
  await expect(rows.nth(2)).toContainText('In force');
  await expect(rows.nth(2)).toContainText('Nobody');
  await expectAccessible(page);
  await screenshot(page, 'agreements');

  await rows.nth(2).getByRole('button', { name: 'Show the agreement with Riverside Police Department' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agreement with Riverside Police Department' })).toBeVisible();
  const steps = page.getByRole('table', { name: 'Steps and time allowed (version 1)' }).getByRole('row');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(1)).toContainText('Received');
  await expect(steps.nth(1)).toContainText('1 h');
  await expect(steps.nth(2)).toContainText('Accepted or rejected');
  await expect(steps.nth(2)).toContainText('4 h');
  await expect(steps.nth(3)).toContainText('First contact with the survivor');
  await expect(steps.nth(3)).toContainText('9 h');
  await expect(page.getByText('Business hours: Mon, Tue, Wed, Thu, Fri, 08:00–17:00 (America/Chicago); 2 holidays')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Signatures' }).getByRole('listitem')).toHaveCount(2);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Back to the agreements' }).click();

  // Advocacy signs probation's proposal here: its keys open in the key worker, probation's signature checked there first.
  await rows.nth(1).getByRole('button', { name: 'Show the agreement with County Probation Office' }).click();
  await expect(page.getByRole('button', { name: 'Sign for my agency' })).toBeDisabled();
  await page.getByRole('button', { name: 'Unlock my agency’s keys' }).click();
  await expect(page.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await page.getByRole('button', { name: 'Sign for my agency' }).click();
  await expect(page.getByRole('status')).toHaveText('Your agency signed this version.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Back to the agreements' }).click();
  await expect(rows.filter({ hasText: 'County Probation Office' })).toContainText('In force');
  // The console's signature verifies with the SDK's own check against the key directory, and put the version in force.
  const signed = await desk.agreements.verify(await desk.agreements.get(coordination.agreements.awaiting));
  expect(signed.inForceVersion).toBe(1);

  await nav.getByRole('button', { name: 'High-risk team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `High-risk team: ${coordination.teamName}` })).toBeVisible();
  const agenda = page.getByRole('table', { name: 'Agenda: the cases referred' }).getByRole('row');
  await expect(agenda).toHaveCount(2);
  await expect(agenda.nth(1)).toContainText('Riverside Police Department');
  await expect(agenda.nth(1)).toContainText('Professional judgement');
  await expect(agenda.nth(1)).toContainText('Accepted');
  const tracker = page.getByRole('table', { name: 'Action tracker' }).getByRole('row');
  await expect(tracker).toHaveCount(4);
  // Overdue first, as text (not colour alone).
  await expect(tracker.nth(1)).toContainText('County Probation Office');
  await expect(tracker.nth(1)).toContainText('Overdue');
  await expect(tracker.nth(1)).toContainText('Open');
  await expect(tracker.filter({ hasText: 'Overdue' })).toHaveCount(1);
  const policeRow = tracker.filter({ hasText: 'Riverside Police Department' });
  // The keys opened on the agreements screen stay open across screens (until lock).
  await expect(page.getByText('Your agency’s keys are unlocked on this page.')).toBeVisible();
  await policeRow.getByRole('button', { name: /^Open the action of Riverside Police Department/ }).click();
  await expect(policeRow).toContainText(TEAM_WORDS.policeAction);
  await tracker.filter({ hasText: 'County Probation Office' }).getByRole('button', { name: /^Open the action/ }).click();
  await expect(tracker.filter({ hasText: 'County Probation Office' })).toContainText(TEAM_WORDS.probationAction);
  await expectAccessible(page);
  await screenshot(page, 'team-chair');

  await nav.getByRole('button', { name: 'Our actions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Our agency’s actions' })).toBeVisible();
  const mine = page.getByRole('table', { name: 'Our agency’s actions' }).getByRole('row');
  await expect(mine).toHaveCount(2);
  await expect(mine.nth(1)).toContainText('Harbor Advocacy Center');
  await expect(mine.nth(1)).not.toContainText('Overdue');
  await mine.nth(1).getByRole('button', { name: /^Open the action/ }).click();
  await expect(mine.nth(1)).toContainText(TEAM_WORDS.advocacyAction);
  await expectAccessible(page);

  // "Not done" needs a reason: confirming without one is stopped on the page.
  await mine.nth(1).getByRole('button', { name: /^Mark the action due .* not done$/ }).click();
  await expect(mine.nth(1).getByLabel('Why it was not done')).toBeFocused();
  await mine.nth(1).getByRole('button', { name: 'Confirm: not done' }).click();
  await expect(mine.nth(1).getByRole('alert')).toHaveText('Choose why it was not done.');
  await expect(mine.nth(1).getByLabel('Why it was not done')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await screenshot(page, 'team-action-not-done');
  await mine.nth(1).getByLabel('Why it was not done').selectOption({ label: 'The survivor declined' });
  await mine.nth(1).getByRole('button', { name: 'Confirm: not done' }).click();
  await expect(page.getByText('Saved. The chair’s action tracker shows the new status.')).toBeVisible();
  await expect(mine.nth(1)).toContainText('Not done: The survivor declined');
  await expect(mine.nth(1).getByRole('button', { name: /^Mark the action due .* done$/ })).toBeVisible();

  // Our contributions: none yet; one added to the next meeting's case, sealed in the key worker.
  await nav.getByRole('button', { name: 'Our contributions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Our agency’s contributions' })).toBeVisible();
  await expect(page.getByText('Your agency has made no contributions yet.')).toBeVisible();
  const form = page.getByRole('region', { name: 'Add a contribution' });
  const item = form.getByLabel('Meeting and case');
  // The meeting held at seeding (still within its day) and the one a week ahead.
  await expect(item.getByRole('option')).toHaveCount(2);
  await item.selectOption({ index: 1 });
  // The case first offered is advocacy's own, opened from police's referral: no release of it covers an attending agency.
  const caseChoice = form.getByLabel('Our case to seal it on');
  await expect(caseChoice.locator('option:checked')).toContainText('(opened from the referred case)');
  await expect(form.getByText('Riverside Police Department: no release allows it')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Seal and add' })).toBeDisabled();
  await caseChoice.selectOption(coordination.advocacyTeamCase);
  await expect(form.getByRole('heading', { name: 'Who will be able to read it' })).toBeVisible();
  await expect(form.getByRole('listitem').filter({ hasText: /^Riverside Police Department$/ })).toHaveCount(1);
  await expect(form.getByText('County Probation Office: no release allows it')).toBeVisible();
  await form.getByLabel('What your agency says').fill(TEAM_WORDS.advocacyContribution);
  await expectAccessible(page);
  await screenshot(page, 'team-contribution-add');
  await form.getByRole('button', { name: 'Seal and add' }).click();
  await expect(form.getByRole('status')).toHaveText('Added. Sealed for your agency and Riverside Police Department.');
  const contributions = page.getByRole('table', { name: 'Our agency’s contributions' }).getByRole('row');
  await expect(contributions).toHaveCount(2);
  await expect(contributions.nth(1)).toContainText(coordination.teamName);
  await expect(contributions.nth(1)).toContainText(coordination.advocacyTeamCase.slice(0, 8));
  await expect(contributions.nth(1)).toContainText('Contribution');
  await expect(contributions.nth(1)).toContainText('Riverside Police Department');
  await contributions.nth(1).getByRole('button', { name: /^Open the contribution on case/ }).click();
  await expect(contributions.nth(1)).toContainText(TEAM_WORDS.advocacyContribution);
  await expectAccessible(page);
  await screenshot(page, 'team-contributions');
  // Stored wrapped for police as shown, as the SDK lists it.
  const [stored] = await desk.meetings.myContributions();
  expect(stored.recipients.filter((each) => each.canRead).map((each) => each.agencyId).sort()).toEqual([world().agencies.advocacy, world().agencies.police].sort());

  // The chair's tracker shows the status advocacy set; the chooser switches teams and keeps the choice across screens.
  await nav.getByRole('button', { name: 'High-risk team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `High-risk team: ${coordination.teamName}` })).toBeVisible();
  await expect(tracker.filter({ hasText: 'Harbor Advocacy Center' })).toContainText('Not done: The survivor declined');
  await page.getByLabel('Team shown').selectOption({ label: coordination.secondTeamName });
  await expect(page.getByRole('heading', { level: 1, name: `High-risk team: ${coordination.secondTeamName}` })).toBeVisible();
  await expect(page.getByText('No meeting is planned.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'team-chooser');
  await nav.getByRole('button', { name: 'Our actions' }).click();
  await nav.getByRole('button', { name: 'High-risk team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `High-risk team: ${coordination.secondTeamName}` })).toBeVisible();

  // What the agencies promised and said was opened or sealed in the key worker: never sent by the page, never stored.
  const words = Object.values(TEAM_WORDS);
  expect(sent.filter((line) => words.some((each) => line.includes(each)))).toEqual([]);
  await expectNothingStored(page);
  desk.close();
  await nav.getByRole('button', { name: 'Our actions' }).click();
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { level: 1, name: 'Acciones de nuestra agencia' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Acciones de nuestra agencia' }).getByRole('row').nth(1)).toContainText('No hecha: La sobreviviente no quiso');
  await expectAccessible(page);
  await page.getByRole('navigation', { name: 'Pantallas de intercesoría' }).getByRole('button', { name: 'Nuestras aportaciones' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aportaciones de nuestra agencia' })).toBeVisible();
  await expectAccessible(page);
});

/** Issue 23: the coordinating body's auditor makes a report and sees where referrals fell through the cracks. */
test('the monitoring dashboard and the cracks view show the figures, hidden cells in words', async ({ page, observed }) => {
  expect(observed.problems).toEqual([]);
  const { coordination } = world();
  await signIn(page, coordination.monitor, Math.floor(Date.now() / 30_000));
  const nav = page.getByRole('navigation', { name: 'Auditor screens' });
  await nav.getByRole('button', { name: 'Cracks' }).click();
  await expect(page.getByText('Make a report on the Monitoring screen first.')).toBeVisible();
  await nav.getByRole('button', { name: 'Monitoring' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Monitoring: the CCR’s figures' })).toBeVisible();
  await expect(page.getByText('No report yet. Choose a period and make one.')).toBeVisible();
  await page.getByLabel('Hide counts below').fill('5');
  await page.getByRole('button', { name: 'Make the report' }).click();
  await expect(page.getByRole('status')).toContainText(/Report of .*: \d+ log entries, figures ccr-monitoring\/2, counts below 5 hidden\./);
  const referrals = page.getByRole('table', { name: 'Table: Referrals sent between agencies' });
  await expect(referrals.getByRole('row')).not.toHaveCount(1);
  await expect(page.getByRole('img', { name: /^Referrals sent between agencies\./ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Table: Cases referred to the high-risk team' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'monitoring-dashboard');

  // The same period by month is a long trend: a line, its words, and the table; both reports are listed and the first opens again.
  await page.getByLabel('Group by').selectOption('month');
  await page.getByRole('button', { name: 'Make the report' }).click();
  await expect(page.getByRole('img', { name: /^Referrals sent between agencies: a line over 12 periods\./ })).toBeVisible();
  await expect(page.getByText(/^From \d{4}-\d\d to \d{4}-\d\d: /).first()).toBeVisible();
  const stored = page.getByRole('table', { name: 'Reports your agency made, newest first' });
  await expect(stored.getByRole('row')).toHaveCount(3);
  await expect(stored.getByRole('row').nth(1)).toContainText('Month');
  await expect(stored.getByRole('row').nth(1)).toContainText('Showing');
  await expectAccessible(page);
  await screenshot(page, 'monitoring-line');
  await stored.getByRole('row').nth(2).getByRole('button', { name: /^Open the report made / }).click();
  await expect(stored.getByRole('row').nth(2)).toContainText('Showing');
  await expect(page.getByRole('img', { name: /^Referrals sent between agencies\. The same figures/ })).toBeVisible();

  await nav.getByRole('button', { name: 'Cracks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Where survivors fall through the cracks' })).toBeVisible();
  const pairs = page.getByRole('table', { name: /^Table: Referrals that ended without help/ });
  const probationToPolice = pairs.getByRole('row').filter({ hasText: 'probation → law enforcement' });
  await expect(probationToPolice).toHaveCount(1);
  const handoffs = page.getByRole('table', { name: /^Table: Handoffs against working agreements/ });
  await expect(handoffs.getByRole('row').filter({ hasText: 'County Probation Office → Riverside Police Department: Received' })).toHaveCount(1);
  await expect(page.getByRole('img', { name: /^Handoff steps missed, late or ended before they were due/ })).toBeVisible();
  // A hidden cell is words, never a number.
  await expect(page.getByText('fewer than 5 or withheld').first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'monitoring-cracks');
  await expectNothingStored(page);
});
