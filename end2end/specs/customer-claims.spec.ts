// Claims from the customer's side: report a problem from a product (a draft that
// survives a reload, photos uploaded at once, only the remedies the cover allows), follow
// the claim as the service team moves it (the page updates by itself), answer a request
// for information, accept a quote and answer the survey — on a phone and on a desktop.
import { test, expect, Page, APIRequestContext, request as playwrightRequest } from '@playwright/test';
import { isoDaysFromToday, noSidewaysScroll, shot, uniqueSerial } from '../support';

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

async function ok(response: Awaited<ReturnType<APIRequestContext['get']>>) {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

/** A new customer signed in in `page`, with the Bosch washer bought `daysAgo` in Poland. */
async function customerWithWasher(page: Page, who: string, daysAgo: number): Promise<number> {
  const api = page.request;
  await ok(await api.post('/api/v1/auth/signup', {
    data: { name: 'Ewa Claimant', email: `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`, password: 'kettle-orbit-lantern', language: 'en' },
  }));
  const models = await ok(await api.get('/api/v1/catalog/models?q=WAN28281'));
  const product = await ok(await api.post('/api/v1/products', {
    data: {
      model_id: models.models[0].id,
      serial: uniqueSerial(),
      purchase_date: isoDaysFromToday(-daysAgo),
      retailer: 'RTV Euro AGD',
      country: 'PL',
      nickname: 'Kitchen washer',
    },
  }));
  return product.id;
}

/** The demo agent, signed in on its own connection. */
async function agent(baseURL: string | undefined): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  await ok(await api.post('/api/v1/auth/signin', { data: { email: 'agent@example.com', password: 'aftercare-demo' } }));
  return api;
}

