// Passkeys with Chromium's virtual authenticator (DevTools protocol WebAuthn domain): one
// who never had a password signs up with a passkey, signs out, signs in with the passkey
// alone, sees it on the account page with its last use, adds a second one (another
// device), renames it, removes the first, and cannot remove the last one. A passkey is
// offered in the sign-in form's email autofill. Another sets a first password from the
// account page (the passkey confirms, no password is asked for) and signs in with it.
import { test, expect, Page } from '@playwright/test';

// Browsers refuse an IP address as the relying-party id: the app must be opened by host
// name. The server (no --public-url) binds passkeys to the Host the browser sends.
const BASE = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace('//127.0.0.1', '//localhost');
test.use({ baseURL: BASE });

/** A platform authenticator with a resident-key store that verifies the user at once. */
async function device(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

test('one who never had a password signs in with a passkey and manages their passkeys', async ({ page }) => {
  // A browser without passkey autofill (the next test has it): the button is the way in.
  // Chromium's virtual authenticator would otherwise answer the autofill at once.
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `pat-${run}@example.com`;
  const first = await device(page);

  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Pat Key');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Use a passkey instead').check();
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).not.toHaveURL(/\/signup$/);
  const stored = await first.cdp.send('WebAuthn.getCredentials', { authenticatorId: first.authenticatorId });
  expect(stored.credentials).toHaveLength(1);
  expect(stored.credentials[0].isResidentCredential).toBe(true);

  // No password opens this account.
  const guessed = await page.request.post('/api/v1/auth/signin', { data: { email, password: 'any-password-at-all' } });
  expect(guessed.status()).toBe(401);

  // Signed out, then back in with the passkey alone (no email typed).
  expect((await page.request.post('/api/v1/auth/signout')).status()).toBe(204);
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue with a passkey' }).click();
  await expect(page).not.toHaveURL(/\/signin$/);
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(email);

  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Passkeys' });
  const items = section.getByRole('list', { name: 'Passkeys' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Passkey');
  await expect(items.first()).toContainText('Added');
  await expect(items.first()).toContainText('Last used');

  // A second device: the first one would refuse (it already holds a passkey for Pat).
  await first.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: first.authenticatorId });
  const second = await device(page);
  await section.getByLabel('Name for a new passkey (optional)').fill('Work laptop');
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(section.getByRole('status')).toHaveText('Passkey “Work laptop” added');
  await expect(items).toHaveCount(2);
  await expect(items.nth(1)).toContainText('Not used yet');

  // Rename it.
  await section.getByRole('button', { name: 'Rename passkey Work laptop' }).click();
  await section.getByLabel('Passkey name').fill('Home laptop');
  await section.getByRole('button', { name: 'Save name' }).click();
  await expect(section.getByRole('status')).toHaveText('Passkey renamed to “Home laptop”');
  await expect(items.nth(1)).toContainText('Home laptop');

  // Remove the first; the last one stays, with the reason next to it.
  await section.getByRole('button', { name: 'Remove passkey Passkey' }).click();
  await expect(section.getByRole('status')).toHaveText('Passkey “Passkey” removed');
  await expect(items).toHaveCount(1);
  await section.getByRole('button', { name: 'Remove passkey Home laptop' }).click();
  await expect(items.first()).toContainText('This is your only way to sign in');
  await expect(items).toHaveCount(1);

  // And the remaining passkey signs in too.
  expect((await page.request.post('/api/v1/auth/signout')).status()).toBe(204);
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue with a passkey' }).click();
  await expect(page).not.toHaveURL(/\/signin$/);
  await page.goto('/account');
  await expect(page.getByRole('region', { name: 'Passkeys' }).getByRole('list', { name: 'Passkeys' }).getByRole('listitem').first()).toContainText('Last used');
  await second.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: second.authenticatorId });
});

