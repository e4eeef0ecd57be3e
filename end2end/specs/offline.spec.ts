// The installable app off the network, on a phone-sized window: Chromium finds nothing
// stopping an install; after one visit the shell and My products open offline with their
// "as of" label; a claim filed offline waits on the device through a reload and is sent
// exactly once when the connection returns; a booking whose time went meanwhile comes
// back with the reason and every answer; a new build shows "new version — reload".
import { test, expect, chromium, Page, BrowserContext, APIRequestContext, request as playwrightRequest } from '@playwright/test';
import { spawn, ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daysBetween, isoDaysFromToday, noSidewaysScroll, shot, todayIn, uniqueSerial } from '../support';

test.beforeEach(({}, info) => {
  test.skip(info.project.name !== 'phone', 'the offline journeys run once, phone-sized');
});

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

async function ok(response: Awaited<ReturnType<APIRequestContext['get']>>) {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBeTruthy();
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A new customer signed in in `page` (cookies shared with the page), with the Bosch washer. */
async function customerWithWasher(page: Page, who: string): Promise<{ productId: number; accountId: number }> {
  const api = page.request;
  const me = await ok(await api.post('/api/v1/auth/signup', {
    data: { name: 'Olek Offline', email: `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`, password: 'kettle-orbit-lantern', language: 'en' },
  }));
  const models = await ok(await api.get('/api/v1/catalog/models?q=WAN28281'));
  const product = await ok(await api.post('/api/v1/products', {
    data: { model_id: models.models[0].id, serial: uniqueSerial(), purchase_date: isoDaysFromToday(-100), retailer: 'RTV Euro AGD', country: 'PL', nickname: 'Basement washer' },
  }));
  return { productId: product.id, accountId: me.id };
}

/** Opens the app, waits until the service worker controls the page, and loads it again
 *  through the worker (what a second visit does), so its data is saved on the device. */
async function openControlled(page: Page, path: string) {
  await page.goto(path);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.reload();
  await expect(page.locator('h1')).toBeVisible();
}

/** The outbox of `account` as stored on the device. */
async function outbox(page: Page, account: number): Promise<any[]> {
  return JSON.parse(await page.evaluate((a) => (window as any).AftercareOutbox.listJson(a), account));
}

/** Buttons, button-like links, fields and the bottom bar's links are at least 44 px tall
 *  on a phone. */
async function everyTargetIsBigEnough(page: Page) {
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll('button, a.button, .bottom-nav a, select, input:not([type=radio]):not([type=checkbox]):not([type=file])'))
      .filter((e) => (e as HTMLElement).offsetParent !== null && !e.classList.contains('visually-hidden'))
      .map((e) => ({ what: e.outerHTML.slice(0, 80), height: e.getBoundingClientRect().height }))
      .filter((t) => t.height < 44),
  );
  expect(small).toEqual([]);
}

async function setOffline(context: BrowserContext, offline: boolean) {
  await context.setOffline(offline);
}

