import type { FastifyRequest } from 'fastify';
import { AuthenticationError } from '../../core/errors';
import type { CredentialResolver, Principal } from '../../core/identity';
import type { SessionStore } from './sessions';
import type { TokenStore } from './tokens';
import type { SignedInUser } from './users';

export const SESSION_COOKIE = 'greenroom_session';
export const CSRF_COOKIE = 'greenroom_csrf';

/** A session cookie; an unknown or expired one counts as none (the visitor signs in again). */
export function sessionCredentials(sessions: SessionStore): CredentialResolver {
  return async (request) => {
    const id = request.cookies[SESSION_COOKIE];
    if (!id) return undefined;
    const session = await sessions.find(id);
    if (!session) return undefined;
    return { ...userPrincipal(session.user), session: { id, csrfToken: session.csrfToken, expiresAt: session.expiresAt } };
  };
}

/**
 * `Authorization: Bearer <token>`: a service token from config or a personal access token, which
 * acts as its user (groups as the catalog has them now) narrowed to its scopes. A bad token is a 401.
 */
export function bearerCredentials(
  tokens: TokenStore,
  identityOf: (userRef: string) => Promise<SignedInUser | undefined>,
): CredentialResolver {
  return async (request: FastifyRequest): Promise<Principal | undefined> => {
    const header = request.headers.authorization;
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token>"');
    const holder = await tokens.holderOf(match[1]);
    if (!holder) throw new AuthenticationError('The access token is unknown, revoked or expired');
    if (holder.kind === 'service') {
      return {
        type: 'service',
        subject: holder.name,
        displayName: `service:${holder.name}`,
        ownershipEntityRefs: [],
        scopes: holder.scopes,
      };
    }
    const user = await identityOf(holder.userRef);
    if (!user) throw new AuthenticationError(`The access token's user ${holder.userRef} is no longer in the catalog`);
    return { ...userPrincipal(user), scopes: holder.scopes };
  };
}

function userPrincipal(user: SignedInUser): Principal {
  return {
    type: 'user',
    userEntityRef: user.entityRef,
    ownershipEntityRefs: user.ownershipEntityRefs,
    displayName: user.displayName,
    email: user.email,
    picture: user.picture,
  };
}
