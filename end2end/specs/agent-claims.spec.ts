// The agents' back office for claims. Every test files its own claims first — a new
// customer, through the API, with a washer bought 100 days ago (covered: a free repair)
// or five years ago (not covered: a paid repair, so a quote) — and the demo agent works
// them in the browser: the queue and its filters kept in the address, a claim's page and
// its actions (moves, a request for information, a quote the customer accepts, a
// replacement that restarts cover), satisfaction, and a keyboard-only pass. The demo
// claims are only ever read, so the spec runs twice (phone and desktop), again, and
// beside the other specs on the same server.
import { test, expect, Page, APIRequestContext, request as playwrightRequest } from '@playwright/test';
import { isoDaysFromToday, noSidewaysScroll, shot, todayIn, uniqueSerial } from '../support';

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

async function ok(response: Awaited<ReturnType<APIRequestContext['get']>>) {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

type Filed = { id: number; reference: string };
type Customer = { api: APIRequestContext; name: string; claims: Filed[] };

/**
 * A new customer on a connection of their own, with one Bosch washer (bought in Poland)
 * per claim wanted, each with a claim filed: `daysAgo` 100 allows a free repair (covered),
 * 5 * 365 only a paid repair (not covered, so a quote).
 */
async function customerWithClaims(
  baseURL: string | undefined,
  who: string,
  wanted: { daysAgo: number; remedy: 'free_repair' | 'paid_repair'; description: string }[],
): Promise<Customer> {
  const api = await playwrightRequest.newContext({ baseURL });
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const name = `${who} ${tag}`;
  await ok(await api.post('/api/v1/auth/signup', {
    data: { name, email: `agent-claims-${tag}@example.com`, password: 'kettle-orbit-lantern', language: 'en' },
  }));
  const { models } = await ok(await api.get('/api/v1/catalog/models?q=WAN28281'));
  const claims: Filed[] = [];
  for (const [i, want] of wanted.entries()) {
    const product = await ok(await api.post('/api/v1/products', {
      data: {
        model_id: models[0].id,
        serial: uniqueSerial(),
        purchase_date: isoDaysFromToday(-want.daysAgo),
        retailer: 'RTV Euro AGD',
        country: 'PL',
        nickname: `Washer ${i + 1}`,
      },
    }));
    const claim = await ok(await api.post('/api/v1/claims', {
      headers: { 'Idempotency-Key': `agent-claims-${tag}-${i}` },
      data: {
        product_id: product.id,
        cause: 'performance_defect',
        description: want.description,
        started_on: isoDaysFromToday(-2),
        remedy: want.remedy,
        contact: 'email',
        phone: '',
        photo_ids: [],
      },
    }));
    claims.push({ id: claim.summary.id, reference: claim.summary.reference });
  }
  return { api, name, claims };
}

/** The demo agent, signed in in `page` through the sign-in form (lands on the calendar). */
async function signInAsAgent(page: Page) {
  await page.goto('/signin');
  await page.getByLabel('Email address').fill('agent@example.com');
  await page.getByLabel('Password').fill('aftercare-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(heading(page, 'Calendar')).toBeVisible();
}

/** The demo agent on its own connection, for setting a claim up quickly. */
async function agentApi(baseURL: string | undefined): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  await ok(await api.post('/api/v1/auth/signin', { data: { email: 'agent@example.com', password: 'aftercare-demo' } }));
  return api;
}

/** Page errors collected from here on. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The queue's entry for a claim: a table row on desktop, a card on a phone. */
function queueEntry(page: Page, project: string, text: string) {
  return project === 'phone'
    ? page.getByRole('list', { name: 'Claims, oldest first' }).getByRole('listitem').filter({ hasText: text })
    : page.getByRole('table').getByRole('row').filter({ hasText: text });
}

/** Opens a move's form with its toggle, then confirms it. */
async function move(page: Page, to: string, toggle = `Move to ${to}`) {
  await page.getByRole('button', { name: toggle, exact: true }).click();
  await page.getByRole('button', { name: `Confirm move to ${to}` }).click();
  await expect(page.getByText(`The claim is now: ${to}.`)).toBeVisible();
}

/** The status chip beside the claim's heading. */
function statusLine(page: Page) {
  return page.locator('.claim-status-line');
}

test('the queue: a new claim in it, filters kept in the address, the empty state, satisfaction', async ({ page, baseURL }, info) => {
  const project = info.project.name;
  const customer = await customerWithClaims(baseURL, `Queue Ines ${project}`, [
    { daysAgo: 100, remedy: 'free_repair', description: 'The door does not lock, so no programme starts.' },
  ]);
  const [claim] = customer.claims;
  const errors = collectErrors(page);
  await signInAsAgent(page);

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Claims', 'Calendar', 'Satisfaction', 'Account']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await nav.getByRole('link', { name: 'Claims', exact: true }).click();
  await expect(heading(page, 'Claims')).toBeVisible();
  await expect(page).toHaveURL(/\/agent\/claims$/);
  await expect(page.getByRole('status').filter({ hasText: /\d+ claims?/ })).toContainText('oldest first');
  // The new claim is in the queue, with who filed it, its status and its age.
  const entry = queueEntry(page, project, customer.name);
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(claim.reference);
  await expect(entry).toContainText('Submitted');
  await expect(entry).toContainText('0 days');
  await expect(entry).toContainText('Washing machine');
  // Overdue claims say so in words (the demo's oldest ones; this spec never moves them).
  await expect(page.getByText(/\d+ days — over the 5-day target/).filter({ visible: true }).first()).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-queue-${project}`);

  // A filter goes into the address and survives a reload.
  await page.getByLabel('Status').selectOption({ label: 'Submitted' });
  await page.getByLabel('Minimum age in days').fill('0');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=submitted/);
  await expect(page).toHaveURL(/min_age_days=0/);
  await expect(entry).toHaveCount(1);
  await page.reload();
  await expect(heading(page, 'Claims')).toBeVisible();
  await expect(page.getByLabel('Status')).toHaveValue('submitted');
  await expect(page.getByLabel('Minimum age in days')).toHaveValue('0');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(claim.reference);
  // Every claim shown is one the filter asks for.
  const statuses = page.locator(project === 'phone' ? '.queue-cards' : '.queue-table').locator('.queue-card__status, td');
  await expect(statuses.filter({ hasText: /In review|In repair|Quote sent|Awaiting customer/ })).toHaveCount(0);
  await shot(page, `agent-claims-queue-filtered-${project}`);

  // Nothing that old: the empty state, and Reset back to every open claim.
  await page.getByLabel('Minimum age in days').fill('400');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/min_age_days=400/);
  await expect(page.getByRole('heading', { name: 'No claims match these filters' })).toBeVisible();
  await expect(entry).toHaveCount(0);
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-queue-empty-${project}`);
  await page.getByRole('link', { name: 'Reset filters' }).last().click();
  await expect(page).toHaveURL(/\/agent\/claims$/);
  await expect(page.getByLabel('Status')).toHaveValue('');
  await expect(page.getByLabel('Minimum age in days')).toHaveValue('');
  await expect(entry).toHaveCount(1);

  // A typing mistake is refused beside the field, and the address stays as it was.
  await page.getByLabel('Minimum age in days').fill('five');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Enter a whole number of days, like 5');
  await expect(page.locator('#queue-min_age_days-error')).toContainText('Enter a whole number of days, like 5');
  await expect(page.getByLabel('Minimum age in days')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/agent\/claims$/);
  await shot(page, `agent-claims-queue-refused-${project}`);

  // The reference opens the claim.
  await entry.getByRole('link', { name: new RegExp(claim.reference) }).click();
  await expect(heading(page, `Claim ${claim.reference}`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/agent/claims/${claim.id}$`));
  await expect(page.getByText('The door does not lock')).toBeVisible();

  await nav.getByRole('link', { name: 'Satisfaction', exact: true }).click();
  await expect(heading(page, 'Satisfaction')).toBeVisible();
  await expect(page.getByText(/Average \d[.,]\d out of 5 from \d+ answers?/).first()).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-satisfaction-${project}`);

  await customer.api.dispose();
  expect(errors).toEqual([]);
});

test('a covered claim: its page, reject needs a note, asking the customer waits for them', async ({ page, baseURL }, info) => {
  const project = info.project.name;
  const customer = await customerWithClaims(baseURL, `Asked Olek ${project}`, [
    { daysAgo: 100, remedy: 'free_repair', description: 'Water leaks from under the door during the spin.' },
  ]);
  const [claim] = customer.claims;
  const errors = collectErrors(page);
  await signInAsAgent(page);

  // From the queue, filtered to new claims, to the claim.
  await page.goto('/agent/claims?status=submitted');
  await queueEntry(page, project, customer.name).getByRole('link', { name: new RegExp(claim.reference) }).click();
  await expect(heading(page, `Claim ${claim.reference}`)).toBeVisible();
  await expect(page.getByText(`${customer.name} · Washer 1`)).toBeVisible();
  for (const name of ['Customer and product', "The product's coverage", 'The claim', 'Move this claim', 'Messages']) {
    await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  }
  await expect(page.getByText('Water leaks from under the door during the spin.')).toBeVisible();
  await expect(page.locator('.tag').filter({ hasText: /^Covered$/ })).toBeVisible();
  await expect(statusLine(page)).toContainText('Submitted');
  // A new claim is looked at before any work: no quote or repair yet.
  await expect(page.getByRole('heading', { name: 'Send a quote' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Record a repair' })).toHaveCount(0);
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-claim-${project}`);

  await move(page, 'In review');
  await expect(statusLine(page)).toContainText('In review');
  await expect(page.getByRole('button', { name: 'Record a repair' })).toBeVisible();

  // Reject needs a note: refused in the browser, beside the note, nothing sent.
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Reject', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Note', { exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Confirm move to Rejected' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Write a note saying why, or what the customer should send');
  await expect(page.locator('#move-note-error')).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-reject-refused-${project}`);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Confirm move to Rejected' })).toHaveCount(0);
  await expect(statusLine(page)).toContainText('In review');
  expect((await ok(await customer.api.get(`/api/v1/claims/${claim.id}`))).summary.status).toBe('in_review');

  // A message that asks for information moves it to awaiting customer.
  await page.getByLabel('Your message').fill('Could you send a photo of the door seal, please?');
  await page.getByLabel('This asks the customer for information').check();
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.locator('.thread')).toContainText('Could you send a photo of the door seal, please?');
  await expect(statusLine(page)).toContainText('Awaiting customer');
  await expect(page.getByLabel('Your message')).toHaveValue('');
  // Now the agent can only take it back into review (the answer came another way) or reject.
  await expect(page.getByRole('button', { name: 'Move to In review', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask the customer', exact: true })).toHaveCount(0);
  const seen = await ok(await customer.api.get(`/api/v1/claims/${claim.id}`));
  expect(seen.summary.status).toBe('awaiting_customer');
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-asked-${project}`);

  await customer.api.dispose();
  expect(errors).toEqual([]);
});

test('a quote on a claim that is not covered: lines, live totals, sent, accepted, into repair', async ({ page, baseURL }, info) => {
  const project = info.project.name;
  const customer = await customerWithClaims(baseURL, `Quoted Marta ${project}`, [
    { daysAgo: 5 * 365, remedy: 'paid_repair', description: 'The drum does not turn any more.' },
  ]);
  const [claim] = customer.claims;
  const errors = collectErrors(page);
  await signInAsAgent(page);

  await page.goto(`/agent/claims/${claim.id}`);
  await expect(heading(page, `Claim ${claim.reference}`)).toBeVisible();
  await expect(page.locator('.tag').filter({ hasText: /^Not covered$/ })).toBeVisible();
  await move(page, 'In review');

  // Not covered: no work before a quote is accepted.
  await expect(page.getByText('This claim is not covered: a priced quote must be accepted before any work.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Move to In repair', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Write a quote' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Send a quote' });
  const subtotal = form.locator('[data-minor]').nth(0);
  const tax = form.locator('[data-minor]').nth(1);
  const total = form.locator('[data-minor]').nth(2);
  await form.getByLabel('Currency').selectOption('PLN');
  await form.getByLabel('Description, line 1').fill('Drive belt');
  await form.getByLabel('Quantity, line 1').fill('2');
  await form.getByLabel(/Price of one, line 1/).fill('12.50');
  await expect(subtotal).toHaveAttribute('data-minor', '2500');
  await form.getByRole('button', { name: 'Add a line' }).click();
  await expect(form.getByLabel('Description, line 2')).toBeFocused();
  await form.getByLabel('Description, line 2').fill('Labour (hour)');
  await form.getByLabel(/Price of one, line 2/).fill('30');
  await expect(subtotal).toHaveAttribute('data-minor', '5500');
  await form.getByLabel('Tax rate (%)').fill('23');
  await expect(tax).toHaveAttribute('data-minor', '1265');
  await expect(total).toHaveAttribute('data-minor', '6765');
  await expect(total).toContainText(/67[.,]65/);

  // A third line added and left empty is refused beside it.
  await form.getByRole('button', { name: 'Add a line' }).click();
  await form.getByRole('button', { name: 'Send the quote' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link', { name: /Describe this line/ })).toBeVisible();
  await expect(form.locator('#quote-lines\\.2\\.description-error')).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-quote-refused-${project}`);

  // Removing a line takes its amount off the totals; removing the empty one sends.
  await form.getByRole('button', { name: 'Remove line 1' }).click();
  await expect(subtotal).toHaveAttribute('data-minor', '3000');
  await expect(form.getByLabel('Description, line 1')).toHaveValue('Labour (hour)');
  await form.getByRole('button', { name: 'Remove line 2' }).click();
  await expect(form.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await form.getByRole('button', { name: 'Add a line' }).click();
  await form.getByLabel('Description, line 2').fill('Drive belt');
  await form.getByLabel('Quantity, line 2').fill('2');
  await form.getByLabel(/Price of one, line 2/).fill('12,50');
  await expect(total).toHaveAttribute('data-minor', '6765');
  await form.getByLabel('A word to the customer (optional)').fill('The belt is worn out; the repair takes two days.');
  await shot(page, `agent-claims-quote-form-${project}`);
  await form.getByRole('button', { name: 'Send the quote' }).click();
  await expect(page.getByText('The quote is sent to the customer.')).toBeVisible();
  await expect(statusLine(page)).toContainText('Quote sent');
  await expect(page.getByRole('heading', { name: 'The quote', exact: true })).toBeVisible();
  await expect(page.locator('.quote')).toContainText('Drive belt');
  await expect(page.getByRole('heading', { name: 'Send a quote' })).toHaveCount(0);
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-quote-sent-${project}`);

  // The customer accepts it (through the API); the agent's page shows it, then into repair.
  const sent = await ok(await customer.api.get(`/api/v1/claims/${claim.id}`));
  expect(sent.summary.status).toBe('quote_sent');
  expect(sent.quote.currency).toBe('PLN');
  expect(sent.quote.totals.total_minor).toBe(6765);
  expect(sent.quote.lines.map((l: { description: string }) => l.description)).toEqual(['Labour (hour)', 'Drive belt']);
  await ok(await customer.api.post(`/api/v1/claims/${claim.id}/quote/decision`, { data: { accept: true } }));
  await page.reload();
  await expect(heading(page, `Claim ${claim.reference}`)).toBeVisible();
  await expect(statusLine(page)).toContainText('Quote accepted');
  await move(page, 'In repair');
  await expect(statusLine(page)).toContainText('In repair');
  expect((await ok(await customer.api.get(`/api/v1/claims/${claim.id}`))).summary.status).toBe('in_repair');
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-quote-accepted-in-repair-${project}`);

  await customer.api.dispose();
  expect(errors).toEqual([]);
});

test('a replacement on a covered claim restarts cover and says the new end', async ({ page, baseURL }, info) => {
  const project = info.project.name;
  const customer = await customerWithClaims(baseURL, `Replaced Piotr ${project}`, [
    { daysAgo: 100, remedy: 'free_repair', description: 'The motor burnt out; it smells of smoke.' },
  ]);
  const [claim] = customer.claims;
  const desk = await agentApi(baseURL);
  await ok(await desk.post(`/api/v1/agent/claims/${claim.id}/transition`, { data: { to: 'in_review', note: '' } }));
  const before = (await ok(await desk.get(`/api/v1/agent/claims/${claim.id}`))).coverage.coverage.end as string;
  const errors = collectErrors(page);
  await signInAsAgent(page);

  await page.goto(`/agent/claims/${claim.id}`);
  await expect(heading(page, `Claim ${claim.reference}`)).toBeVisible();
  await expect(statusLine(page)).toContainText('In review');
  await expect(page.getByText(/^Cover ends on /)).toBeVisible();

  // Both fields are needed; then the new unit restarts cover from today.
  await page.getByRole('button', { name: 'Record a replacement' }).click();
  await expect(page.getByLabel('Handed over on')).toBeFocused();
  // The latest day the picker offers is today on the product's market calendar (Poland's), as the server counts.
  await expect(page.getByLabel('Handed over on')).toHaveAttribute('max', todayIn('Europe/Warsaw'));
  await page.getByRole('button', { name: 'Record the replacement' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText("Enter the new unit's serial number as printed on its label");
  await page.getByLabel('Handed over on').fill(isoDaysFromToday(0));
  await page.getByLabel('New serial number').fill(uniqueSerial());
  await page.getByRole('button', { name: 'Record the replacement' }).click();
  // Read the new end only once the page says it is recorded (the request may still be
  // on its way when the click returns).
  await expect(page.getByText(/^The replacement is recorded\./)).toBeVisible();
  const after = (await ok(await desk.get(`/api/v1/agent/claims/${claim.id}`))).coverage.coverage.end as string;
  const later = Math.round((Date.parse(after) - Date.parse(before)) / 86_400_000);
  expect(later).toBeGreaterThan(0);
  await expect(page.getByText(new RegExp(`The replacement is recorded\\. Cover now ends on .+, ${later} days later\\.`))).toBeVisible();
  await expect(page.locator('#claim-notice')).toBeFocused();
  await expect(page.getByText(/^Cover ends on /)).not.toHaveText(new RegExp(before));
  await noSidewaysScroll(page);
  await shot(page, `agent-claims-replacement-${project}`);

  // A replaced covered claim resolves as Replaced.
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await page.getByLabel('Replaced').check();
  await page.getByRole('button', { name: 'Confirm move to Resolved' }).click();
  await expect(page.getByText('The claim is now: Resolved.')).toBeVisible();
  await expect(statusLine(page)).toContainText('Resolved');

  await desk.dispose();
  await customer.api.dispose();
  expect(errors).toEqual([]);
});

test('keyboard only: from the queue to the moves, each form takes the focus', async ({ page, baseURL }, info) => {
  const project = info.project.name;
  const customer = await customerWithClaims(baseURL, `Keys Kasia ${project}`, [
    { daysAgo: 100, remedy: 'free_repair', description: 'The display shows nothing at all.' },
  ]);
  const [claim] = customer.claims;
  // Waiting for the customer: two moves (back into review, reject) and the work records.
  const desk = await agentApi(baseURL);
  await ok(await desk.post(`/api/v1/agent/claims/${claim.id}/messages`, {
    data: { body: 'Is the unit plugged in at the wall?', attachment_ids: [], request_for_info: true },
  }));
  await desk.dispose();
  const errors = collectErrors(page);
  await signInAsAgent(page);

  await page.goto('/agent/claims?status=awaiting_customer');
  const link = queueEntry(page, project, customer.name).getByRole('link', { name: new RegExp(claim.reference) });
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(heading(page, `Claim ${claim.reference}`)).toBeVisible();

  // The jump link takes the focus to the moves; Tab goes through them in order.
  await page.getByRole('link', { name: 'Go to the actions' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Move this claim' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Move to In review', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  const reject = page.getByRole('button', { name: 'Reject', exact: true });
  await expect(reject).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Note', { exact: true })).toBeFocused();
  await expect(reject).toHaveAttribute('aria-expanded', 'true');
  // Enter on the other move swaps the form, focus following.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Move to In review', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Note (optional)')).toBeFocused();
  await expect(reject).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.type('The customer answered by phone.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Confirm move to In review' })).toBeFocused();
  await shot(page, `agent-claims-keyboard-move-${project}`);
  await page.keyboard.press('Enter');
  await expect(page.getByText('The claim is now: In review.')).toBeVisible();
  await expect(page.locator('#claim-notice')).toBeFocused();
  await expect(statusLine(page)).toContainText('In review');

  // The repair form, opened with Enter, takes the focus too.
  await page.getByRole('button', { name: 'Record a repair' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Defect code')).toBeFocused();
  await shot(page, `agent-claims-keyboard-repair-${project}`);

  await customer.api.dispose();
  expect(errors).toEqual([]);
});
