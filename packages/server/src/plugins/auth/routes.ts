import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Auditor } from '../../core/audit';
import { NotAllowedError, NotFoundError } from '../../core/errors';
import type { Principal } from '../../core/identity';
import { CSRF_COOKIE, SESSION_COOKIE } from './credentials';
import { authPermissions } from './permissions';
import type { SignInProvider, SignInTransaction } from './providers/types';
import { newSecret } from './secrets';
import type { SessionStore } from './sessions';
import { MAX_TOKEN_DAYS, type TokenStore } from './tokens';
import type { UserDirectory } from './users';

const TRANSACTION_COOKIE = 'greenroom_signin';
const TRANSACTION_MINUTES = 10;

export interface AuthRouteDeps {
  providers: SignInProvider[];
  guest: boolean;
  /** The portal's public URL: callbacks and cookie security follow it. */
  baseUrl: string;
  sessionMaxAgeMs: number;
  signInRateLimit: number;
  sessions: SessionStore;
  tokens: TokenStore;
  users: UserDirectory;
  audit: Auditor;
}

const startQuery = z.object({ redirect: z.string().optional() });
const tokenBody = z.strictObject({
  name: z.string().trim().min(1, 'give the token a name').max(100),
  scopes: z.array(z.string()).min(1, 'choose at least one scope'),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS),
});