/** A small PNG drawn by the browser. */
async function photo(page: Page): Promise<Buffer> {
  const url = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2b7cc4';
    g.fillRect(0, 0, 160, 120);
    g.fillStyle = '#ffdd00';
    g.fillRect(40, 30, 80, 60);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

test('a customer reports a problem, keeps the draft, files it and follows it live', async ({ page, baseURL }, info) => {
  const productId = await customerWithWasher(page, 'claimant', 100);

  await page.goto('/claims');
  await expect(heading(page, 'My claims')).toBeVisible();
  await expect(page.getByText('No claims — we hope it stays that way')).toBeVisible();
  await shot(page, `claims-empty-${info.project.name}`);

  await page.goto(`/products/${productId}`);
  await page.getByRole('link', { name: 'Report a problem' }).click();

  // Step 1: nothing chosen is refused the GOV.UK way.
  await expect(heading(page, 'What happened?')).toBeVisible();
  await expect(page.getByText('Step 1 of 4')).toBeVisible();
  await page.getByRole('button', { name: 'Continue to the claim' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toContainText('Choose what happened');
  await expect(summary).toContainText('Say in a few words what is wrong');
  await shot(page, `claim-problem-error-${info.project.name}`);
  await page.getByLabel('It stopped working or does not work properly').check();
  await page.getByLabel('In a few words, what is wrong?').fill('It does not drain the water');
  await noSidewaysScroll(page);
  await shot(page, `claim-problem-${info.project.name}`);
  await page.getByRole('button', { name: 'Continue to the claim' }).click();

  // Step 2: the description starts from those words; a photo uploads at once.
  await expect(heading(page, 'Tell us about the problem')).toBeVisible();
  await expect(page.getByText('Step 2 of 4')).toBeVisible();
  const description = page.getByLabel('Describe the problem');
  await expect(description).toHaveValue('It does not drain the water');
  await description.fill('It does not drain the water at the end of the cycle, and shows error E18.');
  await page.getByLabel('When did it start?').fill(isoDaysFromToday(-3));
  const photos = page.getByLabel('Photos (optional)');
  await photos.setInputFiles({ name: 'drain.png', mimeType: 'image/png', buffer: await photo(page) });
  await expect(page.getByRole('button', { name: /Remove drain\.(png|jpg)/ })).toBeVisible();
  // A file that is not a photo: the server's reason, beside the field.
  await photos.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await expect(page.locator('#claim-photos-error')).toContainText('notes.txt');
  await shot(page, `claim-photo-refused-${info.project.name}`);

  // Closing the tab keeps the draft: a reload comes back to this step, answers and photo.
  await page.reload();
  await expect(heading(page, 'Tell us about the problem')).toBeVisible();
  await expect(page.getByText('We kept what you wrote')).toBeVisible();
  await expect(page.getByLabel('Describe the problem')).toHaveValue(/error E18/);
  await expect(page.getByRole('button', { name: /Remove drain\.(png|jpg)/ })).toBeVisible();
  await page.getByLabel('By phone').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Enter the phone number to call');
  await page.getByLabel('Phone number').fill('+48 601 234 567');
  await noSidewaysScroll(page);
  await shot(page, `claim-details-${info.project.name}`);
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 3: only what the cover allows today, each with its reason.
  await expect(heading(page, 'What would you like us to do?')).toBeVisible();
  await expect(page.getByLabel('Free repair')).toBeVisible();
  await expect(page.getByText(/Free repair under the legal guarantee, until/)).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `claim-remedy-${info.project.name}`);
  await page.getByLabel('Free repair').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 4: check, then send.
  await expect(heading(page, 'Check your answers before sending')).toBeVisible();
  await expect(page.getByText('By phone: +48 601 234 567')).toBeVisible();
  await expect(page.getByText('1 photo')).toBeVisible();
  await shot(page, `claim-check-${info.project.name}`);
  await page.getByRole('button', { name: 'Send claim' }).click();

  await expect(heading(page, /^Claim CL-\d{6}$/)).toBeVisible();
  await expect(page.getByText(/Your claim CL-\d{6} has been sent/)).toBeVisible();
  const claimId = Number(page.url().split('/').pop());
  const stepper = page.locator('ol.stepper');
  await expect(stepper.locator('[aria-current="step"]')).toContainText('Sent');
  await expect(page.getByRole('heading', { name: 'What happens next' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Photo 1 of 1/ })).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `claim-filed-${info.project.name}`);

  // The draft is gone: reporting again starts afresh.
  await page.goto(`/products/${productId}/claim`);
  await expect(page.getByText('We kept what you wrote')).toHaveCount(0);
  await expect(page.getByLabel('In a few words, what is wrong?')).toHaveValue('');

  // The service team moves it: the open page updates by itself.
  await page.goto(`/claims/${claimId}`);
  await expect(heading(page, /^Claim CL-/)).toBeVisible();
  const team = await agent(baseURL);
  await ok(await team.post(`/api/v1/agent/claims/${claimId}/transition`, { data: { to: 'in_review', note: '' } }));
  await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toBeVisible({ timeout: 15_000 });
  await expect(stepper.locator('[aria-current="step"]')).toContainText('Review');

  // A request for information: "Your turn", the message stands out, the customer replies.
  await ok(await team.post(`/api/v1/agent/claims/${claimId}/messages`, {
    data: { body: 'Please send a photo of the rating plate inside the door.', attachment_ids: [], request_for_info: true },
  }));
  await expect(page.getByRole('heading', { name: 'Your turn' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Information requested')).toBeVisible();
  await shot(page, `claim-your-turn-${info.project.name}`);
  await page.getByLabel('Your message').fill('Here it is — the plate says WAN28281PL.');
  await page.getByLabel('Attach files (optional)').setInputFiles({ name: 'plate.png', mimeType: 'image/png', buffer: await photo(page) });
  await expect(page.getByRole('button', { name: /Remove plate\./ })).toBeVisible();
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.locator('.thread')).toContainText('the plate says WAN28281PL');
  await expect(page.getByLabel('Your message')).toHaveValue('');
  await expect(page.getByRole('heading', { name: 'Your turn' })).toHaveCount(0, { timeout: 15_000 });
  await shot(page, `claim-thread-${info.project.name}`);

  // My claims: the card says where it stands.
  await page.getByRole('link', { name: 'Back to my claims' }).click();
  await expect(heading(page, 'My claims')).toBeVisible();
  await expect(page.locator('.claim-card').first()).toContainText('In review');
  await noSidewaysScroll(page);
  await shot(page, `claims-${info.project.name}`);
  await team.dispose();
});

test('a paid repair: the quote is accepted, the repair done, the survey answered', async ({ page, baseURL }, info) => {
  // Bought five years ago: the warranty is over, only a paid repair is open.
  const productId = await customerWithWasher(page, 'quoted', 5 * 365);
  const claim = await ok(await page.request.post('/api/v1/claims', {
    headers: { 'Idempotency-Key': `quote-${Date.now()}-${info.project.name}` },
    data: {
      product_id: productId,
      cause: 'performance_defect',
      description: 'The drum does not turn any more.',
      started_on: isoDaysFromToday(-2),
      remedy: 'paid_repair',
      contact: 'email',
      phone: '',
      photo_ids: [],
    },
  }));
  const id = claim.summary.id;
  const team = await agent(baseURL);
  await ok(await team.post(`/api/v1/agent/claims/${id}/transition`, { data: { to: 'in_review', note: '' } }));
  await ok(await team.post(`/api/v1/agent/claims/${id}/quote`, {
    data: {
      lines: [
        { description: 'Drive belt', quantity: 1, unit_price_minor: 8999 },
        { description: 'Labour (hour)', quantity: 2, unit_price_minor: 12000 },
      ],
      tax_rate_bp: 2300,
      currency: 'PLN',
      note: 'The belt is worn out.',
    },
  }));

  await page.goto(`/claims/${id}`);
  await expect(heading(page, /^Claim CL-/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your turn' })).toBeVisible();
  const quote = page.locator('.quote');
  await expect(quote.getByRole('table')).toContainText('Drive belt');
  await expect(quote.locator('.quote__total')).toContainText(/405[.,]89/);
  await noSidewaysScroll(page);
  await shot(page, `claim-quote-${info.project.name}`);
  await page.getByRole('button', { name: 'Accept quote' }).click();
  await expect(page.getByRole('heading', { name: /Accept this quote of .*405[.,]89/ })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, accept' }).click();
  await expect(page.getByText('You accepted the quote. The repair will go ahead.')).toBeVisible();
  await expect(page.locator('.quote')).toContainText('Accepted on');

  for (const to of ['in_repair', 'ready_for_pickup']) {
    await ok(await team.post(`/api/v1/agent/claims/${id}/transition`, { data: { to, note: '' } }));
  }
  await ok(await team.post(`/api/v1/agent/claims/${id}/transition`, { data: { to: 'resolved', note: 'New belt fitted.', resolution: 'repaired' } }));

  await expect(page.getByRole('heading', { name: 'How did we do?' })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('ol.stepper li').last()).toContainText('Done');
  await shot(page, `claim-resolved-${info.project.name}`);
  await page.getByRole('button', { name: /^4\s*Happy$/ }).click();
  await expect(page.getByText('Thank you — your answer is saved.')).toBeVisible();
  // The comment is optional; the server takes one answer per claim (score and comment
  // together), so this run sends none.
  await expect(page.getByLabel('Anything you would like to tell us? (optional)')).toBeVisible();
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page.getByText('Thank you for your feedback.')).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `claim-survey-${info.project.name}`);
  await team.dispose();
});
