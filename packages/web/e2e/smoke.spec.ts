import { readE2eEnv } from './env';
import { expect, test } from './fixtures';

// The e2e environment itself: the portal loads cleanly, the hostile fixture is in the
// catalog and the loopback git server can be read. Feature tests build on all three.

interface Entity {
  kind: string;
  metadata: { name: string; description?: string; links?: Array<{ url: string }> };
}

test('the portal opens with its title and no errors', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Greenroom/);
  await expect(page.locator('#root')).not.toBeEmpty();
  // Let the first data requests settle, so errors they cause are seen by the fixture.
  await page.waitForLoadState('networkidle');
});

test('the hostile component is ingested with its markup intact', async ({ request }) => {
  const response = await request.get('/api/catalog/entities/by-name/component/default/hostile-widget');
  expect(response.status()).toBe(200);
  const entity = (await response.json()) as Entity;
  expect(entity.metadata.description).toContain('<script>window.__xss=1</script>');
  expect(entity.metadata.links?.map((l) => l.url)).toContain('javascript:window.__xss=1');
});

test('a catalog file in the loopback git server can be dry-run registered', async ({ request }) => {
  const { registeredCatalogInfoUrl } = readE2eEnv();
  const response = await request.post('/api/catalog/locations?dryRun=true', { data: { type: 'url', target: registeredCatalogInfoUrl } });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { entities: Entity[]; errors?: unknown[] };
  expect(body.errors ?? []).toEqual([]);
  expect(body.entities.map((e) => `${e.kind}:${e.metadata.name}`)).toEqual(
    expect.arrayContaining(['Component:e2e-registered-service', 'API:e2e-registered-api']),
  );
});
