import type { ProviderProfile } from '../users';

/** The secrets of one sign-in in flight, kept in a signed cookie between start and callback. */
export interface SignInTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

/** An OAuth 2 / OpenID Connect provider the portal signs people in with. */
export interface SignInProvider {
  id: string;
  title: string;
  /** Where to send the browser to sign in. */
  authorizationUrl(transaction: SignInTransaction): Promise<URL>;
  /** Redeems the callback (checking state, nonce and PKCE) for who signed in; throws with the reason otherwise. */
  profile(callbackUrl: URL, transaction: SignInTransaction): Promise<ProviderProfile>;
}
