// A customer who forgot their password gets back in: "Forgot your password?" on the sign-in
// page, the link from the email the server wrote to its outbox (AFTERCARE_OUTBOX, set by
// `cargo xtask test`), a new password — signed in here, and the old password no longer
// works. A used link says so and offers a new one. A new customer confirms the address
// from the sign-up email and changes the password and the address on the account page,
// which does not move as it fills in.
import { test, expect, request as playwrightRequest, type Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OLD = 'kettle-orbit-lantern';
const NEW = 'harbour-violet-compass';

/** The newest email to `to` in the outbox folder whose body has `marker`, decoded from quoted-printable. */
async function emailTo(to: string, marker: string): Promise<string> {
  const folder = process.env.AFTERCARE_OUTBOX;
  expect(folder, 'AFTERCARE_OUTBOX names the e2e server’s outbox folder').toBeTruthy();
  let found = '';
  await expect
    .poll(
      () => {
        const files = readdirSync(folder!)
          .filter((name) => name.endsWith('.eml'))
          .map((name) => join(folder!, name))
          .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
        for (const file of files) {
          const text = readFileSync(file, 'utf8')
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
          if (text.includes(`To: ${to}`) && text.includes(marker)) {
            found = text;
            return true;
          }
        }
        return false;
      },
      { timeout: 20_000, message: `an email to ${to}` },
    )
    .toBe(true);
  return found;
}

test('a customer who forgot their password resets it from the emailed link', async ({ page, baseURL }) => {
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const email = `forgot-${tag}@example.com`;
  const api = await playwrightRequest.newContext({ baseURL });
  const signUp = await api.post('/api/v1/auth/signup', { data: { name: `Fran ${tag}`, email, password: OLD, language: 'en' } });
  expect(signUp.ok(), await signUp.text()).toBeTruthy();
  await api.post('/api/v1/auth/signout');

  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reset your password');
  // Refused beside the field, and what was typed is kept.
  await page.getByLabel('Email address').fill('not-an-address');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByLabel('Email address')).toHaveValue('not-an-address');
  await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByText(`If an account uses ${email}`)).toBeVisible();

  const letter = await emailTo(email, '/reset-password?token=');
  const link = letter.match(/\/reset-password\?token=[A-Za-z0-9_-]+/)?.[0];
  expect(link, letter).toBeDefined();

  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByLabel('New password')).toHaveValue('short');
  await expect(page.getByText(/at least 8 characters/i).first()).toBeVisible();
  await page.getByLabel('New password').fill(NEW);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByText('Your password is changed.')).toBeVisible();

  // The old password is refused, the new one works.
  const oldAnswer = await api.post('/api/v1/auth/signin', { data: { email, password: OLD } });
  expect(oldAnswer.status()).toBe(401);
  const newAnswer = await api.post('/api/v1/auth/signin', { data: { email, password: NEW } });
  expect(newAnswer.ok()).toBeTruthy();

  // The link worked once: opened again, it says so and offers a new one.
  await page.context().clearCookies();
  await page.goto(link!);
  await page.getByLabel('New password').fill('another-long-passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
  await api.dispose();
});

/** How much the page has moved by itself since it loaded: Chromium's cumulative layout shift, shifts right after input left out. */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) sum += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        // Buffered entries arrive in the observer's first callback; none at all means no shift.
        setTimeout(() => resolve(sum), 300);
      }),
  );
}

