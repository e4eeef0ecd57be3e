// A claim from filing to survey with both sides in their own browser: the customer reads
// the suggested help article, files a claim with a photo and keeps the claim page open;
// an agent, signed in elsewhere, takes it into review and repair, records the repair (the
// cover moves by the days at the centre) and resolves it. The customer's open page shows
// every step without a reload, then asks for the one-tap survey.
import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { isoDaysFromToday, noSidewaysScroll, shot, uniqueSerial } from '../support';

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

async function ok(response: Awaited<ReturnType<APIRequestContext['get']>>) {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

/** A small PNG drawn by the browser. */
async function photo(page: Page): Promise<Buffer> {
  const url = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 200;
    canvas.height = 150;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#3a6ea5';
    g.fillRect(0, 0, 200, 150);
    g.fillStyle = '#f4f4f4';
    g.beginPath();
    g.arc(100, 75, 50, 0, Math.PI * 2);
    g.fill();
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

test('a claim goes from filing to survey, both sides seeing every step', async ({ page, browser, baseURL }, info) => {
  test.slow();
  const project = info.project.name;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // The customer: a new account with a washer bought 100 days ago in Poland.
  await ok(await page.request.post('/api/v1/auth/signup', {
    data: { name: 'Olga Journey', email: `journey-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`, password: 'kettle-orbit-lantern', language: 'en' },
  }));
  const { models } = await ok(await page.request.get('/api/v1/catalog/models?q=WAN28281'));
  const product = await ok(await page.request.post('/api/v1/products', {
    data: { model_id: models[0].id, serial: uniqueSerial(), purchase_date: isoDaysFromToday(-100), retailer: 'RTV Euro AGD', country: 'PL' },
  }));

  // Self-help first: the symptom brings up the article; the customer reads it.
  await page.goto(`/products/${product.id}`);
  await page.getByRole('link', { name: 'Report a problem' }).click();
  await expect(heading(page, 'What happened?')).toBeVisible();
  await page.getByLabel('It stopped working or does not work properly').check();
  await page.getByLabel('In a few words, what is wrong?').fill('water stays in the drum');
  const article = page.getByRole('link', { name: 'Washer does not drain' });
  await expect(article).toBeVisible();
  await shot(page, `journey-suggested-${project}`);
  await article.click();
  await expect(heading(page, 'Washer does not drain')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Clean the drain pump filter' })).toBeVisible();
  await page.getByRole('button', { name: 'No' }).click();
  await expect(page.getByText('Thank you for telling us.')).toBeVisible();

  // Back to the claim: what was typed is still there.
  await page.goBack();
  await expect(heading(page, 'What happened?')).toBeVisible();
  await expect(page.getByLabel('In a few words, what is wrong?')).toHaveValue('water stays in the drum');
  await page.getByRole('button', { name: 'Continue to the claim' }).click();

  await expect(heading(page, 'Tell us about the problem')).toBeVisible();
  await page.getByLabel('Describe the problem').fill('Water stays in the drum after every programme; the pump hums but nothing drains.');
  await page.getByLabel('When did it start?').fill(isoDaysFromToday(-4));
  await page.getByLabel('Photos (optional)').setInputFiles({ name: 'drum.png', mimeType: 'image/png', buffer: await photo(page) });
  await expect(page.getByRole('button', { name: /Remove drum\.(png|jpg)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'What would you like us to do?')).toBeVisible();
  await page.getByLabel('Free repair').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(heading(page, 'Check your answers before sending')).toBeVisible();
  await page.getByRole('button', { name: 'Send claim' }).click();

  await expect(heading(page, /^Claim CL-\d{6}$/)).toBeVisible();
  const claimId = Number(page.url().split('/').pop());
  const stepper = page.locator('ol.stepper');
  await expect(stepper.locator('[aria-current="step"]')).toContainText('Sent');
  await expect(page.getByRole('link', { name: /Photo 1 of 1/ })).toBeVisible();
  await shot(page, `journey-filed-${project}`);

  // The agent, in a browser of their own, same window size.
  const agentContext = await browser.newContext({ baseURL, viewport: page.viewportSize() ?? undefined });
  const desk = await agentContext.newPage();
  desk.on('pageerror', (e) => errors.push(`agent: ${e.message}`));
  await desk.goto('/signin');
  await desk.getByLabel('Email address').fill('agent@example.com');
  await desk.getByLabel('Password').fill('aftercare-demo');
  await desk.getByRole('button', { name: 'Sign in' }).click();
  await expect(heading(desk, 'Calendar')).toBeVisible();
  await desk.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Claims' }).click();
  await expect(heading(desk, 'Claims')).toBeVisible();
  await desk.goto(`/agent/claims/${claimId}`);
  await expect(heading(desk, /^Claim CL-\d{6}$/)).toBeVisible();
  await expect(desk.getByText('Water stays in the drum after every programme')).toBeVisible();

  const move = async (to: string, toggle = `Move to ${to}`) => {
    await desk.getByRole('button', { name: toggle, exact: true }).click();
    await desk.getByRole('button', { name: `Confirm move to ${to}` }).click();
    await expect(desk.getByText(`The claim is now: ${to}.`)).toBeVisible();
  };
  await move('In review');
  // The customer's page follows without a reload.
  await expect(stepper.locator('[aria-current="step"]')).toContainText('Review', { timeout: 15_000 });
  await move('In repair');
  await expect(stepper.locator('[aria-current="step"]')).toContainText('Repair', { timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `journey-in-repair-${project}`);

  // Six days at the centre: the cover moves by six days.
  await desk.getByRole('button', { name: 'Record a repair' }).click();
  await desk.getByLabel('Defect code').fill('E18');
  await desk.getByLabel('Parts used (optional)').fill('Drain pump');
  await desk.getByLabel('Handed over on').fill(isoDaysFromToday(-7));
  await desk.getByLabel('Returned on (optional)').fill(isoDaysFromToday(-1));
  await desk.getByLabel('Fixed — the defect is gone').check();
  await desk.getByRole('button', { name: 'Record the repair' }).click();
  await expect(desk.getByText(/Cover now ends on .+, 6 days later\./)).toBeVisible();
  await noSidewaysScroll(desk);
  await shot(desk, `journey-agent-repair-${project}`);

  await desk.getByRole('button', { name: 'Resolve' }).click();
  await desk.getByLabel('Repaired').check();
  await desk.getByRole('button', { name: 'Confirm move to Resolved' }).click();
  await expect(desk.getByText('The claim is now: Resolved.')).toBeVisible();

  // The customer sees it finished, and answers the survey: one tap, then words.
  await expect(page.getByRole('heading', { name: 'How did we do?' })).toBeVisible({ timeout: 15_000 });
  await expect(stepper.locator('li').last()).toContainText('Finished');
  await shot(page, `journey-resolved-${project}`);
  await page.getByRole('button', { name: /Very happy/ }).click();
  await expect(page.getByText('Thank you — your answer is saved.')).toBeVisible();
  await page.getByLabel('Anything you would like to tell us? (optional)').fill('Fixed within a week, thank you.');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page.getByText('Thank you for your feedback.')).toBeVisible();

  // The back office counts it.
  const report = await ok(await agentContext.request.get('/api/v1/agent/satisfaction'));
  expect(report.centres.some((c: { responses: number }) => c.responses > 0)).toBeTruthy();
  await desk.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Satisfaction' }).click();
  await expect(heading(desk, 'Satisfaction')).toBeVisible();
  await shot(desk, `journey-satisfaction-${project}`);
  await agentContext.close();
  expect(errors).toEqual([]);
});
