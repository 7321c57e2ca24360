import rateLimit from '@fastify/rate-limit';
import { isGuestMode } from '../../core/config';
import { credentialResolvers } from '../../core/identity';
import { definePlugin } from '../../core/plugin';
import { catalogApi } from '../catalog/extensions';
import { bearerCredentials, sessionCredentials } from './credentials';
import { authMigrations } from './migrations';
import { githubProvider } from './providers/github';
import { oidcProvider } from './providers/oidc';
import type { SignInProvider } from './providers/types';
import { registerAuthRoutes } from './routes';
import { SessionStore } from './sessions';
import { TokenStore } from './tokens';
import { UserDirectory, type SignedInUser } from './users';

const MINUTE = 60_000;

/**
 * Who is calling: sign-in through OpenID Connect or GitHub, users resolved to catalog User
 * entities, cookie sessions, and access tokens for services and scripts. Guest mode (the
 * embedded demo) is core's fallback when no credential is given (core/identity.ts).
 */
export const authPlugin = definePlugin({
  id: 'auth',
  migrations: authMigrations,
  async register(ctx) {
    const { auth, server } = ctx.config;
    const baseUrl = (server.baseUrl ?? `http://${server.host}:${server.port}`).replace(/\/+$/, '');
    const users = new UserDirectory(() => ctx.contributions(catalogApi)[0], auth.signIn);
    const sessions = new SessionStore(
      ctx.database,
      { idleMs: auth.session.idleMinutes * MINUTE, maxAgeMs: auth.session.maxAgeHours * 60 * MINUTE, refreshIdentityMs: 5 * MINUTE },
      (userRef) => users.identityOf(userRef),
    );
    const tokens = new TokenStore(ctx.database, auth.tokens);
    const providers: SignInProvider[] = [];
    if (auth.providers.oidc) providers.push(oidcProvider(auth.providers.oidc));
    if (auth.providers.github) providers.push(githubProvider(auth.providers.github));

    ctx.contribute(
      credentialResolvers,
      bearerCredentials(
        tokens,
        cachedFor(MINUTE, (ref) => users.identityOf(ref)),
      ),
    );
    ctx.contribute(credentialResolvers, sessionCredentials(sessions));

    await ctx.http.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        Object.assign(new Error(`Too many sign-in attempts; try again in ${context.after}`), {
          name: 'TooManyRequestsError',
          statusCode: 429,
        }),
    });
    registerAuthRoutes(ctx.http, {
      providers,
      guest: isGuestMode(ctx.config),
      baseUrl,
      sessionMaxAgeMs: auth.session.maxAgeHours * 60 * MINUTE,
      signInRateLimit: auth.signInRateLimit,
      sessions,
      tokens,
      users,
      audit: ctx.audit,
    });

    ctx.scheduler.every('auth.sweep-sessions', 60 * MINUTE, () => sessions.sweep());
  },
});

/** Remembers answers for a while: a script sending a token per request does not re-read the catalog each time. */
function cachedFor(ms: number, load: (ref: string) => Promise<SignedInUser | undefined>) {
  const cache = new Map<string, { at: number; value: Promise<SignedInUser | undefined> }>();
  return (ref: string) => {
    const hit = cache.get(ref);
    if (hit && Date.now() - hit.at < ms) return hit.value;
    if (cache.size > 10_000) cache.clear();
    const value = load(ref);
    cache.set(ref, { at: Date.now(), value });
    return value;
  };
}
