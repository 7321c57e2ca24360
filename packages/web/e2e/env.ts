import path from 'node:path';
import { fileURLToPath } from 'node:url';

// What the e2e server (server.ts), playwright.config.ts and the tests share.

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(WEB_ROOT, '../..');

/** A fixed port, so playwright.config.ts knows the URL before the server exists; 7007 is left to `npm start`. */
export const E2E_PORT = 7017;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/**
 * server.ts prints this line once the portal answers; playwright.config.ts waits for it and
 * Playwright stores the named group in the tests' environment (E2E_REGISTERED_CATALOG_INFO_URL),
 * since the git server's port is only known at run time.
 */
export const READY_LINE_PREFIX = 'e2e portal ready; registered catalog-info:';
export const READY_LINE = new RegExp(`${READY_LINE_PREFIX} (?<e2e_registered_catalog_info_url>\\S+)`);

export interface E2eEnv {
  /** Blob URL of a catalog-info.yaml in the loopback git server, for registering a location. */
  registeredCatalogInfoUrl: string;
}

export function readE2eEnv(): E2eEnv {
  const registeredCatalogInfoUrl = process.env.E2E_REGISTERED_CATALOG_INFO_URL;
  if (!registeredCatalogInfoUrl) {
    throw new Error('E2E_REGISTERED_CATALOG_INFO_URL is not set: run the tests through playwright.config.ts, which starts e2e/server.ts');
  }
  return { registeredCatalogInfoUrl };
}

/** The second portal, for the sign-in test (signinServer.ts): guest mode off, an OpenID Connect provider on loopback. */
export const SIGNIN_PORT = 7018;
export const SIGNIN_BASE_URL = `http://127.0.0.1:${SIGNIN_PORT}`;
/**
 * signinServer.ts prints this line once the portal and the provider answer, with the provider's test
 * user; Playwright stores the named groups as E2E_OIDC_LOGIN and E2E_OIDC_PASSWORD for signin.spec.ts.
 */
export const SIGNIN_READY_LINE_PREFIX = 'e2e sign-in portal ready; provider user:';
export const SIGNIN_READY_LINE = new RegExp(`${SIGNIN_READY_LINE_PREFIX} (?<e2e_oidc_login>\\S+) (?<e2e_oidc_password>\\S+)`);
