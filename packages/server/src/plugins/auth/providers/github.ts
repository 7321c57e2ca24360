import { Octokit } from '@octokit/rest';
import { calculatePKCECodeChallenge } from 'openid-client';
import type { Config } from '../../../core/config';
import { AuthenticationError } from '../../../core/errors';
import type { SignInProvider } from './types';

type GithubConfig = NonNullable<Config['auth']['providers']['github']>;

/** GitHub (or GitHub Enterprise) OAuth apps: the web flow with state and PKCE, then the user's profile and verified email. */
export function githubProvider(options: GithubConfig): SignInProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    id: 'github',
    title: options.title,
    async authorizationUrl(transaction) {
      const url = new URL(`${base}/login/oauth/authorize`);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        redirect_uri: transaction.redirectUri,
        scope: 'read:user user:email',
        state: transaction.state,
        code_challenge: await calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
      }).toString();
      return url;
    },
    async profile(callbackUrl, transaction) {
      const params = callbackUrl.searchParams;
      if (params.get('error')) throw new AuthenticationError(`GitHub refused: ${params.get('error_description') ?? params.get('error')}`);
      if (params.get('state') !== transaction.state)
        throw new AuthenticationError('The sign-in answer does not belong to this browser (state mismatch)');
      const code = params.get('code');
      if (!code) throw new AuthenticationError('GitHub sent no authorization code');
      const accessToken = await exchangeCode(base, options, code, transaction);
      const octokit = new Octokit({ auth: accessToken, baseUrl: options.apiBaseUrl, userAgent: 'greenroom' });
      const { data: user } = await octokit.rest.users.getAuthenticated();
      const { data: emails } = await octokit.rest.users.listEmailsForAuthenticatedUser().catch(() => ({ data: [] }));
      const primary = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified);
      return {
        email: primary?.email,
        displayName: user.name ?? user.login,
        picture: user.avatar_url,
        claims: { login: user.login, id: user.id, email: primary?.email, name: user.name },
      };
    },
  };
}

async function exchangeCode(base: string, options: GithubConfig, code: string, transaction: { redirectUri: string; codeVerifier: string }) {
  const response = await fetch(`${base}/login/oauth/access_token`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: options.clientId,
      client_secret: options.clientSecret,
      code,
      redirect_uri: transaction.redirectUri,
      code_verifier: transaction.codeVerifier,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) {
    throw new AuthenticationError(
      `GitHub did not accept the sign-in: ${body.error_description ?? body.error ?? `HTTP ${response.status}`}`,
    );
  }
  return body.access_token;
}
