// Passkeys with Chromium's virtual authenticator (DevTools protocol WebAuthn domain): one
// who never had a password signs up with a passkey, signs out, signs in with the passkey
// alone, sees it on the account page with its last use, adds a second one (another
// device), renames it, removes the first, and cannot remove the last one.
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
