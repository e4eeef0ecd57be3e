// The app runs under its Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval';
// only 'wasm-unsafe-eval' and the hashes of the inline loader) without a single
// violation: every page, signed out, as a customer and as an agent, on a phone and on a
// desktop. The listener is proven live first: an injected inline script is blocked and
// reported.
import { test, expect, Page, BrowserContext } from '@playwright/test';

type Violation = { directive: string; blocked: string; sample: string; page: string };

declare global {
  interface Window {
    __cspViolations?: Violation[];
    __injectedRan?: boolean;
  }
}

/** Records every `securitypolicyviolation` (and the console's CSP complaints) from the start of each page. */
async function listen(context: BrowserContext, consoleComplaints: string[]) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        page: location.pathname,
      });
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleComplaints.push(message.text());
  });
}

/** Opens `path`, waits until the app has rendered its heading and settled, and returns what was reported. */
async function visit(page: Page, path: string): Promise<Violation[]> {
  const response = await page.goto(path);
  expect(response?.headers()['content-security-policy'], `CSP header on ${path}`).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('.skeleton')).toHaveCount(0);
  // The app polls and streams, so the network is never idle: wait for the page's first
  // idle moment instead, when what it loads on arrival has been asked for.
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(null), { timeout: 2000 })));
  return page.evaluate(() => window.__cspViolations ?? []);
}

/** The first `id` in a list answer (its first item's). */
function firstId(value: unknown): number | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const id = firstId(item);
      if (id !== undefined) return id;
    }
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'number') return record.id;
    for (const inner of Object.values(record)) {
      const id = firstId(inner);
      if (id !== undefined) return id;
    }
  }
  return undefined;
}

async function signIn(page: Page, email: string) {
  const answer = await page.request.post('/api/v1/auth/signin', { data: { email, password: 'aftercare-demo' } });
  expect(answer.ok(), await answer.text()).toBeTruthy();
}

async function idFrom(page: Page, apiPath: string): Promise<number> {
  const answer = await page.request.get(`/api/v1${apiPath}`);
  expect(answer.ok(), `${apiPath} → ${answer.status()}`).toBeTruthy();
  const id = firstId(await answer.json());
  expect(id, `an id in ${apiPath}`).toBeDefined();
  return id!;
}

test('an injected inline script is blocked and reported, so the listener is live', async ({ page, context }) => {
  const complaints: string[] = [];
  await listen(context, complaints);
  await visit(page, '/signin');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injectedRan = true;';
    document.body.append(script);
  });
  await expect.poll(() => page.evaluate(() => window.__cspViolations?.length ?? 0)).toBeGreaterThan(0);
  const [violation] = await page.evaluate(() => window.__cspViolations ?? []);
  expect(violation.directive).toMatch(/^script-src/);
  expect(await page.evaluate(() => window.__injectedRan)).toBeUndefined();
});

test('no page reports a CSP violation: signed out, customer and agent', async ({ page, context }) => {
  test.setTimeout(180_000);
  const complaints: string[] = [];
  await listen(context, complaints);
  const found: Violation[] = [];
  const pages: string[] = [];
  const check = async (path: string) => {
    pages.push(path);
    found.push(...(await visit(page, path)));
  };

  for (const path of ['/', '/signin', '/signup', '/forgot-password', '/help']) await check(path);
  const articles = await page.request.get('/api/v1/articles');
  expect(articles.ok()).toBeTruthy();
  const slug = JSON.stringify(await articles.json()).match(/"slug":"([^"]+)"/)?.[1];
  expect(slug, 'a help article').toBeDefined();
  await check(`/help/${slug}`);

  await signIn(page, 'maja@example.com');
  const product = await idFrom(page, '/products');
  for (const path of [
    '/products',
    '/products/new',
    `/products/${product}`,
    `/products/${product}/claim`,
    '/appointments',
    '/appointments/new',
    '/claims',
    '/notifications',
    '/account',
  ]) {
    await check(path);
  }
  const claims = await page.request.get('/api/v1/claims');
  const claim = firstId(await claims.json());
  if (claim !== undefined) await check(`/claims/${claim}`);
  const appointments = await page.request.get('/api/v1/appointments');
  const appointment = firstId(await appointments.json());
  if (appointment !== undefined) await check(`/appointments/${appointment}`);

  await page.request.post('/api/v1/auth/signout');
  await signIn(page, 'agent@example.com');
  for (const path of ['/agent/calendar', '/agent/claims', '/agent/satisfaction']) await check(path);
  const queue = await page.request.get('/api/v1/agent/claims');
  const queued = firstId(await queue.json());
  if (queued !== undefined) await check(`/agent/claims/${queued}`);

  expect(pages.length).toBeGreaterThanOrEqual(17);
  expect(found, `violations on ${pages.length} pages`).toEqual([]);
  expect(complaints).toEqual([]);
});
