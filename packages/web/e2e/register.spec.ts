import { readE2eEnv } from './env';
import { expect, test } from './fixtures';

// Registering an existing component from a real git repository (loopback git server), then unregistering it.

test('registers a location after its dry run, lands on the new component, then unregisters it', async ({ page, request }) => {
  const { registeredCatalogInfoUrl } = readE2eEnv();
  await page.goto('/catalog-import');
  await page.getByLabel('URL of a catalog-info.yaml or of a repository').fill(registeredCatalogInfoUrl);
  await page.getByRole('button', { name: 'Analyze' }).click();

  const toAdd = page.getByRole('list', { name: 'Entities to add' });
  await expect(toAdd).toContainText('component:default/e2e-registered-service');
  await expect(toAdd).toContainText('api:default/e2e-registered-api');
  // The dry run changed nothing yet.
  expect((await request.get('/api/catalog/entities/by-name/component/default/e2e-registered-service')).status()).toBe(404);

  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/e2e-registered-service$/);
  await expect(page.getByRole('heading', { level: 1, name: 'E2E registered service' })).toBeVisible();

  // Unregister: a confirmation lists what goes, then location and entities are gone.
  await page.getByRole('button', { name: 'Entity actions' }).click();
  await page.getByRole('menuitem', { name: 'Unregister entity' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('list', { name: 'Entities that will be removed' })).toContainText('api:default/e2e-registered-api');
  await dialog.getByRole('button', { name: 'Unregister location' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  expect((await request.get('/api/catalog/entities/by-name/component/default/e2e-registered-service')).status()).toBe(404);
  expect((await request.get('/api/catalog/entities/by-name/api/default/e2e-registered-api')).status()).toBe(404);
});

test('shows the reason when a location cannot be read', async ({ page }) => {
  await page.goto('/catalog-import');
  await page
    .getByLabel('URL of a catalog-info.yaml or of a repository')
    .fill('https://not-allowed.example.com/org/repo/blob/main/catalog-info.yaml');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('not-allowed.example.com');
  await expect(page.getByRole('button', { name: 'Register' })).toBeDisabled();
});
