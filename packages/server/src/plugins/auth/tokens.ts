import { randomUUID } from 'node:crypto';
import type { AccessToken } from '@greenroom/model';
import type { Kysely } from 'kysely';
import type { Config } from '../../core/config';
import type { Database } from '../../core/database';
import { InputError, NotFoundError } from '../../core/errors';
import { TOKEN_SCOPES } from '../../core/scopes';
import { newSecret, sameDigest, sha256 } from './secrets';
import type { AuthTables } from './tables';

/** Personal access tokens start with this, so secret scanners and people recognise them. */
export const TOKEN_PREFIX = 'grn_';
export const MAX_TOKEN_DAYS = 366;


export type TokenHolder =
  { kind: 'user'; userRef: string; scopes: string[]; tokenId: string } | { kind: 'service'; name: string; scopes: string[] };

/** Personal access tokens (in the database, hashed) and service tokens (in config, hashed). */
export class TokenStore {
  private readonly db: Kysely<AuthTables>;

  constructor(
    database: Database,
    private readonly configTokens: Config['auth']['tokens'],
  ) {
    this.db = database.db as Kysely<AuthTables>;
  }

  async create(
    userRef: string,
    input: { name: string; scopes: string[]; expiresInDays: number },
  ): Promise<AccessToken & { token: string }> {
    const unknown = input.scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0) throw new InputError(`scopes: unknown scope ${unknown.join(', ')} (known: ${TOKEN_SCOPES.join(', ')})`);
    const token = `${TOKEN_PREFIX}${newSecret()}`;
    const now = new Date();
    const row = {
      id: randomUUID(),
      token_hash: sha256(token),
      user_ref: userRef,
      name: input.name,
      scopes: JSON.stringify(input.scopes),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
      last_used_at: null,
    };
    await this.db.insertInto('auth_tokens').values(row).execute();
    return { ...present(row), token };
  }

  async list(userRef: string): Promise<AccessToken[]> {
    const rows = await this.db
      .selectFrom('auth_tokens')
      .selectAll()
      .where('user_ref', '=', userRef)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(present);
  }

  /** Revokes one of the user's own tokens; someone else's is "not found", as if it did not exist. */
  async revoke(userRef: string, id: string): Promise<void> {
    const result = await this.db.deleteFrom('auth_tokens').where('id', '=', id).where('user_ref', '=', userRef).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFoundError(`You have no access token ${id}`);
  }

  /** Who a bearer token belongs to; undefined when it is unknown, revoked or expired. */
  async holderOf(token: string): Promise<TokenHolder | undefined> {
    const digest = sha256(token);
    const now = Date.now();
    const service = this.configTokens.find((t) => sameDigest(t.sha256, digest));
    if (service)
      return !service.expiresAt || service.expiresAt.getTime() > now
        ? { kind: 'service', name: service.name, scopes: service.scopes }
        : undefined;
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const row = await this.db.selectFrom('auth_tokens').selectAll().where('token_hash', '=', digest).executeTakeFirst();
    if (!row || Date.parse(row.expires_at) <= now) return undefined;
    // Last use is for the owner's eyes; an hour's precision spares a write per request.
    if (!row.last_used_at || now - Date.parse(row.last_used_at) > 3_600_000) {
      await this.db
        .updateTable('auth_tokens')
        .set({ last_used_at: new Date(now).toISOString() })
        .where('id', '=', row.id)
        .execute();
    }
    return { kind: 'user', userRef: row.user_ref, scopes: JSON.parse(row.scopes) as string[], tokenId: row.id };
  }
}

function present(row: AuthTables['auth_tokens']): AccessToken {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at ?? undefined,
  };
}
