import { type Page } from '@playwright/test';
import { asAuditor, expect, expectAccessible, expectNothingStored, openConsole, screenshot, test } from './support/fixtures';
import { world } from './support/world';

async function show(page: Page, screen: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Auditor screens' }).getByRole('button', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test.describe('the auditor', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1200, height: 800 });
    await asAuditor(page);
    await openConsole(page);
  });

  test('sees the checkpoints with their tree sizes and the registered witnesses', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await expect(page.getByRole('heading', { level: 1, name: 'Checkpoints and witness cosignatures' })).toBeVisible();
    const latest = page.getByRole('region', { name: 'Latest checkpoint' });
    await expect(latest.getByText(/^\d+$/).first()).toBeVisible();
    await expect(page.getByRole('table', { name: 'Every checkpoint' }).getByRole('row')).not.toHaveCount(1);
    // The witness cosigned the seed's checkpoint; a later one (an advocate's accounting signs its own receipt) may not be cosigned yet.
    await expect(page.getByRole('table', { name: 'Every checkpoint' })).toContainText(world().witnessName);
    await expect(page.getByRole('region', { name: 'Registered witnesses' })).toContainText(world().witnessName);
    await expectAccessible(page);
    await screenshot(page, 'checkpoints');
  });

  test('verifies the whole log in the browser, with progress, and can cancel', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await show(page, 'Verify the log', 'Verify the log');
    await expect(page.getByText('No trust policy chosen')).toBeVisible();
    await page.getByRole('button', { name: 'Start verifying' }).click();
    await expect(page.getByRole('status')).toHaveText(/^The log verified: \d+ entries, \d+ checkpoints\. No witness cosigned it\.$/, { timeout: 30_000 });

    await page.getByLabel('Trust policy file').setInputFiles(world().trustPolicyPath);
    await expect(page.getByText('No trust policy chosen')).toBeHidden();
    await page.getByRole('button', { name: 'Start verifying' }).click();
    await expect(page.getByRole('status')).toHaveText(new RegExp(`^The log verified: \\d+ entries, \\d+ checkpoints, witnessed by ${world().witnessName.replace(/[.]/g, '\\.')}\\.$`), { timeout: 30_000 });
    await expectAccessible(page);
    await screenshot(page, 'verify');

    // Slow the entry download so that cancel lands while the worker runs.
    await page.route('**/ledger/entries?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue().catch(() => undefined);
    });
    await page.getByRole('button', { name: 'Start verifying' }).click();
    await expect(page.getByRole('progressbar')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('status')).toHaveText('Verification cancelled. Nothing was concluded.');
  });

  test('searches the disclosure log by agency name and kind, and exports it', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await show(page, 'Disclosure log', 'Search the disclosure log');
    await page.getByLabel('Agency').selectOption({ label: 'Harbor Advocacy Center' });
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table', { name: 'Search the disclosure log' });
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    await expect(table).toContainText('Harbor Advocacy Center');
    await expect(table).toContainText('referral_sent');

    await page.getByLabel('Kind').selectOption('referral_sent');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('status')).toHaveText('Entries shown: 1');
    await expect(table).toContainText('Riverside Police Department');
    await expectAccessible(page);
    await screenshot(page, 'search');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('ccr-disclosure-log.csv');
    const text = await (await file.createReadStream()).toArray();
    const lines = Buffer.concat(text).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('referral_sent');
    await expectNothingStored(page);
  });

  test('a case handle that is not a UUID is pointed out before any search', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await show(page, 'Disclosure log', 'Search the disclosure log');
    await page.getByLabel('Case handle').fill('Marisol');
    await expect(page.getByText('A case handle is a UUID')).toBeVisible();
    await page.getByLabel('Case handle').fill(world().caseId);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('status')).toHaveText(/^Entries shown: \d+$/);
    await expect(page.getByRole('table', { name: 'Search the disclosure log' })).toContainText('case_opened');
  });

  test('sees who tried and was refused, with agency names', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await show(page, 'Refusals', 'Refusals: who tried and was refused');
    const table = page.getByRole('table', { name: 'Refusals: who tried and was refused' });
    await expect(table).toContainText('County Probation Office');
    await expect(table).toContainText('Refused');
    await expectAccessible(page);
    await screenshot(page, 'refusals');
  });

  test('works with the keyboard alone', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Exit this page' })).toBeFocused();
    const refusals = page.getByRole('navigation', { name: 'Auditor screens' }).getByRole('button', { name: 'Refusals' });
    for (let step = 0; step < 10 && !(await refusals.evaluate((element) => element === document.activeElement)); step += 1) await page.keyboard.press('Tab');
    await expect(refusals).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Refusals: who tried and was refused' })).toBeVisible();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('navigation', { name: 'Auditor screens' }).getByRole('button', { name: 'Disclosure log' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Search the disclosure log' })).toBeVisible();
    expect(page.url()).toBe(`${world().url}/`);
  });
});
