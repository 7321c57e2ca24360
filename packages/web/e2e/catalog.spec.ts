import { expect, test } from './fixtures';

// Browsing the demo organisation: filter the catalog, share the filtered view, open an entity, star it.

const rows = '[data-testid="catalog-table"] tbody tr[data-entity-ref]';

test('filters the catalog on the server and keeps the filters in a shareable URL', async ({ page }) => {
  await page.goto('/catalog');
  await expect(page.locator(rows).first()).toBeVisible();
  await expect(page.locator(`${rows}[data-entity-ref="component:default/orders-service"]`)).toBeVisible();

  // Kind → API: the table shows only APIs.
  await page.getByLabel('Kind').click();
  await page.getByRole('option', { name: /^API/ }).click();
  await expect(page).toHaveURL(/filters%5Bkind%5D=api|filters\[kind\]=api/);
  await expect(page.locator(`${rows}[data-entity-ref="api:default/orders-api"]`)).toBeVisible();
  for (const ref of await page.locator(rows).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-entity-ref')))) {
    expect(ref).toMatch(/^api:/);
  }

  // Text filter: only matching rows remain, and the term is in the URL.
  await page.getByLabel('Filter', { exact: true }).fill('refund');
  await expect(page).toHaveURL(/refund/);
  await expect(page.locator(rows)).toHaveCount(1);
  await expect(page.locator(rows).first()).toHaveAttribute('data-entity-ref', 'api:default/payments-api');

  // The URL alone reproduces the view in a fresh page.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.locator(rows)).toHaveCount(1);
  await expect(other.locator(rows).first()).toHaveAttribute('data-entity-ref', 'api:default/payments-api');
  await other.close();
});

test('opens an entity from the catalog and shows its header and About card', async ({ page }) => {
  await page.goto('/catalog?filters[kind]=component');
  await page.locator(`${rows}[data-entity-ref="component:default/orders-service"]`).getByRole('link', { name: 'Orders service' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/orders-service$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Orders service' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'team-payments' }).first()).toBeVisible();
  await expect(page.getByText('Turns a cart into an order', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Runbook' })).toHaveAttribute('href', 'https://runbooks.northwind.example/orders-service');
});

test('stars and unstars an entity; the star is kept on the server and shown on the home page', async ({ page, request }) => {
  await page.goto('/catalog/default/component/cart-service');
  const star = page.getByRole('button', { name: /Add .* to starred/ });
  await star.click();
  await expect(page.getByRole('button', { name: /Remove .* from starred/ })).toHaveAttribute('aria-pressed', 'true');

  // Persisted per user on the server, not in the browser.
  await expect
    .poll(async () => (await (await request.get('/api/user-settings/buckets/starredEntities')).json()).items[0]?.value)
    .toContain('component:default/cart-service');

  await page.goto('/');
  const starredCard = page.getByRole('region', { name: /Starred/ });
  await expect(starredCard.getByRole('link', { name: /Cart service/ })).toBeVisible();

  // The catalog's "Starred" view lists it; unstarring there removes it.
  await page.goto('/catalog?filters[kind]=component&filters[user]=starred');
  await expect(page.locator(rows)).toHaveCount(1);
  await page
    .locator(rows)
    .first()
    .getByRole('button', { name: /Remove .* from starred/ })
    .click();
  await expect(page.locator(rows)).toHaveCount(0);
  await expect
    .poll(async () => (await (await request.get('/api/user-settings/buckets/starredEntities')).json()).items[0]?.value)
    .toEqual([]);
});
