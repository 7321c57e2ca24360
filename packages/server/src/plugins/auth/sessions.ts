import type { Kysely } from 'kysely';
import type { Database } from '../../core/database';
import { newSecret, sha256 } from './secrets';
import type { AuthTables } from './tables';
import type { SignedInUser } from './users';

export interface Session {
  id: string;
  user: SignedInUser;
  csrfToken: string;
  expiresAt: Date;
}

export interface SessionTimes {
  idleMs: number;
  maxAgeMs: number;
  /** How often a session re-reads its user's groups from the catalog. */
  refreshIdentityMs: number;
}

/**
 * Server-side sessions: the browser holds a random id in an httpOnly cookie, the database its hash.
 * Each use slides the idle expiry (at most once a minute, to spare writes); nothing outlives maxAge.
 */
export class SessionStore {
  private readonly db: Kysely<AuthTables>;

  constructor(
    database: Database,
    private readonly times: SessionTimes,
    private readonly reloadIdentity: (userRef: string) => Promise<SignedInUser | undefined>,
  ) {
    this.db = database.db as Kysely<AuthTables>;
  }

  /** Starts a session; answers the id for the cookie (never stored as is). */
  async create(user: SignedInUser, provider: string): Promise<Session> {
    const id = newSecret();
    const now = Date.now();
    const session = { id, user, csrfToken: newSecret(), expiresAt: new Date(Math.min(now + this.times.idleMs, now + this.times.maxAgeMs)) };
    await this.db
      .insertInto('auth_sessions')
      .values({
        id_hash: sha256(id),
        user_ref: user.entityRef,
        identity: JSON.stringify(user),
        csrf_token: session.csrfToken,
        provider,
        created_at: iso(now),
        refreshed_at: iso(now),
        idle_expires_at: session.expiresAt.toISOString(),
        expires_at: iso(now + this.times.maxAgeMs),
      })
      .execute();
    return session;
  }

  /** The live session of a cookie value; undefined when unknown, expired or its user left the catalog. */
  async find(id: string): Promise<Session | undefined> {
    const idHash = sha256(id);
    const row = await this.db.selectFrom('auth_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    if (!row) return undefined;
    const now = Date.now();
    if (Date.parse(row.idle_expires_at) <= now || Date.parse(row.expires_at) <= now) {
      await this.end(id);
      return undefined;
    }
    let user = JSON.parse(row.identity) as SignedInUser;
    const update: Partial<AuthTables['auth_sessions']> = {};
    if (now - Date.parse(row.refreshed_at) >= this.times.refreshIdentityMs) {
      const fresh = await this.reloadIdentity(row.user_ref);
      if (!fresh) {
        await this.end(id);
        return undefined;
      }
      user = { ...fresh, picture: fresh.picture ?? user.picture };
      Object.assign(update, { identity: JSON.stringify(user), refreshed_at: iso(now) });
    }
    let idleExpiresAt = Date.parse(row.idle_expires_at);
    const slid = Math.min(now + this.times.idleMs, Date.parse(row.expires_at));
    if (slid - idleExpiresAt >= 60_000) {
      idleExpiresAt = slid;
      update.idle_expires_at = iso(slid);
    }
    if (Object.keys(update).length > 0) await this.db.updateTable('auth_sessions').set(update).where('id_hash', '=', idHash).execute();
    return { id, user, csrfToken: row.csrf_token, expiresAt: new Date(idleExpiresAt) };
  }

  async end(id: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('id_hash', '=', sha256(id)).execute();
  }

  /** Forgets sessions that ended without a sign-out. */
  async sweep(): Promise<void> {
    const now = iso(Date.now());
    await this.db
      .deleteFrom('auth_sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('idle_expires_at', '<=', now)]))
      .execute();
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
