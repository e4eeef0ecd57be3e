// The app in each of its languages: a first visit from a browser set to Polish,
// Vietnamese, Icelandic, French or Spanish opens in that language; signed in, a product
// page shows that language's words (read from locales/xx.json, so rewording does not break
// this test) and dates the way that language writes them; the header's language menu
// switches the page and <html lang>. Every main page in Icelandic and Vietnamese is
// photographed at 360 px, does not scroll sideways and cuts no text short. Run once,
// phone-sized.
import { test, expect, Browser, Page, APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoDaysFromToday, noSidewaysScroll, shot, uniqueSerial } from '../support';

test.beforeEach(({}, info) => {
  test.skip(info.project.name !== 'phone', 'the languages run once, phone-sized');
});

type Words = Record<string, string>;

/** A language's catalogue, as the app has it. */
function words(language: string): Words {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', `${language}.json`), 'utf8'));
}

/** Each language, a browser locale that asks for it, and the demo customer who speaks it
 *  (French and Spanish have none: a new customer is signed up). */
const LANGUAGES = [
  { tag: 'pl', browser: 'pl-PL', demo: 'maja@example.com' },
  { tag: 'vi', browser: 'vi-VN', demo: 'lan@example.com' },
  { tag: 'is', browser: 'is-IS', demo: 'jon@example.com' },
  { tag: 'fr', browser: 'fr-FR', demo: null },
  { tag: 'es', browser: 'es-ES', demo: null },
] as const;

async function ok(response: Awaited<ReturnType<APIRequestContext['get']>>) {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBeTruthy();
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

function heading(page: Page, name?: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

/** Opens `path` the way a link in the app does, without loading the app again. */
async function open(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page).toHaveURL((url) => url.pathname + url.search === path);
}

/** Nothing on the page is cut short: no box that hides its overflow holds wider text, and
 *  every select shows the whole of its chosen option. */
async function nothingClipped(page: Page, what: string) {
  const clipped = await page.evaluate(() => {
    const found: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`;
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest('.visually-hidden, .skip-link, svg') || el.offsetParent === null) continue;
      const style = getComputedStyle(el);
      if (el instanceof HTMLSelectElement) {
        // The chosen option's text, in the select's font, against the room left of the arrow.
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = el.options[el.selectedIndex]?.text ?? '';
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        if (context.measureText(text).width > room && !el.closest('.language-switcher')) found.push(`${name(el)} "${text}"`);
        continue;
      }
      const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      if (hides && el.scrollWidth > el.clientWidth + 1) found.push(`${name(el)} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return found;
  });
  expect.soft(clipped, `cut short on ${what}`).toEqual([]);
}

/** A context whose browser speaks `locale`, phone-sized. */
async function browserIn(browser: Browser, baseURL: string | undefined, locale: string) {
  const context = await browser.newContext({
    baseURL, locale, timezoneId: 'Europe/Warsaw',
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  });
  return { context, page: await context.newPage() };
}

/** Signs in the demo customer, or signs up a new one speaking `tag` with the Bosch washer. */
async function customer(page: Page, tag: string, demo: string | null) {
  if (demo) {
    await ok(await page.request.post('/api/v1/auth/signin', { data: { email: demo, password: 'aftercare-demo' } }));
    return;
  }
  await ok(await page.request.post('/api/v1/auth/signup', {
    data: { name: 'Lea Langue', email: `lang-${tag}-${Date.now()}@example.com`, password: 'kettle-orbit-lantern', language: tag },
  }));
  const { models } = await ok(await page.request.get('/api/v1/catalog/models?q=WAN28281'));
  await ok(await page.request.post('/api/v1/products', {
    data: { model_id: models[0].id, serial: uniqueSerial(), purchase_date: isoDaysFromToday(-400), retailer: 'Fnac', country: 'FR' },
  }));
}

/** The customer's first product as the API has it. */
async function firstProduct(page: Page): Promise<{ id: number; purchase_date: string }> {
  const { products } = await ok(await page.request.get('/api/v1/products'));
  return products[0];
}

for (const { tag, browser: locale, demo } of LANGUAGES) {
  test(`in ${tag}: the first visit, the navigation, a product page and its dates`, async ({ browser, baseURL }) => {
    const t = words(tag);
    const { context, page } = await browserIn(browser, baseURL, locale);
    await page.goto('/');
    await expect(heading(page, t['home.title'])).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', tag);
    await expect(page.getByRole('link', { name: t['auth.sign_in'] }).first()).toBeVisible();

    await customer(page, tag, demo);
    const product = await firstProduct(page);
    await page.goto(`/products/${product.id}`);
    const nav = page.getByRole('navigation', { name: t['nav.label'] }).filter({ visible: true });
    for (const key of ['nav.products', 'nav.appointments', 'nav.claims', 'nav.help', 'nav.account']) {
      await expect(nav.getByRole('link', { name: t[key] })).toBeVisible();
    }
    await expect(page.getByRole('heading', { level: 2, name: t['product.coverage'], exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: t['product.back_to_list'] })).toBeVisible();
    const bought = page.locator('dt', { hasText: t['product.purchase_date'] }).locator('xpath=following-sibling::dd[1]');
    const expected = await page.evaluate(([lang, iso]) => new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(`${iso}T00:00:00Z`)), [tag, product.purchase_date] as const);
    await expect(bought).toHaveText(expected);
    await page.getByRole('link', { name: t['product.back_to_list'] }).click();
    await expect(heading(page, t['products.title'])).toBeVisible();
    await context.close();
  });
}

