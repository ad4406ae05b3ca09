import { type Browser, type Page } from '@playwright/test';
import { observe, type Observed } from './fixtures';
import { totpCode } from './person';

/** TOTP steps per person: each is accepted once and must be newer than the last, within a step of now. */
export class Codes {
  private last: number;

  /** `enrolledBefore`: the seed enrolled this person with the step before its then-current one (at most the one before now). */
  constructor(
    private readonly secret: string,
    enrolledBefore = false,
  ) {
    this.last = Math.floor(Date.now() / 30_000) - (enrolledBefore ? 1 : 2);
  }

  used(step: number): void {
    this.last = Math.max(this.last, step);
  }

  async next(): Promise<string> {
    const step = Math.max(Math.floor(Date.now() / 30_000) - 1, this.last + 1);
    while (Math.floor(Date.now() / 30_000) < step - 1) await new Promise((resolve) => setTimeout(resolve, 500));
    this.last = step;
    return totpCode(this.secret, step);
  }
}

export async function signIn(page: Page, username: string, secret: string, codes: Codes): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code from your authenticator app').fill(await codes.next());
  await page.getByRole('button', { name: 'Verify' }).click();
}

export async function newPage(browser: Browser, observed: Observed): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' })).newPage();
  await observe(page, observed);
  return page;
}