test('a passkey is offered in the email field\'s autofill and signs in from there', async ({ page }) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `ada-${run}@example.com`;
  const key = await device(page);
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Ada Fill');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Use a passkey instead').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).not.toHaveURL(/\/signup$/);
  expect((await page.request.post('/api/v1/auth/signout')).status()).toBe(204);

  // The email field asks for passkeys in its autofill; picking the one there signs in
  // (Chromium's virtual authenticator answers the autofill's request with its passkey).
  // The virtual authenticator answers the field's autofill request as soon as it is
  // made, as a user's tap on the offered passkey would: no button, nothing typed.
  await page.addInitScript(() => {
    const field = () => document.querySelector('#signin-email');
    (window as unknown as { autofillField: string | null }).autofillField = null;
    const original = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options?: CredentialRequestOptions) => {
      if (options?.mediation === 'conditional') {
        (window as unknown as { autofillField: string | null }).autofillField = field()?.getAttribute('autocomplete') ?? 'missing';
      }
      return original(options);
    };
  });
  await page.goto('/signin');
  await expect(page).not.toHaveURL(/\/signin$/);
  expect(await page.evaluate(() => (window as unknown as { autofillField: string | null }).autofillField)).toBe('email webauthn');
  const me = await page.request.get('/api/v1/me');
  expect((await me.json()).email).toBe(email);
  await key.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: key.authenticatorId });
});

test('one who signed up with a passkey sets a password on the account page and signs in with it', async ({ page }) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `pia-${run}@example.com`;
  const password = 'lantern-harbour-orbit';
  const key = await device(page);

  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Pia Key');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Use a passkey instead').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).not.toHaveURL(/\/signup$/);

  // Until the address is confirmed, a quiet reminder on every page but the account page.
  const reminder = page.getByText(`Please confirm your email address, ${email}`);
  await expect(reminder).toBeVisible();
  await expect(page.getByRole('link', { name: 'Send it again or change the address' })).toBeVisible();

  // No password to type: the section offers a first one, which the passkey confirms.
  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Set a password' });
  await expect(reminder).toHaveCount(0);
  await expect(section.getByLabel('Current password')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Email address' }).getByLabel('Your password')).toHaveCount(0);
  await expect(section.getByText('confirm with your passkey')).toBeVisible();

  // A new address, confirmed with the passkey: the link goes out (the address changes
  // once it is opened).
  const address = page.getByRole('region', { name: 'Email address' });
  await address.getByLabel('New email address').fill(`pia-new-${run}@example.com`);
  await address.getByRole('button', { name: 'Send a confirmation link' }).click();
  await expect(address.getByRole('status')).toContainText(`We sent a link to pia-new-${run}@example.com`);

  // A refused password shows beside the field and stays as typed.
  await section.getByLabel('New password').fill('short');
  await section.getByRole('button', { name: 'Set password' }).click();
  await expect(section.getByText('Enter a password of at least')).toHaveCount(2);
  await expect(section.getByLabel('New password')).toHaveValue('short');

  await section.getByLabel('New password').fill(password);
  await section.getByRole('button', { name: 'Set password' }).click();
  const done = page.getByRole('region', { name: 'Password', exact: true });
  await expect(done.getByRole('status')).toContainText('Your password is set');
  await expect(done.getByLabel('Current password')).toBeVisible();
  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me.has_password).toBe(true);

  // Signed out, then in with the new password (no passkey involved).
  await key.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: key.authenticatorId });
  expect((await page.request.post('/api/v1/auth/signout')).status()).toBe(204);
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/signin$/);
  const again = await page.request.get('/api/v1/me');
  expect(again.status()).toBe(200);
  expect((await again.json()).email).toBe(email);

  // "Remind me later" hides the reminder for the rest of this browser session.
  await expect(reminder).toBeVisible();
  await page.getByRole('button', { name: 'Remind me later' }).click();
  await expect(reminder).toHaveCount(0);
  await page.goto('/claims');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(reminder).toHaveCount(0);
});