test('a new customer confirms the address from the sign-up email, then changes the password and the address on the account page', async ({ page, baseURL }) => {
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const email = `confirm-${tag}@example.com`;
  const moved = `moved-${tag}@example.com`;
  // Signed up through the page's own context, so the browser holds the session.
  const signUp = await page.request.post('/api/v1/auth/signup', { data: { name: `Cas ${tag}`, email, password: OLD, language: 'en' } });
  expect(signUp.ok(), await signUp.text()).toBeTruthy();

  await page.goto('/account');
  const emailSection = page.getByRole('region', { name: 'Email address', exact: true });
  await expect(emailSection.getByText('Not confirmed yet')).toBeVisible();
  await expect(emailSection.getByText(`Please confirm that ${email} is yours`)).toBeVisible();
  await expect(emailSection.getByRole('button', { name: 'Send the link again' })).toBeVisible();
  // Nothing moves as the page fills in: the header keeps a row for the account's controls
  // from the first paint, and the sections are drawn once their data is in (the notice
  // pushed the forms below it down by 0.02–0.05, the header wrapping by 0.20).
  await expect(page.getByRole('region', { name: 'Passkeys', exact: true })).toBeVisible();
  expect(await layoutShift(page)).toBeLessThan(0.01);

  // The link sent at sign-up confirms it.
  const welcome = await emailTo(email, '/verify-email?token=');
  const confirm = welcome.match(/\/verify-email\?token=[A-Za-z0-9_-]+/)?.[0];
  expect(confirm, welcome).toBeDefined();
  await page.goto(confirm!);
  await expect(page.getByText(/confirmed|verified/i).first()).toBeVisible();
  await page.goto('/account');
  await expect(emailSection.getByText('Confirmed', { exact: true })).toBeVisible();
  await expect(emailSection.getByRole('button', { name: 'Send the link again' })).toHaveCount(0);

  // Password: a wrong current one is refused beside its field, and what was typed stays.
  const passwordSection = page.getByRole('region', { name: 'Password', exact: true });
  await passwordSection.getByLabel('Current password').fill('not-my-password');
  await passwordSection.getByLabel('New password').fill(NEW);
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordSection.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await expect(passwordSection.getByLabel('New password')).toHaveValue(NEW);
  await passwordSection.getByLabel('Current password').fill(OLD);
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordSection.getByText('Your password is changed.')).toBeVisible();
  // Still signed in here; elsewhere the old password is refused and the new one works.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  const api = await playwrightRequest.newContext({ baseURL });
  expect((await api.post('/api/v1/auth/signin', { data: { email, password: OLD } })).status()).toBe(401);
  expect((await api.post('/api/v1/auth/signin', { data: { email, password: NEW } })).ok()).toBeTruthy();
  await api.dispose();

  // A new address counts only once the link sent to it is opened.
  await emailSection.getByLabel('New email address').fill(moved);
  await emailSection.getByLabel('Your password').fill(NEW);
  await emailSection.getByRole('button', { name: 'Send a confirmation link' }).click();
  await expect(emailSection.getByText(`We sent a link to ${moved}`)).toBeVisible();
  await expect(emailSection.locator('.account-email')).toHaveText(email);
  const change = await emailTo(moved, '/verify-email?token=');
  const changeLink = change.match(/\/verify-email\?token=[A-Za-z0-9_-]+/)?.[0];
  expect(changeLink, change).toBeDefined();
  await page.goto(changeLink!);
  await expect(page.getByText(`Your email address is now ${moved}.`)).toBeVisible();
  await page.goto('/account');
  await expect(emailSection.locator('.account-email')).toHaveText(moved);
});

test('a customer downloads their data, then deletes the account from the account page', async ({ page }) => {
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const email = `leave-${tag}@example.com`;
  const signUp = await page.request.post('/api/v1/auth/signup', { data: { name: `Lou ${tag}`, email, password: OLD, language: 'en' } });
  expect(signUp.ok(), await signUp.text()).toBeTruthy();

  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Your data' });
  const download = page.waitForEvent('download');
  await section.getByRole('link', { name: 'Download your data (ZIP)' }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toMatch(/^aftercare-export-\d{4}-\d{2}-\d{2}\.zip$/);

  // Nothing is erased until asked twice; a wrong password is refused beside its field.
  await section.getByRole('button', { name: 'Delete my account' }).click();
  await expect(section.getByText('cannot be undone')).toHaveCount(0);
  await expect(section.getByText('Your claims stay for the warranty statistics')).toBeVisible();
  await section.getByLabel('Your password').fill('not-the-password');
  await section.getByRole('button', { name: 'Delete my account permanently' }).click();
  await expect(section.getByText('This is not your password')).toHaveCount(2);
  await expect(section.getByLabel('Your password')).toHaveValue('not-the-password');
  await section.getByRole('button', { name: 'Keep my account' }).click();
  await expect(section.getByRole('button', { name: 'Delete my account', exact: true })).toBeVisible();

  await section.getByRole('button', { name: 'Delete my account', exact: true }).click();
  await section.getByLabel('Your password').fill(OLD);
  await section.getByRole('button', { name: 'Delete my account permanently' }).click();
  // Signed out here too: the sign-in page says it is done.
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByText('Your account is deleted.')).toBeVisible();
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  const again = await page.request.post('/api/v1/auth/signin', { data: { email, password: OLD } });
  expect(again.status()).toBe(401);
});