test('Chromium reports nothing stopping an install, and the manifest says what an install needs', async ({ baseURL }) => {
  // An install needs a profile on disk: Playwright's own contexts are incognito.
  const profile = mkdtempSync(join(tmpdir(), 'aftercare-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 360, height: 740 },
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await openControlled(page, '/');
    const client = await context.newCDPSession(page);
    const { installabilityErrors } = await client.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i: any) => `${i.sizes}${i.purpose ? ' ' + i.purpose : ''}`)).toEqual(
      expect.arrayContaining(['192x192', '512x512', '512x512 maskable']),
    );
    expect(manifest.screenshots.map((s: any) => s.form_factor)).toEqual(expect.arrayContaining(['narrow', 'wide']));
    for (const s of manifest.screenshots) expect((await page.request.get(s.src)).ok()).toBeTruthy();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('after one visit the shell and My products open offline, labelled with when they were saved', async ({ page, context }) => {
  const { productId } = await customerWithWasher(page, 'reader');
  await openControlled(page, '/products');
  await expect(heading(page, 'My products')).toBeVisible();
  await expect(page.getByText('Basement washer')).toBeVisible();
  await everyTargetIsBigEnough(page);
  await page.goto(`/products/${productId}`);
  await expect(heading(page, 'Basement washer')).toBeVisible();
  const daysLeft = await page.locator('[data-days-left]').first().innerText();

  await setOffline(context, true);
  await page.goto('/products');
  await expect(heading(page, 'My products')).toBeVisible();
  await expect(page.getByText('Basement washer')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /You're offline\. Showing what was saved on .* at \d\d:\d\d\./ })).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, 'offline-products-phone');
  // The product page too, its days left computed in the app for the market's today
  // (Poland's calendar, as the server counts them).
  await page.goto(`/products/${productId}`);
  await expect(heading(page, 'Basement washer')).toBeVisible();
  const end = await page
    .locator('dt', { hasText: /^\s*Covered until\s*$/ })
    .locator('xpath=following-sibling::dd[1]')
    .getAttribute('data-iso');
  await expect(page.locator('[data-days-left]').first()).toHaveText(daysLeft);
  expect(Number(daysLeft)).toBe(daysBetween(todayIn('Europe/Warsaw'), end!));
  await setOffline(context, false);
});

test('a claim filed offline waits through a reload and is sent exactly once when back online', async ({ page, context }) => {
  const { productId, accountId } = await customerWithWasher(page, 'outbox');
  // My claims once online, so it opens offline later.
  await openControlled(page, '/claims');
  await page.goto(`/products/${productId}/claim`);
  await expect(heading(page, 'What happened?')).toBeVisible();
  await page.getByLabel('It stopped working or does not work properly').check();
  await page.getByLabel('In a few words, what is wrong?').fill('It does not spin');
  await page.getByRole('button', { name: 'Continue to the claim' }).click();
  await expect(heading(page, 'Tell us about the problem')).toBeVisible();
  await page.getByLabel('When did it start?').fill(isoDaysFromToday(-2));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Free repair').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Check your answers before sending')).toBeVisible();

  await setOffline(context, true);
  await page.getByRole('button', { name: 'Send claim' }).click();
  await expect(heading(page, 'My claims')).toBeVisible();
  await expect(page.getByText('your claim is saved on this device')).toBeVisible();
  const panel = page.getByRole('region', { name: '1 submission not sent yet' });
  await expect(panel).toContainText('Claim for Basement washer');
  await expect(panel).toContainText('Waiting to send');
  await noSidewaysScroll(page);
  await shot(page, 'offline-outbox-phone');

  // Still offline, a reload: the claim is still waiting on the device.
  await page.reload();
  await expect(heading(page, 'My claims')).toBeVisible();
  await expect(panel).toContainText('Claim for Basement washer');
  expect(await outbox(page, accountId)).toHaveLength(1);
  expect((await ok(await page.request.get('/api/v1/claims'))).claims).toHaveLength(0);

  // Back online: sent once, the outbox empties, My claims shows it.
  await setOffline(context, false);
  await expect(panel).toHaveCount(0, { timeout: 20_000 });
  expect(await outbox(page, accountId)).toHaveLength(0);
  await expect(page.getByRole('link', { name: /^Claim CL-\d{6}$/ })).toBeVisible();
  // A second flush (the app starting again) sends nothing more.
  await page.reload();
  await page.evaluate(() => (window as any).AftercareOutbox.flush());
  expect((await ok(await page.request.get('/api/v1/claims'))).claims).toHaveLength(1);

  // A message written offline on the claim's page waits too, then joins the thread.
  await page.getByRole('link', { name: /^Claim CL-\d{6}$/ }).click();
  await expect(heading(page, /^Claim CL-\d{6}$/)).toBeVisible();
  await setOffline(context, true);
  await page.getByLabel('Your message').fill('The drum still does not turn.');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByText('your message is saved on this device')).toBeVisible();
  await expect(page.getByLabel('Your message')).toHaveValue('');
  await expect(page.getByRole('region', { name: '1 submission not sent yet' })).toContainText('Message on claim CL-');
  await setOffline(context, false);
  await expect(page.getByRole('region', { name: /not sent yet/ })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText('The drum still does not turn.')).toBeVisible({ timeout: 20_000 });
  expect(await outbox(page, accountId)).toHaveLength(0);
});

