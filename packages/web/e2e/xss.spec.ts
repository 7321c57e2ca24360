import { expect, test } from './fixtures';

// A catalog file is written by anyone with a repository: nothing in it may run in the portal.

declare global {
  interface Window {
    __xss?: number;
  }
}

test('hostile entity text is shown as text and its links do nothing', async ({ page }) => {
  await page.goto('/catalog/default/component/hostile-widget');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('<img src=x onerror="window.__xss=1">Hostile widget');
  await expect(page.getByText('<script>window.__xss=1</script>', { exact: false }).first()).toBeVisible();

  // No href in the page may run script, whatever the catalog said.
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.filter((href) => /^\s*(javascript|data|vbscript):/i.test(href))).toEqual([]);
  // The disabled links are still shown, as text; clicking them does nothing.
  const runbook = page.getByText('<script>window.__xss=1</script>Runbook').first();
  await expect(runbook).toBeVisible();
  await runbook.click();
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();

  // Every tab and the catalog row render the same entity.
  await page.goto('/catalog/default/component/hostile-widget/yaml');
  await expect(page.getByLabel('Entity as YAML')).toContainText('onerror');
  await page.goto('/catalog?filters[kind]=component&filters[text]=hostile');
  await expect(page.locator('[data-entity-ref="component:default/hostile-widget"]')).toBeVisible();
  await page.goto('/search?query=hostile');
  await expect(page.getByRole('list', { name: 'Search results' })).toContainText('<script>');

  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await page.locator('script:not([type="module"]), iframe').count()).toBe(0);
});
