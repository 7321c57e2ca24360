import { expect, test } from './fixtures';

// Runs in the `signin` project against e2e/signinServer.ts: guest mode off, a real OpenID Connect
// provider (oidc-provider) on loopback, and a catalog User whose email is the provider user's.

function providerUser() {
  const login = process.env.E2E_OIDC_LOGIN;
  const password = process.env.E2E_OIDC_PASSWORD;
  if (!login || !password) throw new Error('E2E_OIDC_LOGIN is not set: run through playwright.config.ts, which starts e2e/signinServer.ts');
  return { login, password };
}

test('signs in through the OpenID Connect provider, lands where it started as the catalog user, and signs out', async ({
  page,
  baseURL,
}) => {
  const user = providerUser();
  // oidc-provider's development login page imports a web font; this machine is offline, so answer it empty.
  await page.route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));

  // Signed out with guest mode off: any page sends the visitor to sign in, remembering the page.
  await page.goto('/docs');
  await expect(page).toHaveURL(/\/signin\?redirect=%2Fdocs$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Greenroom' })).toBeVisible();
  await page.getByRole('link', { name: /^Sign in with / }).click();

  // The provider's own login page, on another origin.
  await page.waitForURL((url) => url.origin !== baseURL);
  await page.locator('input[name="login"]').fill(user.login);
  await page.locator('input[type="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  // oidc-provider asks for consent on a first sign-in (its Continue button); a provider that skips it goes straight back.
  const consent = page.getByRole('button', { name: 'Continue' });
  const account = page.getByRole('button', { name: /^Account of / });
  await expect(consent.or(account)).toBeVisible();
  if (await consent.isVisible()) await consent.click();

  // Back on the portal, at the page the visitor asked for, as the resolved catalog user.
  await expect(page).toHaveURL(`${baseURL}/docs`);
  await expect(account).toContainText('Noah Kowalski');
  await expect(page.getByText('Guest', { exact: true })).toHaveCount(0);

  await account.click();
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  await expect(page).toHaveURL(`${baseURL}/settings/profile`);
  await expect(page.getByRole('heading', { name: 'Noah Kowalski' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'user:noah.kowalski' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Groups' }).getByRole('link', { name: 'team-payments' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Personal access tokens' })).toBeVisible();

  await page.getByRole('button', { name: /^Account of / }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${baseURL}/signin`);
  await expect(page.getByRole('link', { name: /^Sign in with / })).toBeVisible();

  // The session is gone on the server too: the portal sends the visitor back to sign in.
  await page.goto('/catalog');
  await expect(page).toHaveURL(/\/signin\?redirect=%2Fcatalog$/);
});
