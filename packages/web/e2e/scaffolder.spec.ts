import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readE2eEnv } from './env';
import { expect, test } from './fixtures';

// The golden path end to end: choose a template, fill its wizard (OwnerPicker, RepoUrlPicker),
// run it while its log streams in, find the new repository on the loopback git server with the
// skeleton rendered, and follow the output link to the component it registered.

const run = promisify(execFile);

test('a template creates a repository on the git server and a component in the catalog', async ({ page }) => {
  // Publishing and registering take a few seconds on a busy machine.
  test.setTimeout(90_000);
  const gitHost = new URL(readE2eEnv().registeredCatalogInfoUrl).host;
  const name = 'e2e-checkout';

  await page.goto('/create?tag=e2e');
  await page.getByRole('link', { name: 'Choose E2E service' }).click();
  await expect(page.getByRole('heading', { name: 'About the service' })).toBeVisible();

  await page.getByLabel('Name').fill(name);
  const owner = page.getByRole('combobox', { name: 'Owner' });
  await owner.fill('team-pay');
  await page.getByRole('option', { name: /team-payments/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Repository', exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: 'Host' }).fill(gitHost);
  await page.getByRole('textbox', { name: 'Owner' }).fill('acme');
  await page.getByRole('textbox', { name: 'Repository', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Next' }).click();

  const review = page.getByRole('table', { name: 'Values to create with' });
  await expect(review).toContainText(`${gitHost}?owner=acme&repo=${name}`);
  await expect(review).toContainText('group:default/team-payments');
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page).toHaveURL(/\/create\/tasks\/[^/]+$/);
  await expect(page.getByRole('heading', { name: 'Run of E2E service' })).toBeVisible();
  // The log streams in while the steps run.
  await expect(page.getByRole('log')).toContainText(/\S/, { timeout: 30_000 });
  const catalogLink = page.getByRole('link', { name: 'Open in catalog' });
  await expect(catalogLink).toBeVisible({ timeout: 60_000 });
  for (const step of ['Render the skeleton', 'Publish', 'Register']) {
    await expect(page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: new RegExp(step) })).toContainText('completed');
  }
  await page
    .getByRole('list', { name: 'Steps' })
    .getByRole('button', { name: /Publish/ })
    .click();
  await expect(page.getByRole('log', { name: 'Log of Publish' })).toContainText(/\S/);

  // The repository exists on the git server with the skeleton rendered.
  const remote = await page.getByRole('link', { name: 'Repository' }).getAttribute('href');
  expect(remote).toContain(gitHost);
  const checkout = await mkdtemp(path.join(os.tmpdir(), 'greenroom-e2e-clone-'));
  try {
    await run('git', ['clone', '--quiet', remote!, checkout]);
    const readme = await readFile(path.join(checkout, 'README.md'), 'utf8');
    expect(readme).toContain(`# ${name}`);
    expect(readme).toContain('Owned by group:default/team-payments');
  } finally {
    await rm(checkout, { recursive: true, force: true });
  }

  await catalogLink.click();
  await expect(page).toHaveURL(new RegExp(`/catalog/default/component/${name}$`));
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByText('Made by the browser test').first()).toBeVisible();
});
