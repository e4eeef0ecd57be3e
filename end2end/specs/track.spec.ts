// Following a claim from a link, without signing in: a customer files a claim, takes a
// new link from the claim page, and someone with only that link — a fresh browser with
// no session — sees the claim's progress and history, read-only. The customer stops the
// links on the claim page and the same address then says only that it doesn't work.
import { test, expect, request as playwrightRequest } from '@playwright/test';
import { isoDaysFromToday, shot, uniqueSerial } from '../support';

const PASSWORD = 'kettle-orbit-lantern';

test('a claim opened from its link in a fresh browser, then the link stopped', async ({ page, browser, baseURL }, info) => {
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const email = `track-${tag}@example.com`;
  const api = await playwrightRequest.newContext({ baseURL });
  const ok = async (response: Awaited<ReturnType<typeof api.get>>) => {
    expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBeTruthy();
    return response.json();
  };
  await ok(await api.post('/api/v1/auth/signup', { data: { name: `Tracy ${tag}`, email, password: PASSWORD, language: 'en' } }));
  const { models } = await ok(await api.get('/api/v1/catalog/models?q=WAN28281'));
  const product = await ok(await api.post('/api/v1/products', {
    data: { model_id: models[0].id, serial: uniqueSerial(), purchase_date: isoDaysFromToday(-100), retailer: 'RTV Euro AGD', country: 'PL', nickname: 'Kitchen washer' },
  }));
  const claim = await ok(await api.post('/api/v1/claims', {
    headers: { 'Idempotency-Key': `track-${tag}` },
    data: {
      product_id: product.id, cause: 'performance_defect', description: 'Stops mid-cycle with E18 on the display',
      started_on: isoDaysFromToday(-2), remedy: 'free_repair', contact: 'email', phone: '', photo_ids: [],
    },
  }));
  const reference: string = claim.summary.reference;

  // The customer, signed in, makes a new link on the claim page.
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/signin/);
  await page.goto(`/claims/${claim.summary.id}`);
  const section = page.getByRole('region', { name: 'Follow without signing in' });
  await expect(section).toContainText('until');
  await section.getByRole('button', { name: 'Make a new link' }).click();
  const field = section.getByLabel('Your new link');
  await expect(field).toHaveValue(/\/track\/[A-Za-z0-9_-]{43}$/);
  const link = await field.inputValue();

  // Someone with only the link: a fresh browser context, no cookies.
  const stranger = await browser.newContext({ ...info.project.use, baseURL });
  const strangerPage = await stranger.newPage();
  const answer = await strangerPage.goto(link);
  expect(answer?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText(`Claim ${reference}`);
  await expect(strangerPage.locator('.track__product')).toBeVisible();
  await expect(strangerPage.locator('.track__product')).not.toContainText('Kitchen washer');
  await expect(strangerPage.locator('.stepper li').first()).toBeVisible();
  await expect(strangerPage.locator('.claim-timeline__event')).toHaveCount(1);
  await expect(strangerPage.getByText('Stops mid-cycle')).toHaveCount(0);
  await expect(strangerPage.getByRole('link', { name: 'Sign in to your account' })).toBeVisible();
  await shot(strangerPage, `track-${info.project.name}`);

  // The customer stops the links; the same address now only says it doesn't work.
  await section.getByRole('button', { name: 'Stop the links' }).click();
  await expect(section).toContainText('no longer work');
  await strangerPage.reload();
  await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText('This link doesn’t work');
  await expect(strangerPage.getByText(reference)).toHaveCount(0);
  await stranger.close();
  await api.dispose();
});
