import type { Kysely } from 'kysely';
import type { Database } from '../../core/database';
import type { UserSettingsTables } from './tables';

/** Where a setting lives: one user's value under a bucket and key. */
export interface SettingAddress {
  userRef: string;
  bucket: string;
  key: string;
}

/** Settings as JSON values; callers never see the stored text. */
export class SettingsStore {
  private readonly db: Kysely<UserSettingsTables>;

  constructor(database: Database) {
    this.db = database.db as Kysely<UserSettingsTables>;
  }

  /** The stored value, or undefined when the setting was never set (or was deleted). */
  async get(address: SettingAddress): Promise<{ value: unknown } | undefined> {
    const row = await this.db
      .selectFrom('user_settings')
      .select('value')
      .where('user_ref', '=', address.userRef)
      .where('bucket', '=', address.bucket)
      .where('key', '=', address.key)
      .executeTakeFirst();
    return row ? { value: JSON.parse(row.value) } : undefined;
  }

  /** Every value one user keeps in a bucket, by key. */
  async list(userRef: string, bucket: string): Promise<Array<{ key: string; value: unknown }>> {
    const rows = await this.db
      .selectFrom('user_settings')
      .select(['key', 'value'])
      .where('user_ref', '=', userRef)
      .where('bucket', '=', bucket)
      .orderBy('key')
      .execute();
    return rows.map((row) => ({ key: row.key, value: JSON.parse(row.value) }));
  }

  async set(address: SettingAddress, valueJson: string): Promise<void> {
    const updatedAt = new Date().toISOString();
    await this.db
      .insertInto('user_settings')
      .values({ user_ref: address.userRef, bucket: address.bucket, key: address.key, value: valueJson, updated_at: updatedAt })
      .onConflict((oc) => oc.columns(['user_ref', 'bucket', 'key']).doUpdateSet({ value: valueJson, updated_at: updatedAt }))
      .execute();
  }

  async delete(address: SettingAddress): Promise<void> {
    await this.db
      .deleteFrom('user_settings')
      .where('user_ref', '=', address.userRef)
      .where('bucket', '=', address.bucket)
      .where('key', '=', address.key)
      .execute();
  }
}
