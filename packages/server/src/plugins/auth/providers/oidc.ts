import * as client from 'openid-client';
import type { Config } from '../../../core/config';
import type { SignInProvider } from './types';

type OidcConfig = NonNullable<Config['auth']['providers']['oidc']>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Any standard OpenID Connect provider (Keycloak, Okta, Entra ID, Google, Dex…): authorization code
 * flow with PKCE, state and nonce, the provider's settings from its discovery document.
 */
export function oidcProvider(options: OidcConfig): SignInProvider {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= discover(options).catch((error: unknown) => {
      discovered = undefined; // try again on the next sign-in rather than failing until restart
      throw new Error(`The OpenID Connect provider ${options.issuer} could not be reached: ${(error as Error).message}`, { cause: error });
    });
    return discovered;
  };

  return {
    id: 'oidc',
    title: options.title,
    async authorizationUrl(transaction) {
      return client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: transaction.redirectUri,
        scope: options.scope,
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
      });
    },
    async profile(callbackUrl, transaction) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      // Many providers put only `sub` in the ID token; the rest comes from userinfo.
      const userinfo = config.serverMetadata().userinfo_endpoint
        ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)
        : {};
      const claims: Record<string, unknown> = { ...userinfo, ...idClaims };
      const verified = claims.email_verified !== false;
      return {
        email: typeof claims.email === 'string' && verified ? claims.email : undefined,
        displayName: typeof claims.name === 'string' ? claims.name : undefined,
        picture: typeof claims.picture === 'string' ? claims.picture : undefined,
        claims,
      };
    },
  };
}

async function discover(options: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(options.issuer);
  // Plain http only for a provider on this machine (development, tests); anywhere else it must be https.
  const insecure = issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
  const execute = insecure ? [client.allowInsecureRequests] : [];
  const probe = await client.discovery(issuer, options.clientId, undefined, client.None(), { execute });
  const methods = probe.serverMetadata().token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const authentication = methods.includes('client_secret_basic')
    ? client.ClientSecretBasic(options.clientSecret)
    : client.ClientSecretPost(options.clientSecret);
  const configuration = new client.Configuration(probe.serverMetadata(), options.clientId, options.clientSecret, authentication);
  if (insecure) client.allowInsecureRequests(configuration);
  return configuration;
}
