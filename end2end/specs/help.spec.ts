// "Self-help first": a customer describes a problem, narrows the articles to
// troubleshooting, reads one, says it did not help and is offered to file a claim; Back
// brings the same search back. A visitor can read an article without an account.
import { test, expect, Page } from '@playwright/test';
import { noSidewaysScroll, shot } from '../support';

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

test('a customer finds an article, says it did not help and is offered a claim', async ({ page }, info) => {
  // A customer whose language is English (the demo customers speak Polish, Vietnamese
  // and Icelandic).
  const signup = await page.request.post('/api/v1/auth/signup', {
    data: { name: 'Helen Help', email: `helen-${Date.now()}-${info.project.name}@example.com`, password: 'kettle-orbit-lantern', language: 'en' },
  });
  expect(signup.ok()).toBeTruthy();
  await page.goto('/products');
  await expect(heading(page, 'My products')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help' }).click();
  await expect(heading(page, 'Help')).toBeVisible();
  await page.getByLabel('What is the problem?').fill('washing machine does not drain');
  await page.getByLabel('Type of article').selectOption({ label: 'Troubleshooting' });
  const results = page.getByRole('list', { name: 'Help articles' });
  await expect(results.getByRole('link').first()).toHaveText('Washer does not drain');
  await expect(page).toHaveURL(/\/help\?q=washing/);
  await noSidewaysScroll(page);
  await shot(page, `help-search-${info.project.name}`);

  await results.getByRole('link', { name: 'Washer does not drain' }).click();
  await expect(heading(page, 'Washer does not drain')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Clean the drain pump filter' })).toBeVisible();
  await noSidewaysScroll(page);
  await page.getByRole('button', { name: 'No' }).click();
  await expect(page.getByText('Thank you for telling us.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Did this solve your problem?' })
    .getByRole('link', { name: 'File a claim' })).toHaveAttribute('href', '/products');
  await shot(page, `help-article-${info.project.name}`);

  await page.goBack();
  await expect(page.getByLabel('What is the problem?')).toHaveValue('washing machine does not drain');
  await expect(page.getByLabel('Type of article')).toHaveValue('troubleshooting');
});

test('a visitor reads an article without an account', async ({ page }) => {
  await page.goto('/help/fridge-not-cooling');
  await expect(heading(page, 'Fridge not cooling')).toBeVisible();
  await page.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'glad it works again' })).toBeVisible();

  await page.goto('/help/no-such-article');
  await expect(heading(page, 'Article not found')).toBeVisible();
});
