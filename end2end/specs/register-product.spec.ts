// A new customer signs up, registers a washing machine bought 100 days ago with 24 months
// of warranty, and sees the right end date and days left — on a phone and on a desktop.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { daysBetween, isoDaysFromToday, lastCoveredDay, shot, todayIn } from '../support';


test('a new customer registers a washing machine and sees its warranty', async ({ page }, info) => {
  const run = `${info.project.name}-${Date.now()}`;
  const serial = `WM-${String(Date.now()).slice(-8)}`;
  const bought = isoDaysFromToday(-100);
  const end = lastCoveredDay(bought, 24);

  await page.goto('/');
  await page.getByRole('link', { name: 'Create account' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // A refused form keeps what was typed and says what to fix beside the field.
  await page.getByLabel('Your name').fill('Ewa Test');
  await page.getByLabel('Email address').fill(`ewa-${run}@example.com`);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toContainText('at least 8 characters');
  await expect(page.getByLabel('Email address')).toHaveValue(`ewa-${run}@example.com`);
  await page.getByLabel('Password').fill('kettle-orbit-lantern');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'My products' })).toBeVisible();
  await expect(page.getByText('No products yet')).toBeVisible();
  await shot(page, `products-empty-${info.project.name}`);

  await page.getByRole('link', { name: 'Register a product' }).first().click();
  await page.getByLabel('Product model').fill('WAN28281');
  await page.getByRole('list', { name: 'Matching models' }).getByRole('button', { name: /Serie 4 WAN28281/ }).click();
  await expect(page.getByText('WM-12345678').first()).toBeVisible();

  await page.getByLabel('Serial number').fill('12345');
  await page.getByLabel('Purchase date').fill(bought);
  await page.getByLabel('Where you bought it').fill('MediaMarkt');
  await page.getByLabel('Country of purchase').selectOption('PL');
  await page.getByRole('button', { name: 'Register product' }).click();
  // The serial's format is explained, and nothing typed is lost.
  await expect(page.getByRole('alert')).toContainText('WM-12345678');
  await expect(page.getByLabel('Where you bought it')).toHaveValue('MediaMarkt');
  await shot(page, `register-error-${info.project.name}`);

  await page.getByLabel('Serial number').fill(serial.toLowerCase());
  await page.getByRole('button', { name: 'Register product' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('WAN28281');
  const coveredUntil = page.locator('dt', { hasText: /^\s*Covered until\s*$/ }).locator('xpath=following-sibling::dd[1]');
  await expect(coveredUntil).toHaveAttribute('data-iso', end);
  const shown = await page.evaluate(
    (iso) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(iso + 'T00:00:00Z')),
    end,
  );
  await expect(coveredUntil).toHaveText(shown);
  const daysLeft = page.locator('dt', { hasText: /^\s*Days left\s*$/ }).locator('xpath=following-sibling::dd[1]');
  // Days left count from the market's today (Poland's calendar, a day ahead of UTC for an
  // hour or two every night), on the server and in the app alike.
  await expect(daysLeft).toHaveText(String(daysBetween(todayIn('Europe/Warsaw'), end)));
  await expect(page.getByText(serial)).toBeVisible();
  await shot(page, `product-${info.project.name}`);

  // Back on the list, the card says it is covered, in words.
  await page.getByRole('link', { name: 'Back to my products' }).click();
  await expect(page.getByText('Active')).toBeVisible();
  await shot(page, `products-${info.project.name}`);
});

test('the demo customer signs in and sees each product with its status, in her language', async ({ page }, info) => {
  // Maja's profile says Polish: signing in switches the app to it.
  const pl = JSON.parse(readFileSync(join(__dirname, '../../locales/pl.json'), 'utf8'));
  await page.goto('/signin');
  await page.getByLabel('Email address').fill('maja@example.com');
  await page.getByLabel('Password').fill('aftercare-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: pl['products.title'] })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  for (const status of ['active', 'ends_soon', 'expired']) {
    await expect(page.getByText(pl[`coverage.status.${status}`], { exact: true }).first()).toBeVisible();
  }
  await shot(page, `demo-products-${info.project.name}`);
  await page.getByRole('button', { name: pl['auth.sign_out'] }).first().click();
  await expect(page.getByText(pl['auth.signed_out'])).toBeVisible();
});

test('nothing scrolls sideways, at 360 px or on a desktop', async ({ page }) => {
  for (const path of ['/', '/signin', '/signup']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('a customer on a phone registers a product from a photo of its label, without typing the serial', async ({ page }, info) => {
  const run = `${info.project.name}-${Date.now()}`;
  // Each project has its own label (a serial registers once per model).
  const serial = info.project.name === 'phone' ? 'WM-20261204' : 'WM-20261205';
  const photo = join(__dirname, `../fixtures/label-${info.project.name}.jpg`);
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Lena Scan');
  await page.getByLabel('Email address').fill(`lena-${run}@example.com`);
  await page.getByLabel('Password').fill('kettle-orbit-lantern');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My products' })).toBeVisible();
  await page.getByRole('link', { name: 'Register a product' }).first().click();

  // A photo with no code says so beside the control, and the form keeps what was typed.
  await page.getByLabel('Where you bought it').fill('Euro RTV AGD');
  const control = page.getByLabel('Take a photo of the label');
  await expect(control).toHaveAttribute('capture', 'environment');
  await control.setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: blankPng() });
  await expect(page.locator('#register-label-error')).toContainText('No barcode or QR code could be read');
  await expect(page.getByLabel('Where you bought it')).toHaveValue('Euro RTV AGD');
  await expect(page.getByLabel('Serial number')).toHaveValue('');

  // The label's photo: the model (from its GTIN) and the serial are shown to check first.
  await control.setInputFiles(photo);
  const found = page.getByRole('group', { name: 'Found on the label' });
  await expect(found).toContainText('Bosch Serie 4 WAN28281 8 kg');
  await expect(found).toContainText(serial);
  await expect(page.getByLabel('Serial number')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Use these' })).toBeFocused();
  await shot(page, `register-label-found-${info.project.name}`);
  await page.getByRole('button', { name: 'Use these' }).click();
  await expect(page.getByLabel('Serial number')).toHaveValue(serial);
  await expect(page.getByLabel('Purchase date')).toBeFocused();
  await expect(page.getByText('Serie 4 WAN28281').first()).toBeVisible();

  await page.getByLabel('Purchase date').fill(isoDaysFromToday(-30));
  await page.getByLabel('Country of purchase').selectOption('PL');
  await page.getByRole('button', { name: 'Register product' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('WAN28281');
  await expect(page.getByText(serial)).toBeVisible();

  // No longer has it: removing it asks first, and frees the serial to be registered again
  // (which also lets this spec run again against the same database).
  await page.getByRole('button', { name: 'Remove this product' }).click();
  await expect(page.getByText(/Are you sure you want to remove/)).toBeVisible();
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My products' })).toBeVisible();
  await expect(page.getByText(/has been removed/)).toBeVisible();
  await expect(page.getByText(serial)).toHaveCount(0);
});

/** A 64 × 48 white PNG: a photo with nothing to read. */
function blankPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAAAAACEICPDAAAAJUlEQVR4nO3MQREAAAwCIPuX1hD77SAA6VEEAoFAIBAIBALB12AxBfSmkXckOQAAAABJRU5ErkJggg==',
    'base64',
  );
}
