import { asAuditor, EXIT_HOST, expect, expectAccessible, expectNothingStored, openConsole, test } from './support/fixtures';
import { world } from './support/world';

test.describe('the console shell', () => {
  test('is served at / with a strict CSP, and unknown paths stay the API’s 404 problem+json', async ({ request }) => {
    const page = await request.get(`${world().url}/`);
    expect(page.status()).toBe(200);
    const csp = page.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(page.headers()['cache-control']).toBe('no-store');
    expect(await page.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const unknown = await request.get(`${world().url}/no-such-path`);
    expect(unknown.status()).toBe(404);
    expect(unknown.headers()['content-type']).toContain('application/problem+json');
    const api = await request.get(`${world().url}/ledger/checkpoint`);
    expect(api.status()).toBe(401);
    expect(api.headers()['content-type']).toContain('application/problem+json');
  });

  test('a CSP violation is seen (so a test that meets one fails), and Trusted Types refuse HTML from a string', async ({ page, observed }) => {
    await openConsole(page);
    const refused = await page.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'https://tracker.example.org/pixel.png';
      document.body.append(image);
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
        return false;
      } catch (error) {
        return error instanceof TypeError;
      }
    });
    expect(refused).toBe(true);
    await expect.poll(() => observed.problems.filter((problem) => problem.startsWith('CSP: img-src'))).toHaveLength(1);
    observed.problems.length = 0;
  });

  test('signed out: the sign-in screen, accessible, says sign-in is not on this server yet', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await openConsole(page);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Username').fill('auditor.lee');
    await page.getByLabel('Password').fill('not a real password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toHaveText(/does not offer personal sign-in yet/);
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expectNothingStored(page);
  });

  test('Exit this page (the button) leaves at once and Back does not return to the console', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await page.goto('about:blank');
    await openConsole(page);
    const length = await page.evaluate(() => history.length);
    await page.getByRole('button', { name: 'Exit this page' }).click();
    await page.waitForURL(`${EXIT_HOST}/**`);
    expect(await page.evaluate(() => history.length)).toBe(length);
    await page.goBack();
    expect(page.url()).toBe('about:blank');
  });

  test('Escape pressed 3 times leaves too, from any screen', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await asAuditor(page);
    await openConsole(page);
    await page.getByRole('button', { name: 'Verify the log' }).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect(page.url()).toBe(`${world().url}/`);
    await page.keyboard.press('Escape');
    await page.waitForURL(`${EXIT_HOST}/**`);
  });

  test('locks after 10 minutes without activity, and the lock button locks at once', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await page.clock.install();
    await asAuditor(page);
    await openConsole(page);
    await expect(page.getByRole('heading', { name: 'Checkpoints and witness cosignatures' })).toBeVisible();
    await page.clock.fastForward('09:00');
    await expect(page.getByRole('heading', { name: 'Checkpoints and witness cosignatures' })).toBeVisible();
    await page.clock.fastForward('01:01');
    await expect(page.getByRole('heading', { name: 'The console is locked' })).toBeVisible();
    await expect(page.getByText('after 10 minutes without activity')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'The console is locked' })).toBeVisible();
    await expectNothingStored(page);
  });

  test('speaks Spanish when asked, with every screen label translated', async ({ page, observed }) => {
    expect(observed.problems).toEqual([]);
    await asAuditor(page);
    await openConsole(page);
    await page.getByLabel('Language').selectOption('es');
    await expect(page.getByRole('button', { name: 'Salir de esta página' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Puntos de control y cofirmas de testigos' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expectAccessible(page);
  });
});
