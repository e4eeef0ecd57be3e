// The agents' calendar: the demo agent signs in and lands on the calendar, picks the
// Warsaw centre, looks at a week, marks a customer's booking Arrived and blocks an hour;
// a customer never sees the Calendar link.
import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { isoDaysFromToday, noSidewaysScroll, shot, uniqueSerial } from '../support';

const CENTRE = 'Aftercare Warszawa Mokotów';

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

async function signInAsAgent(page: Page) {
  await page.goto('/signin');
  await page.getByLabel('Email address').fill('agent@example.com');
  await page.getByLabel('Password').fill('aftercare-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(heading(page, 'Calendar')).toBeVisible();
  await expect(page).toHaveURL(/\/agent\/calendar$/);
}

async function ok(response: Awaited<ReturnType<APIRequestContext['get']>>) {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

/** A new customer (through the API) with a registered washer and a booking this week. */
async function customerWithBooking(api: APIRequestContext, name: string) {
  await ok(await api.post('/api/v1/auth/signup', {
    data: { name, email: `agenttest-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`, password: 'kettle-orbit-lantern', language: 'en' },
  }));
  const { models } = await ok(await api.get('/api/v1/catalog/models?q=WAN28281'));
  const product = await ok(await api.post('/api/v1/products', {
    headers: { 'Idempotency-Key': `agent-product-${Date.now()}` },
    data: { model_id: models[0].id, serial: uniqueSerial(), purchase_date: isoDaysFromToday(-100), retailer: 'MediaMarkt', country: 'PL' },
  }));
  const { centres } = await ok(await api.get('/api/v1/centres'));
  const centre = centres.find((c: { name: string }) => c.name === CENTRE);
  const list = await ok(await api.get(
    `/api/v1/centres/${centre.id}/slots?service=drop_off_repair&from=${isoDaysFromToday(1)}&to=${isoDaysFromToday(5)}`));
  const slot = list.slots.find((s: { free: number }) => s.free > 0);
  expect(slot, 'a free slot in the next days').toBeTruthy();
  return ok(await api.post('/api/v1/appointments', {
    headers: { 'Idempotency-Key': `agent-booking-${Date.now()}` },
    data: { product_id: product.id, centre_id: centre.id, service: 'drop_off_repair', start: slot.start },
  }));
}

test('an agent sees the week of a centre and marks a booking arrived', async ({ page, playwright, baseURL }, info) => {
  const project = info.project.name;
  const customer = `Kim Calendar ${project} ${Date.now()}`;
  const api = await playwright.request.newContext({ baseURL });
  const booking = await customerWithBooking(api, customer);
  await api.dispose();

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInAsAgent(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Calendar' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Products' })).toHaveCount(0);

  await page.getByLabel('Centre').selectOption({ label: CENTRE });
  await expect(page.getByText('Times are in Europe/Warsaw time')).toBeVisible();
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Week', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Next week' })).toBeVisible();

  const row = page.getByRole('listitem').filter({ hasText: customer });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Drop-off repair');
  await expect(row).toContainText('Booked');
  const [hh, mm] = booking.local_start.slice(11, 16).split(':');
  await expect(row).toContainText(`${hh}:${mm}`);
  await shot(page, `agent-calendar-${project}`);
  await noSidewaysScroll(page);

  await row.getByRole('button', { name: 'Arrived' }).click();
  await expect(row.locator('.tag')).toHaveText('Arrived');
  await expect(row.getByRole('button', { name: 'Arrived' })).toBeDisabled();

  // Previous and Today move the week; an empty day says so.
  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await page.getByRole('button', { name: 'Previous day' }).click();
  await page.getByRole('button', { name: 'Previous day' }).click();
  await page.getByRole('button', { name: 'Previous day' }).click();
  await expect(page.getByText('No bookings on this day')).toBeVisible();
  await page.getByRole('button', { name: 'Today' }).click();
  expect(errors).toEqual([]);
});

test('an agent blocks an hour three days ahead', async ({ page }, info) => {
  await signInAsAgent(page);
  await page.getByLabel('Centre').selectOption({ label: CENTRE });
  const day = isoDaysFromToday(3);

  // Backwards is refused beside the field, before anything is sent.
  await page.getByLabel('Start date').fill(day);
  await page.getByLabel('Start time').fill('10:00');
  await page.getByLabel('End date').fill(day);
  await page.getByLabel('End time').fill('09:00');
  await page.getByRole('button', { name: 'Block time' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
  await expect(page.locator('#block-end_date-error')).toContainText('The end must be after the start');

  await page.getByLabel('End time').fill('11:00');
  await page.getByLabel('Reason').fill(`Staff training (${info.project.name})`);
  await page.getByRole('button', { name: 'Block time' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The time is blocked' })).toBeVisible();
  await shot(page, `agent-block-${info.project.name}`);
});

test('a customer sees notifications but never the Calendar link', async ({ page }) => {
  await ok(await page.request.post('/api/v1/auth/signup', {
    data: { name: 'Nina Customer', email: `nina-${Date.now()}@example.com`, password: 'kettle-orbit-lantern', language: 'en' },
  }));
  await page.goto('/products');
  await expect(heading(page, 'My products')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Calendar' })).toHaveCount(0);
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await expect(heading(page, 'Notifications')).toBeVisible();
  await expect(page.getByText('No notifications')).toBeVisible();

  await page.goto('/agent/calendar');
  await expect(page.getByText('This page is for service agents.')).toBeVisible();
});
