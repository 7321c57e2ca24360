import { expect, test } from './fixtures';

// TechDocs in the portal: the demo's payments-service documentation (examples/docs/payments-service),
// built by the server when it ingested the catalog.

test("reads an entity's documentation: navigation, a link to another page's heading, admonitions, tabs and highlighted code", async ({
  page,
}) => {
  await page.goto('/catalog/default/component/payments-service');
  await page.getByRole('tab', { name: 'Docs' }).click();
  const article = page.locator('.greenroom-docs');
  await expect(article.getByRole('heading', { level: 1, name: 'Payments service' })).toBeVisible();
  await expect(article.locator('.admonition.note .admonition-title')).toHaveText('Who owns this');

  // The site's navigation leads to a nested page.
  const nav = page.getByRole('navigation', { name: 'Documentation' });
  await nav.getByRole('link', { name: 'Runbook' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/payments-service\/docs\/operations\/runbook\/$/);
  await expect(article.getByRole('heading', { level: 1, name: 'Runbook' })).toBeVisible();
  await expect(article.locator('details.warning > summary')).toHaveText('Capture job stopped');

  // A link in the text goes to a heading of another page, in the portal.
  await nav.getByRole('link', { name: 'Overview' }).click();
  await article.getByRole('link', { name: 'Getting started' }).click();
  await expect(page).toHaveURL(/\/docs\/getting-started\/#run-it-locally$/);
  await expect(article.getByRole('heading', { level: 2, name: 'Run it locally' })).toBeInViewport();

  // A tab set: the second tab's panel shows when its label is clicked.
  const tabs = article.locator('.tabbed-set').first();
  await expect(tabs.locator('.tabbed-block').nth(0)).toBeVisible();
  await expect(tabs.locator('.tabbed-block').nth(1)).toBeHidden();
  await tabs.getByText('Gradle', { exact: true }).click();
  await expect(tabs.locator('.tabbed-block').nth(1)).toBeVisible();
  await expect(tabs.locator('.tabbed-block').nth(1)).toContainText('./gradlew bootRun');

  // Searching within the documentation leads to the section.
  await page.getByLabel('Search this documentation').fill('acquirer outage');
  // The words are in the runbook's text (an admonition, not a heading): the result is the page or its first section.
  await page
    .getByRole('list', { name: 'Documentation search results' })
    .getByRole('link', { name: /^Runbook/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/docs\/operations\/runbook\/(#.*)?$/);
  await page.goBack();

  // Highlighted code, with its file name and line numbers.
  const code = article.locator('.highlight', { hasText: 'CaptureJob.java' });
  await expect(code.locator('.hljs-keyword').first()).toBeVisible();
  await expect(code.locator('.linenos').first()).toHaveText('1');
});

test('finds documentation on the docs index and opens a Backstage reader link at its heading', async ({ page }) => {
  await page.goto('/docs');
  const row = page.locator('tr[data-entity-ref="component:default/payments-service"]');
  await expect(row.getByText('Built', { exact: true })).toBeVisible();
  await row.getByRole('link', { name: 'Payments service' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/payments-service\/docs\/$/);
  await expect(page.locator('.greenroom-docs').getByRole('heading', { level: 1, name: 'Payments service' })).toBeVisible();

  await page.goto('/docs/default/component/payments-service/getting-started/#run-it-locally');
  await expect(page).toHaveURL(/\/catalog\/default\/component\/payments-service\/docs\/getting-started\/#run-it-locally$/);
  await expect(page.locator('.greenroom-docs').getByRole('heading', { level: 2, name: 'Run it locally' })).toBeInViewport();
});
