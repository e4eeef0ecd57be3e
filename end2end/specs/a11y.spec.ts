// Accessibility: axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) finds nothing on any page
// or state — signed out, each list empty and full, each form refused, the coverage,
// claim, help and agents' pages, and a handful of them in the dark theme — on a phone and
// on a desktop. Then what axe cannot see: errors tied to their fields and focused, focus
// on the heading after navigation, a visible focus ring, no sideways scroll at 200 % zoom
// and no motion for those who ask for less.
import { test, expect, Page, Locator, APIRequestContext, request as playwrightRequest } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { isoDaysFromToday, uniqueSerial } from '../support';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PASSWORD = 'kettle-orbit-lantern';

function heading(page: Page, name?: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

async function ok(response: Awaited<ReturnType<APIRequestContext['get']>>) {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBeTruthy();
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** The page as it settles: no skeleton left, no transition half-way. */
async function settled(page: Page) {
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));
}

/** How far the page is wider than the window, in CSS pixels (0 or less: no sideways scroll). */
function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Opens `path` the way a link in the app does, without loading the app again (the router
 *  follows the history): ten times faster than `goto`. The first page, and the first
 *  after signing in or out through the API, is loaded with `goto`. */
async function open(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page).toHaveURL((url) => url.pathname + url.search === path);
}

/** axe finds no violation on the page as it is now; `state` names it in the failure. */
async function noViolations(page: Page, state: string) {
  await settled(page);
  // options() replaces every option, so it comes before withTags().
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(TAGS).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes
    .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n\s*/g, ' ')}`)
    .join('\n')}`);
  // Soft: one run reports every page's violations, not only the first page's.
  expect.soft(found, `axe on ${state}`).toEqual([]);
}

/** A new customer signed in in `page` (cookies shared with the page). */
async function newCustomer(page: Page, who: string) {
  return ok(await page.request.post('/api/v1/auth/signup', {
    data: { name: 'Ada Access', email: `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`, password: PASSWORD, language: 'en' },
  }));
}

/** The Bosch washer, registered through the API for the customer signed in in `page`. */
async function washer(page: Page, daysAgo = 100): Promise<number> {
  const { models } = await ok(await page.request.get('/api/v1/catalog/models?q=WAN28281'));
  const product = await ok(await page.request.post('/api/v1/products', {
    data: { model_id: models[0].id, serial: uniqueSerial(), purchase_date: isoDaysFromToday(-daysAgo), retailer: 'RTV Euro AGD', country: 'PL', nickname: 'Kitchen washer' },
  }));
  return product.id;
}

/** The demo agent, signed in on its own connection. */
async function agentApi(baseURL: string | undefined): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  await ok(await api.post('/api/v1/auth/signin', { data: { email: 'agent@example.com', password: 'aftercare-demo' } }));
  return api;
}

async function signIn(page: Page, email: string) {
  await ok(await page.request.post('/api/v1/auth/signin', { data: { email, password: 'aftercare-demo' } }));
}

