import { parseEntityRef, stringifyEntityRef, type Entity } from '@greenroom/model';
import type { SignInResolverConfig } from '../../core/config';
import { AuthenticationError } from '../../core/errors';
import type { CatalogApi } from '../catalog/extensions';

/** Who signed in, as the portal knows them: their User entity and everything they own through. */
export interface SignedInUser {
  entityRef: string;
  displayName: string;
  email?: string;
  picture?: string;
  /** The user plus every group they belong to, parent groups included. */
  ownershipEntityRefs: string[];
}

/** What a provider tells us about the person who just signed in. */
export interface ProviderProfile {
  /** A verified email, when the provider gives one. */
  email?: string;
  displayName?: string;
  picture?: string;
  /** Every claim (OIDC) or profile field (GitHub: `login`, `id`…), for name and annotation resolvers. */
  claims: Record<string, unknown>;
}

/** Sign-in resolution and ownership, answered from the catalog. */
export class UserDirectory {
  constructor(
    private readonly catalog: () => CatalogApi,
    private readonly options: { resolvers: SignInResolverConfig[]; allowWithoutUserEntity: boolean },
  ) {}

  /** The catalog user a provider profile belongs to; refuses (with the reason) when there is none. */
  async signIn(profile: ProviderProfile): Promise<SignedInUser> {
    for (const resolver of this.options.resolvers) {
      const matches = await this.candidates(resolver, profile);
      if (matches.length > 1) {
        throw new AuthenticationError(
          `${describe(resolver, profile)} matches several users (${matches.map(refOf).join(', ')}); ask an admin to fix the catalog`,
        );
      }
      if (matches.length === 1) return { ...(await this.identityOfEntity(matches[0])), ...profilePresentation(profile, matches[0]) };
    }
    if (!this.options.allowWithoutUserEntity) {
      const tried = this.options.resolvers.map((r) => describe(r, profile)).join('; ');
      throw new AuthenticationError(`No user in the catalog matches you (${tried})`);
    }
    const name = sanitizeName(
      profile.email?.split('@')[0] ?? String(profile.claims.login ?? profile.claims.preferred_username ?? profile.claims.sub ?? ''),
    );
    if (!name) throw new AuthenticationError('The provider gave neither an email nor a user name to sign you in with');
    const entityRef = `user:default/${name}`;
    return {
      entityRef,
      displayName: profile.displayName ?? name,
      email: profile.email,
      picture: profile.picture,
      ownershipEntityRefs: [entityRef],
    };
  }

  /** The current identity of a user ref (groups change in the catalog); undefined once the User is gone. */
  async identityOf(userRef: string): Promise<SignedInUser | undefined> {
    const entity = await this.catalog().getEntityByRef(userRef);
    if (!entity)
      return this.options.allowWithoutUserEntity
        ? { entityRef: userRef, displayName: parseEntityRef(userRef).name, ownershipEntityRefs: [userRef] }
        : undefined;
    return this.identityOfEntity(entity);
  }

  private async identityOfEntity(user: Entity): Promise<SignedInUser> {
    const entityRef = refOf(user);
    const profile = (user.spec?.profile ?? {}) as { displayName?: string; email?: string; picture?: string };
    return {
      entityRef,
      displayName: profile.displayName ?? user.metadata.title ?? user.metadata.name,
      email: profile.email,
      picture: profile.picture,
      ownershipEntityRefs: [entityRef, ...(await this.groupsOf(user))],
    };
  }

  /** The user's groups and, transitively, their parent groups (each once, even in a cycle). */
  private async groupsOf(user: Entity): Promise<string[]> {
    const seen = new Set<string>();
    let frontier = targets(user, 'memberOf');
    while (frontier.length > 0) {
      const fresh = frontier.filter((ref) => !seen.has(ref));
      fresh.forEach((ref) => seen.add(ref));
      const groups = await this.catalog().getEntitiesByRefs(fresh);
      frontier = groups.flatMap((group) => (group ? targets(group, 'childOf') : []));
    }
    return [...seen];
  }

  private async candidates(resolver: SignInResolverConfig, profile: ProviderProfile): Promise<Entity[]> {
    const catalog = this.catalog();
    switch (resolver.match) {
      case 'email':
        return profile.email && !/[,=]/.test(profile.email)
          ? catalog.getEntities({ filter: `kind=user,spec.profile.email=${profile.email}`, limit: 2 })
          : [];
      case 'emailLocalPart': {
        const local = profile.email?.split('@')[0];
        return local ? present(await catalog.getEntityByRef(`user:default/${local}`)) : [];
      }
      case 'name': {
        const name = claim(profile, resolver.claim);
        return name ? present(await catalog.getEntityByRef(`user:default/${name}`)) : [];
      }
      case 'annotation': {
        const value = claim(profile, resolver.claim);
        return value ? catalog.getEntities({ filter: `kind=user,metadata.annotations.${resolver.annotation}=${value}`, limit: 2 }) : [];
      }
    }
  }
}

const refOf = (entity: Entity) => stringifyEntityRef(entity);
const present = (entity: Entity | undefined) => (entity ? [entity] : []);

function targets(entity: Entity, type: string): string[] {
  return (entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef);
}

/** A claim as text, when it is one a catalog filter can hold (no commas or `=`, which the filter syntax uses). */
function claim(profile: ProviderProfile, name: string): string | undefined {
  const value = profile.claims[name];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value);
  return text && !/[,=]/.test(text) ? text : undefined;
}

function describe(resolver: SignInResolverConfig, profile: ProviderProfile): string {
  switch (resolver.match) {
    case 'email':
      return `email ${profile.email ?? '(none given)'}`;
    case 'emailLocalPart':
      return `user name from email ${profile.email ?? '(none given)'}`;
    case 'name':
      return `user name ${claim(profile, resolver.claim) ?? `(no ${resolver.claim} claim)`}`;
    case 'annotation':
      return `${resolver.annotation} = ${claim(profile, resolver.claim) ?? `(no ${resolver.claim} claim)`}`;
  }
}

/** The catalog's name and picture win; the provider's fill gaps. */
function profilePresentation(profile: ProviderProfile, user: Entity): Partial<SignedInUser> {
  const catalogProfile = (user.spec?.profile ?? {}) as { displayName?: string; picture?: string; email?: string };
  return {
    displayName: catalogProfile.displayName ?? user.metadata.title ?? profile.displayName ?? user.metadata.name,
    email: catalogProfile.email ?? profile.email,
    picture: catalogProfile.picture ?? profile.picture,
  };
}

function sanitizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 63);
}
