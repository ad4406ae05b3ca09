import { expect, type Locator, type Page } from '@playwright/test';

/** Tab (forward only) until `target` has the focus: what a keyboard user does; fails if it never comes. */
export async function tabTo(page: Page, target: Locator, most = 60): Promise<void> {
  for (let step = 0; step < most; step += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The focused control shows it (the console's :focus-visible outline), as WCAG 2.4.7 asks. */
export async function expectVisibleFocus(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  await expect(target).toHaveCSS('outline-style', 'solid');
}

/** A closed select, changed as a keyboard user does: focused by Tab, then ArrowDown until `value` is chosen. */
export async function arrowToValue(page: Page, select: Locator, value: string, most = 40): Promise<void> {
  await tabTo(page, select);
  for (let step = 0; step < most && (await select.inputValue()) !== value; step += 1) await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue(value);
}

/** Signing in by keyboard alone: Tab to the username and type it, Tab to the password, Enter; then the authenticator's code, Enter. */
export async function signInByKeyboard(page: Page, person: { username: string; password: string }, code: string): Promise<void> {
  await tabTo(page, page.getByLabel('Username'));
  await page.keyboard.type(person.username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(person.password);
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Code from your authenticator app'));
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}