test('the header menu switches the language, and <html lang> follows', async ({ browser, baseURL }) => {
  const fr = words('fr');
  const is = words('is');
  const { context, page } = await browserIn(browser, baseURL, 'fr-FR');
  await customer(page, 'fr', null);
  await page.goto('/products');
  await expect(heading(page, fr['products.title'])).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByLabel(fr['auth.language']).selectOption('is');
  await expect(heading(page, is['products.title'])).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'is');
  await expect(page.getByLabel(is['auth.language'])).toHaveValue('is');
  // Saved to the account: it follows a reload.
  await expect.poll(async () => (await ok(await page.request.get('/api/v1/me'))).language).toBe('is');
  await page.reload();
  await expect(heading(page, is['products.title'])).toBeVisible();
  await context.close();
});

for (const { tag, locale, demo } of [
  { tag: 'is', locale: 'is-IS', demo: 'jon@example.com' },
  { tag: 'vi', locale: 'vi-VN', demo: 'lan@example.com' },
]) {
  test(`every main page in ${tag} at 360 px: photographed, nothing sideways`, async ({ browser, baseURL }) => {
    const { context, page } = await browserIn(browser, baseURL, locale);
    /** Opens `path`, waits for its heading and content, then checks and photographs it. */
    const look = async (path: string, name: string) => {
      await open(page, path);
      await expect(heading(page)).toBeVisible();
      await expect(page.locator('.skeleton')).toHaveCount(0);
      await noSidewaysScroll(page);
      await nothingClipped(page, `${tag} ${path}`);
      await shot(page, `${tag}-${name}-phone`);
    };
    await page.goto('/');
    await look('/', 'home');
    await look('/signin', 'signin');
    await page.getByRole('button', { name: words(tag)['auth.sign_in'] }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await noSidewaysScroll(page);
    await shot(page, `${tag}-signin-error-phone`);
    await look('/signup', 'signup');
    await look('/help', 'help');
    await look('/help/washer-does-not-drain', 'help-article');
    // The articles are in English only, and say so to screen readers.
    await expect(page.locator('html')).toHaveAttribute('lang', tag);
    await expect(heading(page)).toHaveAttribute('lang', 'en');

    await customer(page, tag, demo);
    const product = await firstProduct(page);
    const { claims } = await ok(await page.request.get('/api/v1/claims'));
    await page.goto('/products');
    await look('/products', 'products');
    await look(`/products/${product.id}`, 'product');
    await look('/products/new', 'register');
    await look(`/products/${product.id}/claim`, 'claim-new');
    await look('/appointments', 'appointments');
    await look('/appointments/new', 'book');
    await look('/claims', 'claims');
    await look(`/claims/${claims[0].id}`, 'claim');
    await look('/notifications', 'notifications');
    await look('/account', 'account');
    await context.close();
  });
}
