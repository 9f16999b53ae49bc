import { GlimpseError, makeScope, type IndexModel, type Scope, type SettingsRepository } from '@glimpse/core';
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.js';

const SCOPE = 'scope';
const MODEL = 'index_model';

/** Settings as JSON documents in the `settings` table, one row per key. */
export class KyselySettingsRepository implements SettingsRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async loadScope(): Promise<Scope | null> {
    const value = (await this.get(SCOPE)) as (Partial<Scope> & { roots?: string[] }) | null;
    if (value === null) return null;
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
    await this.put(SCOPE, scope);
  }

  async loadIndexModel(): Promise<IndexModel | null> {
    const value = await this.get(MODEL);
    if (value === null) return null;
    const m = value as Partial<IndexModel>;
    if (typeof m.model !== 'string' || typeof m.modelId !== 'string' || typeof m.dimension !== 'number') {
      throw new GlimpseError(
        'invalid-input',
        `The model recorded in the index is not readable (${JSON.stringify(value)}); name the model with --model.`,
      );
    }
    return { model: m.model, modelId: m.modelId, dimension: m.dimension };
  }

  async saveIndexModel(model: IndexModel): Promise<void> {
    await this.put(MODEL, { model: model.model, modelId: model.modelId, dimension: model.dimension });
  }

  private async get(key: string): Promise<unknown> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    if (!row) return null;
    return typeof row.value === 'string' ? JSON.parse(row.value) : row.value;
  }

  private async put(key: string, value: unknown): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value: sql`${JSON.stringify(value)}::jsonb` })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`excluded.value` }))
      .execute();
  }
}