export function registerAuthRoutes(http: FastifyInstance, deps: AuthRouteDeps): void {
  const secure = deps.baseUrl.startsWith('https:');
  const cookieBase = { path: '/', secure, sameSite: 'lax' as const };
  const signInLimit = { rateLimit: { max: deps.signInRateLimit, timeWindow: '1 minute' } };
  const providerById = new Map(deps.providers.map((p) => [p.id, p]));

  http.get('/providers', { config: { public: true } }, async () => ({
    guest: deps.guest,
    providers: deps.providers.map(({ id, title }) => ({ id, title })),
  }));

  http.get('/session', { config: { public: true } }, async (request, reply) => {
    const { principal } = request;
    if (principal.session)
      reply.setCookie(CSRF_COOKIE, principal.session.csrfToken, { ...cookieBase, httpOnly: false, expires: principal.session.expiresAt });
    const guest = principal.type === 'guest';
    return {
      signedIn: principal.type === 'user' || principal.type === 'service',
      guest,
      user: principal.userEntityRef
        ? {
            entityRef: principal.userEntityRef,
            displayName: guest ? 'Guest' : principal.displayName,
            email: principal.email,
            picture: principal.picture,
            ownershipEntityRefs: principal.ownershipEntityRefs,
          }
        : undefined,
      csrfToken: principal.session?.csrfToken ?? '',
      expiresAt: principal.session?.expiresAt.toISOString(),
    };
  });

  http.get<{ Params: { provider: string } }>('/:provider/start', { config: { public: true, ...signInLimit } }, async (request, reply) => {
    const provider = providerOf(request.params.provider);
    const transaction: SignInTransaction = {
      state: newSecret(),
      nonce: newSecret(),
      codeVerifier: newSecret(48),
      redirectUri: callbackUrl(provider),
    };
    const redirect = safeRedirect(startQuery.parse(request.query).redirect);
    const target = await provider.authorizationUrl(transaction);
    reply.setCookie(TRANSACTION_COOKIE, JSON.stringify({ provider: provider.id, redirect, ...transaction }), {
      ...cookieBase,
      path: '/api/auth',
      httpOnly: true,
      signed: true,
      maxAge: TRANSACTION_MINUTES * 60,
    });
    return reply.redirect(target.href);
  });

  http.get<{ Params: { provider: string } }>(
    '/:provider/callback',
    { config: { public: true, ...signInLimit } },
    async (request, reply) => {
      const provider = providerOf(request.params.provider);
      const transaction = readTransaction(request, provider.id);
      reply.clearCookie(TRANSACTION_COOKIE, { ...cookieBase, path: '/api/auth' });
      if (!transaction)
        return failSignIn(reply, request.principal, provider.id, 'the sign-in took too long or was started in another browser; try again');
      let user;
      try {
        const profile = await provider.profile(new URL(request.url, deps.baseUrl), transaction);
        user = await deps.users.signIn(profile);
      } catch (error) {
        request.log.warn({ err: error, provider: provider.id }, 'sign-in failed');
        return failSignIn(reply, request.principal, provider.id, (error as Error).message);
      }
      if (request.principal.session) await deps.sessions.end(request.principal.session.id);
      const session = await deps.sessions.create(user, provider.id);
      const maxAge = Math.floor(deps.sessionMaxAgeMs / 1000);
      reply.setCookie(SESSION_COOKIE, session.id, { ...cookieBase, httpOnly: true, maxAge });
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieBase, httpOnly: false, maxAge });
      deps.audit.record(
        { type: 'user', userEntityRef: user.entityRef, ownershipEntityRefs: user.ownershipEntityRefs, displayName: user.displayName },
        {
          action: 'auth.signin',
          resource: user.entityRef,
          outcome: 'allowed',
          details: { provider: provider.id },
        },
      );
      return reply.redirect(transaction.redirect);
    },
  );

  // Public so that an expired session can still sign out; the CSRF check of core/http applies to a live one.
  http.post('/logout', { config: { public: true, audit: false } }, async (request, reply) => {
    const { session } = request.principal;
    if (session) {
      await deps.sessions.end(session.id);
      deps.audit.record(request.principal, { action: 'auth.signout', resource: request.principal.userEntityRef, outcome: 'allowed' });
    }
    reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);
    return reply.code(204).send();
  });

  http.get('/tokens', { config: { permission: authPermissions.tokenRead } }, async (request) => ({
    items: await deps.tokens.list(signedInUser(request.principal)),
  }));

  http.post('/tokens', { config: { permission: authPermissions.tokenCreate } }, async (request, reply) => {
    const userRef = signedInUser(request.principal);
    const created = await deps.tokens.create(userRef, tokenBody.parse(request.body ?? {}));
    request.auditResource = `token:${created.id} (${created.name})`;
    return reply.code(201).send(created);
  });

  http.delete<{ Params: { id: string } }>(
    '/tokens/:id',
    { config: { permission: authPermissions.tokenRevoke } },
    async (request, reply) => {
      await deps.tokens.revoke(signedInUser(request.principal), request.params.id);
      request.auditResource = `token:${request.params.id}`;
      return reply.code(204).send();
    },
  );

  function providerOf(id: string): SignInProvider {
    const provider = providerById.get(id);
    if (!provider) throw new NotFoundError(`No sign-in provider "${id}" is configured`);
    return provider;
  }

  function callbackUrl(provider: SignInProvider): string {
    return `${deps.baseUrl}/api/auth/${provider.id}/callback`;
  }

  function readTransaction(request: FastifyRequest, providerId: string): (SignInTransaction & { redirect: string }) | undefined {
    const raw = request.cookies[TRANSACTION_COOKIE];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return undefined;
    try {
      const parsed = JSON.parse(unsigned.value) as SignInTransaction & { provider: string; redirect: string };
      return parsed.provider === providerId ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  function failSignIn(reply: FastifyReply, principal: Principal, providerId: string, reason: string) {
    deps.audit.record(principal, { action: 'auth.signin', outcome: 'denied', details: { provider: providerId, reason } });
    return reply.redirect(`/signin?error=${encodeURIComponent(reason)}`);
  }
}

/** Tokens belong to a person who signed in: not to the guest, nor to another token. */
function signedInUser(principal: Principal): string {
  if (principal.type !== 'user' || !principal.userEntityRef) throw new NotAllowedError('Sign in to manage access tokens');
  if (principal.scopes) throw new NotAllowedError('Access tokens cannot manage access tokens; sign in to the portal');
  return principal.userEntityRef;
}

/** Only a path on this portal: never another origin (`//evil`, `/\evil`, `https://…`). */
export function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/';
  return target;
}
