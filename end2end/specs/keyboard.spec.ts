// Keyboard only: a new customer signs up, registers the Bosch washer (finding the model,
// typing the serial, the date and the retailer, choosing the country) and opens its
// coverage with Tab, Shift+Tab, Enter, Space, the arrow keys and typing — never a click
// or a fill — on a phone and on a desktop.
import { test, expect, Page, Locator } from '@playwright/test';
import { isoDaysFromToday, uniqueSerial } from '../support';

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

/** The order Chromium's date input takes day, month and year in: that of the browser's
 *  own interface language, which need not be the page's locale. Found by typing into a
 *  date input on a blank page of the same browser. */
async function dateInputOrder(page: Page): Promise<('day' | 'month' | 'year')[]> {
  const probe = await page.context().newPage();
  await probe.setContent('<input type="date" aria-label="probe">');
  await probe.getByLabel('probe').focus();
  // 01, 02 and 2003 go into the first, second and third field, whatever they are.
  await probe.keyboard.type('01');
  await probe.keyboard.type('02');
  await probe.keyboard.type('2003');
  const value = await probe.getByLabel('probe').inputValue();
  await probe.close();
  if (value === '2003-01-02') return ['month', 'day', 'year'];
  if (value === '2003-02-01') return ['day', 'month', 'year'];
  // Year first (2001-02-03 style): no guess would fill it from "01".
  return ['year', 'month', 'day'];
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

test('a new customer signs up, registers a washer and opens its coverage with the keyboard alone', async ({ page }, info) => {
  const serial = uniqueSerial();
  const bought = isoDaysFromToday(-100);
  const [year, month, day] = bought.split('-');
  const order = await dateInputOrder(page);

  await page.goto('/');
  await expect(heading(page, 'Your products, their warranty and repairs in one place')).toBeVisible();
  // The first Tab reaches "Skip to main content".
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await tabTo(page, page.getByRole('link', { name: 'Create account' }));
  await page.keyboard.press('Enter');

  // Sign up: type, Tab, type; the language select is left as it is; Enter sends.
  await expect(heading(page, 'Create an account')).toBeFocused();
  await tabTo(page, page.getByLabel('Your name'));
  await page.keyboard.type('Kai Keys');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email address')).toBeFocused();
  await page.keyboard.type(`kai-${info.project.name}-${Date.now()}@example.com`);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('kettle-orbit-lantern');
  await page.keyboard.press('Enter');

  await expect(heading(page, 'My products')).toBeFocused();
  await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Register a product' }));
  await page.keyboard.press('Enter');

  // The model: type to search, Tab into the results, Enter on one; focus moves on to the
  // serial number.
  await expect(heading(page, 'Register a product')).toBeFocused();
  await tabTo(page, page.getByLabel('Product model'));
  await page.keyboard.type('WAN28281');
  const matching = page.getByRole('list', { name: 'Matching models' });
  const model = matching.getByRole('button', { name: /Serie 4 WAN28281/ });
  // The washer is in the catalogue's first page too: wait for the search's own answer.
  await expect(matching.getByRole('button')).toHaveCount(1);
  await expect(model).toBeVisible();
  await tabTo(page, model);
  await page.keyboard.press('Enter');
  const serialField = page.getByLabel('Serial number');
  await expect(serialField).toBeFocused();
  await page.keyboard.type(serial);

  // The date input takes day, month and year typed one after the other, in its own order.
  await page.keyboard.press('Tab');
  const date = page.getByLabel('Purchase date');
  await expect(date).toBeFocused();
  for (const part of order) {
    await page.keyboard.type(part === 'day' ? day : part === 'month' ? month : year);
  }
  await expect(date).toHaveValue(bought);

  await tabTo(page, page.getByLabel('Where you bought it'));
  await page.keyboard.type('MediaMarkt');
  // The country: a native select, chosen by typing its first letters.
  await page.keyboard.press('Tab');
  const country = page.getByLabel('Country of purchase');
  await expect(country).toBeFocused();
  await page.keyboard.type('Pol');
  await expect(country).toHaveValue('PL');
  // The arrow keys move through the list.
  await page.keyboard.press('ArrowDown');
  await expect(country).not.toHaveValue('PL');
  await page.keyboard.press('ArrowUp');
  await expect(country).toHaveValue('PL');
  // The live preview appears as the answers come in.
  await expect(page.getByText('What you could ask for today')).toBeVisible();

  // Space on the submit button registers it.
  await tabTo(page, page.getByRole('button', { name: 'Register product' }));
  await page.keyboard.press('Space');
  await expect(heading(page, /WAN28281/)).toBeFocused();
  await expect(page.getByText(serial)).toBeVisible();

  // Back to the list (Shift+Tab to the back link), then the product again, by keyboard.
  await tabTo(page, page.getByRole('link', { name: 'Back to my products' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(heading(page, 'My products')).toBeFocused();
  await tabTo(page, page.getByRole('main').getByRole('link', { name: /WAN28281/ }).first());
  await page.keyboard.press('Enter');
  await expect(heading(page, /WAN28281/)).toBeFocused();
  const cover = page.getByRole('heading', { level: 2, name: 'Your cover over time' });
  await expect(cover).toBeVisible();
  // Tab goes on through the coverage to the proof of purchase upload below it.
  await tabTo(page, page.getByLabel('Proof of purchase (PDF, JPEG or PNG, up to 10 MB)'));
});
