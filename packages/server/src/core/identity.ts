import type { FastifyRequest } from 'fastify';
import { extensionPoint } from './plugin';

/** Who is calling. */
export interface Principal {
  /** `anonymous`: nobody signed in and guest mode is off; only public routes answer it. */
  type: 'user' | 'service' | 'guest' | 'anonymous';
  /** Entity ref of the user, e.g. `user:default/jane`. */
  userEntityRef?: string;
  /** The user plus every group they belong to, parent groups included; drives ownership rules. */
  ownershipEntityRefs: string[];
  displayName: string;
  email?: string;
  picture?: string;
  /** Set for access tokens: what the token may do, within what its holder may do (core/scopes.ts). */
  scopes?: string[];
  /** Set when the caller came with a session cookie: state-changing requests must echo it (CSRF). */
  session?: { id: string; csrfToken: string; expiresAt: Date };
  /** A service's name (a config token), e.g. `ci`. */
  subject?: string;
}

export const guestPrincipal: Principal = {
  type: 'guest',
  userEntityRef: 'user:default/guest',
  ownershipEntityRefs: ['user:default/guest'],
  displayName: 'guest',
};

export const anonymousPrincipal: Principal = { type: 'anonymous', ownershipEntityRefs: [], displayName: 'anonymous' };

/**
 * Recognises one kind of credential on a request (a session cookie, a bearer token). Answers
 * undefined when the request carries none of its kind, and throws AuthenticationError when it
 * carries one that is not valid (expired, revoked, forged): a bad credential never falls back to guest.
 */
export type CredentialResolver = (request: FastifyRequest) => Promise<Principal | undefined>;

/** Plugins (the auth plugin) contribute the credentials the server accepts. */
export const credentialResolvers = extensionPoint<CredentialResolver>('core.credentialResolvers');

export interface Identity {
  resolve(request: FastifyRequest): Promise<Principal>;
}

/** The first resolver that recognises a credential decides; without any, the guest (when on) or anonymous. */
export function createIdentity(options: { guest: boolean; resolvers: () => CredentialResolver[] }): Identity {
  return {
    async resolve(request) {
      for (const resolver of options.resolvers()) {
        const principal = await resolver(request);
        if (principal) return principal;
      }
      return options.guest ? guestPrincipal : anonymousPrincipal;
    },
  };
}

/** Guest-only identity, for tests of routes that do not care who calls. */
export const guestIdentity: Identity = { resolve: async () => guestPrincipal };
