// The warranty engine on the product page: a customer sees their cover over time and what
// they can ask for today, under the policy of the country they bought in; uploads a proof
// of purchase; adds a plan — on a phone and on a desktop.
import { test, expect, Page } from '@playwright/test';
import { isoDaysFromToday, lastCoveredDay, noSidewaysScroll, shot, uniqueSerial } from '../support';
import { mkdirSync } from 'node:fs';


/** The timeline section on its own, to look at closely. */
async function shotTimeline(page: Page, name: string) {
  mkdirSync('screenshots', { recursive: true });
  await page.locator('section.timeline').screenshot({ path: `screenshots/${name}.png` });
}

async function signUp(page: Page, who: string) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Linh Test');
  await page.getByLabel('Email address').fill(`${who}-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('kettle-orbit-lantern');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My products' })).toBeVisible();
}

/** Registers the Bosch washer bought `daysAgo` days ago in `country`, landing on its page. */
async function registerWasher(page: Page, daysAgo: number, country: string) {
  const bought = isoDaysFromToday(-daysAgo);
  await page.getByRole('link', { name: 'Register a product' }).first().click();
  await page.getByLabel('Product model').fill('WAN28281');
  await page.getByRole('list', { name: 'Matching models' }).getByRole('button', { name: /Serie 4 WAN28281/ }).click();
  await page.getByLabel('Serial number').fill(uniqueSerial());
  await page.getByLabel('Purchase date').fill(bought);
  await page.getByLabel('Where you bought it').fill('Dien May Xanh');
  await page.getByLabel('Country of purchase').selectOption(country);
  // The live preview already runs the full engine for that country.
  await expect(page.getByText('What you could ask for today')).toBeVisible();
  await page.getByRole('button', { name: 'Register product' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('WAN28281');
  await expect(page.getByRole('heading', { level: 2, name: 'Your cover over time' })).toBeVisible();
  return bought;
}

function remedies(page: Page) {
  return page.getByRole('list', { name: 'What you can ask for today' });
}

test('bought 3 days ago in Vietnam: refund, exchange or free repair, then a proof of purchase', async ({ page }, info) => {
  await signUp(page, 'linh');
  await registerWasher(page, 3, 'VN');

  const list = remedies(page);
  for (const kind of ['Refund', 'Exchange', 'Free repair']) {
    await expect(list.getByRole('heading', { level: 3, name: kind, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('img', { name: /^Covered from .+ until .+; today is .+\.$/ })).toBeVisible();
  await expect(page.getByText('Today', { exact: true })).toBeVisible();
  await expect(page.getByText("These are the seller's stated terms, not legal advice.")).toBeVisible();
  await expect(page.getByText('Rules applied: Return, exchange and repair guarantee')).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `coverage-vn-${info.project.name}`);
  await shotTimeline(page, `timeline-vn-${info.project.name}`);

  // A wrong kind of file is refused in the browser, with the GOV.UK error summary.
  const file = page.getByLabel('Proof of purchase (PDF, JPEG or PNG, up to 10 MB)');
  await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await page.getByRole('button', { name: 'Upload proof of purchase' }).click();
  await expect(page.getByRole('alert')).toContainText('Upload a PDF, JPEG or PNG file');
  await shot(page, `proof-error-${info.project.name}`);

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await file.setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Upload proof of purchase' }).click();
  await expect(page.getByText('Your proof of purchase has been added.')).toBeVisible();
  await expect(page.getByText('receipt.pdf', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download your proof of purchase' })).toBeVisible();
  await expect(list.getByRole('heading', { level: 3, name: 'Refund', exact: true })).toBeVisible();
  await shot(page, `coverage-vn-proof-${info.project.name}`);
});

test('bought 400 days ago in Poland: free repair under the legal guarantee, then a plan', async ({ page }, info) => {
  await signUp(page, 'ewa');
  const bought = await registerWasher(page, 400, 'PL');
  const end = lastCoveredDay(bought, 24);

  const list = remedies(page);
  await expect(list.getByRole('heading', { level: 3, name: 'Free repair', exact: true })).toBeVisible();
  await expect(list.getByRole('heading', { level: 3, name: 'Refund', exact: true })).toHaveCount(0);
  await expect(list.getByRole('heading', { level: 3, name: 'Exchange', exact: true })).toHaveCount(0);
  const coveredUntil = page.locator('dt', { hasText: /^\s*Covered until\s*$/ }).locator('xpath=following-sibling::dd[1]');
  await expect(coveredUntil).toHaveAttribute('data-iso', end);
  await expect(page.getByText('Rules applied: Legal guarantee')).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `coverage-pl-${info.project.name}`);

  // A plan bought today extends the timeline.
  await page.getByLabel('Plan', { exact: true }).selectOption({ label: '12-month extended warranty' });
  await page.getByLabel('Date you bought the plan').fill(isoDaysFromToday(0));
  await page.getByRole('button', { name: 'Add plan' }).click();
  await expect(page.getByText('Your plan has been added.')).toBeVisible();
  await expect(page.locator('svg g[data-kind="plan"]')).toHaveCount(1);
  await expect(coveredUntil).toHaveAttribute('data-iso', lastCoveredDay(bought, 36));
  await noSidewaysScroll(page);
  await shot(page, `coverage-pl-plan-${info.project.name}`);
  await shotTimeline(page, `timeline-pl-plan-${info.project.name}`);
});