test('a booking refused on arrival (its time went meanwhile) comes back with the reason and every answer', async ({ page, context, baseURL }) => {
  const { accountId } = await customerWithWasher(page, 'booker');
  await openControlled(page, '/appointments');
  await page.goto('/appointments/new');
  await expect(page.getByText('Step 1 of 5')).toBeVisible();
  await page.getByRole('radio', { name: /Basement washer/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'Drop-off repair' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Step 3 of 5')).toBeVisible();
  await page.getByRole('radio', { name: 'Aftercare Warszawa Mokotów' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Step 4 of 5')).toBeVisible();
  await page.getByRole('button', { name: /^\w+ \d+ \w+, \d+ free places?$/, disabled: false }).nth(1).click();
  await page.getByRole('list', { name: /^Free times on / }).getByRole('button').first().click();
  await expect(page.getByText('Step 5 of 5')).toBeVisible();
  await page.getByLabel('Notes for the technician (optional)').fill('Squeaks at 1200 rpm.');

  await setOffline(context, true);
  await page.getByRole('button', { name: 'Book appointment' }).click();
  await expect(heading(page, 'My appointments')).toBeVisible();
  await expect(page.getByText('your booking request is saved on this device')).toBeVisible();
  const [entry] = await outbox(page, accountId);
  expect(entry.kind).toBe('booking');

  // Meanwhile the centre blocks that time.
  const agent: APIRequestContext = await playwrightRequest.newContext({ baseURL });
  await ok(await agent.post('/api/v1/auth/signin', { data: { email: 'agent@example.com', password: 'aftercare-demo' } }));
  const start = new Date(entry.body.start);
  await ok(await agent.post(`/api/v1/agent/centres/${entry.body.centre_id}/blocks`, {
    data: { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString(), reason: 'Technician ill' },
  }));

  await setOffline(context, false);
  const panel = page.getByRole('region', { name: '1 submission not sent yet' });
  await expect(panel).toContainText('Appointment for Basement washer');
  await expect(panel).toContainText('Not sent:', { timeout: 20_000 });
  await shot(page, 'offline-refused-phone');
  await panel.getByRole('button', { name: 'Open and fix' }).click();
  // Back on the times with the next free ones; the rest is as it was.
  await expect(page.getByText('Step 4 of 5')).toBeVisible();
  const taken = page.getByRole('alert').filter({ hasText: 'That time was just taken' });
  await expect(taken).toBeVisible();
  await noSidewaysScroll(page);
  await taken.getByRole('button').first().click();
  await expect(page.getByText('Step 5 of 5')).toBeVisible();
  await expect(page.getByText('Drop-off repair')).toBeVisible();
  await expect(page.getByLabel('Notes for the technician (optional)')).toHaveValue('Squeaks at 1200 rpm.');
  await page.getByRole('button', { name: 'Book appointment' }).click();
  await expect(heading(page, 'Appointment booked')).toBeVisible();
  expect(await outbox(page, accountId)).toHaveLength(0);
  await agent.dispose();
});

/** A port nobody listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The server binary on `dist`, with its own database, until stopped. */
async function startServer(port: number, dist: string, data: string): Promise<ChildProcess> {
  const child = spawn(process.env.AFTERCARE_SERVER!, [
    '--bind', `127.0.0.1:${port}`, '--dist', dist, '--demo',
    '--database-url', `sqlite://${join(data, 'db.sqlite')}?mode=rwc`,
    '--uploads', join(data, 'uploads'), '--outbox', join(data, 'mail'),
  ], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('server did not start');
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

test('a new build shows "new version — reload", and takes over only when the customer agrees', async ({ page }) => {
  test.skip(!process.env.AFTERCARE_SERVER || !process.env.AFTERCARE_DIST, 'needs the server binary and the build (cargo xtask test sets them)');
  const work = mkdtempSync(join(tmpdir(), 'aftercare-deploy-'));
  const dist = join(work, 'dist');
  cpSync(process.env.AFTERCARE_DIST!, dist, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(port, dist, work);
  try {
    await openControlled(page, `${base}/`);
    const firstVersion = await page.evaluate(async () => (await (await fetch('/sw.js')).text()).match(/VERSION = '(\w+)'/)![1]);

    // Deploy: a changed build, the server restarted on it.
    await stopServer(server);
    const index = join(dist, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', '<!-- build 2 --></body>'));
    server = await startServer(port, dist, work);

    // The running app finds the new version (as it does when it comes back into view).
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = page.getByRole('alert').filter({ hasText: 'A new version of Aftercare is ready.' });
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await shot(page, 'update-banner-phone');
    // Nothing changes until the customer agrees.
    expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toContain('/sw.js');
    await banner.getByRole('button', { name: 'Reload' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByRole('alert').filter({ hasText: 'A new version' })).toHaveCount(0);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const html = await page.evaluate(async () => (await fetch('/')).text());
    expect(html).toContain('build 2');
    const secondVersion = await page.evaluate(async () => (await (await fetch('/sw.js')).text()).match(/VERSION = '(\w+)'/)![1]);
    expect(secondVersion).not.toBe(firstVersion);
  } finally {
    await stopServer(server);
    rmSync(work, { recursive: true, force: true });
  }
});
