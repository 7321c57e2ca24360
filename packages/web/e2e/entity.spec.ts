import { expect, test } from './fixtures';

// The entity page beyond the header: the dependency graph, the APIs, an API's definition, a team's page.

const graphNode = (ref: string) => `[data-testid="entity-graph"] .react-flow__node [data-entity-ref="${ref}"]`;

test('explores the dependency graph: deeper levels appear, and a node leads to its entity', async ({ page }) => {
  await page.goto('/catalog/default/component/storefront-web');
  const graph = page.getByTestId('entity-graph');
  await graph.scrollIntoViewIfNeeded();
  await expect(page.locator(graphNode('component:default/storefront-web'))).toBeVisible();

  // Orders-service is two hops away (storefront → orders API → orders-service): depth 2 reaches it.
  await page.getByLabel('Depth').click();
  await page.getByRole('option', { name: '2', exact: true }).click();
  await expect(page.locator(graphNode('component:default/orders-service'))).toBeVisible();

  await page.locator(graphNode('component:default/orders-service')).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/orders-service$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Orders service' })).toBeVisible();
  await expect(page.locator(graphNode('component:default/inventory-service'))).toBeVisible();
});

test('lists the APIs a component provides and consumes, and renders an OpenAPI definition', async ({ page }) => {
  await page.goto('/catalog/default/component/orders-service');
  const provided = page.getByRole('region', { name: /Provided APIs/ });
  await expect(provided.getByRole('link', { name: /Orders API/ })).toBeVisible();
  const consumed = page.getByRole('region', { name: /Consumed APIs/ });
  await expect(consumed.getByRole('link', { name: /Payments API/ })).toBeVisible();

  await provided.getByRole('link', { name: /Orders API/ }).click();
  await page.getByRole('tab', { name: 'Definition' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/api\/orders-api\/definition$/);
  // swagger-ui's interactive reference: operations can be expanded.
  const operation = page.locator('.opblock').first();
  await expect(operation).toBeVisible({ timeout: 15_000 });
  await operation.locator('.opblock-summary').click();
  await expect(operation.locator('.opblock-body')).toBeVisible();
});

test('a team page shows its members, its parent and child teams and what it owns', async ({ page }) => {
  await page.goto('/catalog/default/group/team-payments');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: /Members/ })
      .getByRole('link')
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: /Owned/ }).getByRole('link', { name: /Orders service/ })).toBeVisible();
});
