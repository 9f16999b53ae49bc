import { GlimpseError, makeScope, type Scope, type SettingsRepository } from '@glimpse/core';
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.js';

const SCOPE = 'scope';

/** Settings as JSON documents in the `settings` table, one row per key. */
export class KyselySettingsRepository implements SettingsRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async loadScope(): Promise<Scope | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', SCOPE).executeTakeFirst();
    if (!row) return null;
    const value = (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as Partial<Scope> & {
      roots?: string[];
    };
    try {
      return makeScope({ ...value, roots: value.roots ?? [] });
    } catch (e) {
      throw new GlimpseError(
        'invalid-input',
        `The saved scope in the database is not valid (${(e as Error).message}); set it again with PUT /api/v1/scope or \`glimpse scan <folders>\`.`,
        { cause: e },
      );
    }
  }

  async saveScope(scope: Scope): Promise<void> {
    const value = JSON.stringify(scope);
    await this.db
      .insertInto('settings')
      .values({ key: SCOPE, value: sql`${value}::jsonb` })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`excluded.value` }))
      .execute();
  }
}