test.describe('axe finds nothing', () => {
  test('signed out: home, sign in and sign up, empty and refused; help and an article', async ({ page }) => {
    await page.goto('/');
    await expect(heading(page)).toBeVisible();
    await noViolations(page, 'home');

    await open(page, '/signin');
    await expect(heading(page, 'Sign in')).toBeVisible();
    await noViolations(page, 'sign in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'sign in refused');

    await open(page, '/signup');
    await expect(heading(page, 'Create an account')).toBeVisible();
    await noViolations(page, 'sign up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'sign up refused');

    await open(page, '/help');
    await expect(heading(page, 'Help')).toBeVisible();
    await noViolations(page, 'help');
    await open(page, '/help/washer-does-not-drain');
    await expect(heading(page, 'Washer does not drain')).toBeVisible();
    await noViolations(page, 'help article');
  });

  test('a new customer: every list empty, registering and the account refused', async ({ page }) => {
    await newCustomer(page, 'a11y-empty');
    await page.goto('/products');
    for (const [path, title] of [
      ['/products', 'My products'],
      ['/appointments', 'My appointments'],
      ['/claims', 'My claims'],
      ['/notifications', 'Notifications'],
    ]) {
      await open(page, path);
      await expect(heading(page, title)).toBeVisible();
      await noViolations(page, `${path} empty`);
    }

    await open(page, '/products/new');
    await expect(heading(page, 'Register a product')).toBeVisible();
    await page.getByRole('button', { name: 'Register product' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'register a product refused');
    await page.getByLabel('Product model').fill('WAN28281');
    await expect(page.getByRole('list', { name: 'Matching models' }).getByRole('button')).toHaveCount(1);
    await noViolations(page, 'register a product, a model found');

    await open(page, '/account');
    await expect(heading(page, 'Your account')).toBeVisible();
    await page.getByLabel('Your name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'account refused');
  });

  test('a customer with everything: lists full, coverage, booking and claim steps refused', async ({ page, baseURL }) => {
    await newCustomer(page, 'a11y-full');
    const productId = await washer(page);
    await washer(page, 5 * 365);
    // A booking, and a claim the team asks about (which makes notifications).
    const { centres } = await ok(await page.request.get('/api/v1/centres'));
    const centre = centres.find((c: { name: string }) => c.name === 'Aftercare Warszawa Mokotów');
    const { slots } = await ok(await page.request.get(
      `/api/v1/centres/${centre.id}/slots?service=drop_off_repair&from=${isoDaysFromToday(2)}&to=${isoDaysFromToday(9)}`));
    const booking = await ok(await page.request.post('/api/v1/appointments', {
      headers: { 'Idempotency-Key': `a11y-booking-${Date.now()}-${Math.random()}` },
      data: { product_id: productId, centre_id: centre.id, service: 'drop_off_repair', start: slots.find((s: { free: number }) => s.free > 0).start },
    }));
    const claim = await ok(await page.request.post('/api/v1/claims', {
      headers: { 'Idempotency-Key': `a11y-claim-${Date.now()}-${Math.random()}` },
      data: { product_id: productId, cause: 'performance_defect', description: 'It does not drain.', started_on: isoDaysFromToday(-2), remedy: 'free_repair', contact: 'email', phone: '', photo_ids: [] },
    }));
    const team = await agentApi(baseURL);
    await ok(await team.post(`/api/v1/agent/claims/${claim.summary.id}/transition`, { data: { to: 'in_review', note: '' } }));
    await ok(await team.post(`/api/v1/agent/claims/${claim.summary.id}/messages`, {
      data: { body: 'Please send a photo of the rating plate.', attachment_ids: [], request_for_info: true },
    }));
    await team.dispose();

    await page.goto('/products');
    for (const [path, title] of [
      ['/products', 'My products'],
      [`/products/${productId}`, 'Kitchen washer'],
      ['/appointments', 'My appointments'],
      [`/appointments/${booking.id}`, 'Drop-off repair'],
      ['/claims', 'My claims'],
      [`/claims/${claim.summary.id}`, /^Claim CL-/],
      ['/notifications', 'Notifications'],
    ] as const) {
      await open(page, path);
      await expect(heading(page, title)).toBeVisible();
      await noViolations(page, path);
    }

    // Booking, each step refused where it can be.
    await open(page, '/appointments/new');
    await expect(page.getByText('Step 1 of 5')).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'booking step 1 refused');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Step 2 of 5')).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'booking step 2 refused');
    await page.getByRole('radio', { name: 'Drop-off repair' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Step 3 of 5')).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'booking step 3 refused');
    await page.getByRole('radio', { name: 'Aftercare Warszawa Mokotów' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Step 4 of 5')).toBeVisible();
    await page.getByRole('button', { name: /^\w+ \d+ \w+, \d+ free places?$/, disabled: false }).nth(1).click();
    await expect(page.getByRole('list', { name: /^Free times on / })).toBeVisible();
    await noViolations(page, 'booking step 4, a day chosen');
    await page.getByRole('list', { name: /^Free times on / }).getByRole('button').first().click();
    await expect(page.getByText('Step 5 of 5')).toBeVisible();
    await noViolations(page, 'booking step 5');

    // Reporting a problem, each step refused.
    await open(page, `/products/${productId}/claim`);
    await expect(heading(page, 'What happened?')).toBeVisible();
    await page.getByRole('button', { name: 'Continue to the claim' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'claim step 1 refused');
    await page.getByLabel('It stopped working or does not work properly').check();
    await page.getByLabel('In a few words, what is wrong?').fill('It does not spin');
    await page.getByRole('button', { name: 'Continue to the claim' }).click();
    await expect(heading(page, 'Tell us about the problem')).toBeVisible();
    await page.getByLabel('Describe the problem').fill('');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'claim step 2 refused');
    await page.getByLabel('Describe the problem').fill('It does not spin at all.');
    await page.getByLabel('When did it start?').fill(isoDaysFromToday(-2));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(heading(page, 'What would you like us to do?')).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'claim step 3 refused');
    await page.getByLabel('Free repair').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(heading(page, 'Check your answers before sending')).toBeVisible();
    await noViolations(page, 'claim step 4');
  });

  test('a demo customer (in Polish or Icelandic): products of every status, claims at other steps', async ({ page }, info) => {
    // Maja (Polish) on the phone, Jón (Icelandic) on the desktop: other words, other claims.
    const who = info.project.name === 'phone' ? 'maja@example.com' : 'jon@example.com';
    await signIn(page, who);
    await page.goto('/claims');
    await expect(heading(page)).toBeVisible();
    const claims = page.locator('main a[href^="/claims/"]');
    await expect(claims.first()).toBeVisible();
    await noViolations(page, `${who}'s claims`);
    const hrefs = [...new Set(await claims.evaluateAll((links) => links.map((a) => a.getAttribute('href')!)))];
    for (const href of hrefs) {
      await open(page, href);
      await expect(heading(page, /CL-\d{6}/)).toBeVisible();
      await noViolations(page, `${who}'s claim ${href}`);
    }
    await open(page, '/products');
    await expect(page.locator('main a[href^="/products/"]').first()).toBeVisible();
    await noViolations(page, `${who}'s products`);
  });

  test("the agents' queue, a claim, the calendar and satisfaction", async ({ page }) => {
    await signIn(page, 'agent@example.com');
    await page.goto('/agent/claims');
    await expect(heading(page, 'Claims')).toBeVisible();
    await noViolations(page, 'agent queue');
    await page.getByRole('link', { name: /CL-\d{6}/ }).first().click();
    await expect(heading(page, /^Claim CL-/)).toBeVisible();
    await noViolations(page, 'agent claim');
    await open(page, '/agent/calendar');
    await expect(heading(page, 'Calendar')).toBeVisible();
    await page.getByLabel('Centre').selectOption({ label: 'Aftercare Warszawa Mokotów' });
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.getByRole('button', { name: 'Block time' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'agent calendar, a week, blocking refused');
    await open(page, '/agent/satisfaction');
    await expect(heading(page, 'Satisfaction')).toBeVisible();
    await noViolations(page, 'agent satisfaction');
  });
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('axe finds nothing on a handful of pages', async ({ page }, info) => {
    test.skip(info.project.name !== 'phone', 'the dark theme is checked once, phone-sized');
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
    await noViolations(page, 'dark sign in refused');
    await open(page, '/help/washer-does-not-drain');
    await expect(heading(page, 'Washer does not drain')).toBeVisible();
    await noViolations(page, 'dark help article');
    await signIn(page, 'maja@example.com');
    await page.goto('/products');
    await expect(page.locator('main a[href^="/products/"]').first()).toBeVisible();
    await noViolations(page, 'dark products');
    const product = await page.locator('main a[href^="/products/"]:not([href="/products/new"])').first().getAttribute('href');
    await open(page, product!);
    await expect(page.locator('section.timeline')).toBeVisible();
    await noViolations(page, 'dark product');
    await open(page, '/claims');
    const claim = page.locator('main a[href^="/claims/"]').first();
    await open(page, (await claim.getAttribute('href'))!);
    await expect(heading(page, /CL-\d{6}/)).toBeVisible();
    await noViolations(page, 'dark claim');
  });
});

test.describe('what axe cannot see', () => {
  /** The field is marked invalid and described by its error message, which says `message`
   *  (after a visually hidden "Error:"). */
  async function tiedToItsError(field: Locator, message: RegExp) {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(`Error: ${message.source}`, message.flags));
    const ids = (await field.getAttribute('aria-describedby'))!.split(' ');
    const errorId = ids.find((id) => id.endsWith('-error'));
    expect(errorId, 'aria-describedby names the error message').toBeTruthy();
    await expect(field.page().locator(`[id="${errorId}"]`)).toContainText(message);
  }

  test('a refused form focuses its error summary, each link focuses its field, each field names its error', async ({ page }, info) => {
    test.skip(info.project.name !== 'desktop', 'the same markup at any width: checked once');
    await page.goto('/signup');
    await expect(heading(page, 'Create an account')).toBeVisible();
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByRole('button', { name: 'Create account' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    await tiedToItsError(page.getByLabel('Your name'), /Enter your name/);
    await tiedToItsError(page.getByLabel('Email address'), /Enter an email address in the correct format/);
    await tiedToItsError(page.getByLabel('Password'), /Enter a password/);
    // What was typed stays; the summary's link moves focus to the field.
    await expect(page.getByLabel('Email address')).toHaveValue('not-an-email');
    await summary.getByRole('link', { name: /Enter an email address in the correct format/ }).click();
    await expect(page.getByLabel('Email address')).toBeFocused();
    // By keyboard too: Enter on a link of the summary.
    await summary.getByRole('link', { name: 'Enter your name' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Your name')).toBeFocused();

    // A group of radios (a booking step) is described by its error too.
    await newCustomer(page, 'a11y-errors');
    await washer(page);
    await page.goto('/appointments/new');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Step 2 of 5')).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
    await expect(page.getByRole('group', { name: 'What do you need?' }))
      .toHaveAccessibleDescription('Error: Choose what the appointment is for');
    await page.getByRole('link', { name: 'Choose what the appointment is for' }).click();
    await expect(page.getByRole('radio').first()).toBeFocused();

    // The product model search (not a plain text field), a date and a select.
    await open(page, '/products/new');
    await page.getByRole('button', { name: 'Register product' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
    await tiedToItsError(page.getByLabel('Product model'), /Choose your product's model from the catalogue/);
    await tiedToItsError(page.getByLabel('Purchase date'), /Enter the date on your invoice/);
    await tiedToItsError(page.getByLabel('Country of purchase'), /Choose the country you bought it in/);
  });

  test('after a navigation focus is on the new page’s heading', async ({ page }) => {
    await newCustomer(page, 'a11y-focus');
    await page.goto('/products');
    await expect(heading(page, 'My products')).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' }).filter({ visible: true });
    for (const [link, title] of [['Appointments', 'My appointments'], ['Claims', 'My claims'], ['Help', 'Help'], ['Account', 'Your account'], ['Products', 'My products']]) {
      await nav.getByRole('link', { name: link }).click();
      await expect(heading(page, title)).toBeFocused();
    }
    await page.getByRole('main').getByRole('link', { name: 'Register a product' }).click();
    await expect(heading(page, 'Register a product')).toBeFocused();
  });

  test('every control reached with Tab shows a focus ring', async ({ page }) => {
    await newCustomer(page, 'a11y-ring');
    const productId = await washer(page);
    const seen = new Set<string>();
    // From the top of the first page (header, navigation, main), then from each page's
    // heading, where focus lands after a navigation.
    await page.goto('/products');
    for (const path of ['/products', `/products/${productId}`, '/products/new', '/help']) {
      await open(page, path);
      await expect(heading(page)).toBeVisible();
      await settled(page);
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
          const shadow = style.boxShadow !== 'none';
          const face = el.closest('.language-switcher')?.querySelector('.language-switcher__face');
          const faceRing = face ? getComputedStyle(face).outlineStyle !== 'none' || getComputedStyle(face).boxShadow !== 'none' : false;
          return { what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`, visible: outline || shadow || faceRing };
        });
        if (!ring) break;
        seen.add(ring.what);
        expect.soft(ring.visible, `focus ring on ${ring.what} (${path})`).toBe(true);
      }
    }
    expect(seen.size).toBeGreaterThan(15);
  });

  test('at 200 % zoom (640 px for a 1280 px window) nothing scrolls sideways', async ({ browser, baseURL }, info) => {
    test.skip(info.project.name !== 'desktop', '200 % of the desktop window; the phone project is 360 px already');
    // 200 % zoom halves the CSS pixels of the window: 1280 × 800 becomes 640 × 400.
    const context = await browser.newContext({ baseURL, viewport: { width: 640, height: 400 }, locale: 'en-GB', timezoneId: 'Europe/Warsaw' });
    const page = await context.newPage();
    await page.goto('/');
    for (const path of ['/', '/signin', '/signup', '/help', '/help/washer-does-not-drain']) {
      await open(page, path);
      await expect(heading(page)).toBeVisible();
      await settled(page);
      expect.soft(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await signIn(page, 'maja@example.com');
    await page.goto('/claims');
    const claim = await page.locator('main a[href^="/claims/"]').first().getAttribute('href');
    await open(page, '/products');
    const product = await page.locator('main a[href^="/products/"]:not([href="/products/new"])').first().getAttribute('href');
    for (const path of ['/products', product!, '/products/new', '/appointments', '/appointments/new', '/claims', claim!, '/notifications', '/account']) {
      await open(page, path);
      await expect(heading(page)).toBeVisible();
      await settled(page);
      expect.soft(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await signIn(page, 'agent@example.com');
    await page.goto('/agent/claims');
    for (const path of ['/agent/claims', '/agent/calendar', '/agent/satisfaction']) {
      await open(page, path);
      await expect(heading(page)).toBeVisible();
      await settled(page);
      expect.soft(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });

  test('asking for less motion stops every animation', async ({ browser, baseURL }, info) => {
    test.skip(info.project.name !== 'phone', 'a setting of the system, checked once');
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const context = await browser.newContext({ baseURL, reducedMotion, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await newCustomer(page, 'a11y-motion');
      // The list answers slowly, so its skeleton shows.
      let release = () => {};
      const held = new Promise<void>((resolve) => { release = resolve; });
      await page.route('**/api/v1/products', async (route) => { await held; await route.continue(); });
      await page.goto('/products');
      const block = page.locator('.skeleton__block').first();
      await expect(block).toBeVisible();
      // Read again if the block was replaced as it was read (a detached element has no
      // computed style: every value comes back empty).
      let motion = { name: '', duration: '', transition: '', running: 0 };
      await expect
        .poll(async () => {
          motion = await block.evaluate((el) => {
            const s = getComputedStyle(el);
            return { name: s.animationName, duration: s.animationDuration, transition: s.transitionDuration, running: document.getAnimations().length };
          });
          return motion.name;
        })
        .not.toBe('');
      if (reducedMotion === 'reduce') {
        expect(motion.name === 'none' || motion.duration === '0s', `skeleton animation ${JSON.stringify(motion)}`).toBe(true);
        expect(motion.transition).toBe('0s');
        expect(motion.running, 'animations running on the page').toBe(0);
      } else {
        // The check above means something: without the setting the skeleton pulses.
        expect(motion.name).not.toBe('none');
        expect(motion.running).toBeGreaterThan(0);
      }
      release();
      await expect(heading(page, 'My products')).toBeVisible();
      await context.close();
    }
  });
});
