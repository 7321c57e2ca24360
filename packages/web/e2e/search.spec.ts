import { expect, test } from './fixtures';

// Search from the header box, and the relationship-aware query language on the results page.

test('typing in the header box shows results at once; picking one lands on it', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('combobox', { name: 'Search Greenroom' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The keyboard shortcut reaches the box from anywhere on the page (once the app has started).
  await expect(async () => {
    await page.keyboard.press('/');
    await expect(box).toBeFocused({ timeout: 500 });
  }).toPass();
  await expect(box).toHaveValue('');
  await box.pressSequentially('paym');
  const results = page.getByRole('listbox', { name: 'Instant search results' });
  await expect(results.getByRole('option', { name: /Payments API/ })).toBeVisible();
  await results.getByRole('option', { name: /Payments API/ }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/api\/payments-api$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Payments API' })).toBeVisible();
});

test('a relationship filter on the results page finds who consumes an API', async ({ page }) => {
  await page.goto('/search');
  const box = page.getByRole('searchbox', { name: 'Search Greenroom' });
  await box.fill('kind:component consumes:api:orders-api');
  await box.press('Enter');
  const list = page.getByRole('list', { name: 'Search results' });
  await expect(list.getByRole('link', { name: /Storefront web/ })).toBeVisible();
  await expect(list.getByRole('link', { name: /Shipping service/ })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(page).toHaveURL(/consumes%3Aapi%3Aorders-api|consumes:api:orders-api/);
});
