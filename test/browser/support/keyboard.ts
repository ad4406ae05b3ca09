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
