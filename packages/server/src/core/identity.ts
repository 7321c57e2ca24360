import type { FastifyRequest } from 'fastify';

/** Who is calling. Guests exist only while guest mode is on (the embedded demo). */
export interface Principal {
  type: 'user' | 'service' | 'guest';
  /** Entity ref of the user, e.g. `user:default/guest`. */
  userEntityRef?: string;
  /** The user plus every group they belong to; drives ownership rules. */
  ownershipEntityRefs: string[];
  displayName: string;
}

export const guestPrincipal: Principal = {
  type: 'guest',
  userEntityRef: 'user:default/guest',
  ownershipEntityRefs: ['user:default/guest'],
  displayName: 'guest',
};

export interface Identity {
  resolve(request: FastifyRequest): Promise<Principal>;
}

/** Guest-only identity; sign-in providers replace this (see the sign-in issue). */
export const guestIdentity: Identity = { resolve: async () => guestPrincipal };
