import type { IndexMaintenance, StorageProblem } from '@glimpse/core';
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.js';

/**
 * Checks and repairs of the Postgres (or PGlite) database under the index. Reads that must not trust an index
 * (a unique index that let duplicates in) run with index scans turned off; a vector index is probed with one
 * nearest-neighbour query through it.
 */
export class PgIndexMaintenance implements IndexMaintenance {
  /** `afterRepair`: told when rows were changed behind the vector stores' backs (their caches are dropped). */
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly afterRepair: () => Promise<void> = async () => {},
  ) {}

  async inspect(): Promise<StorageProblem[]> {
    const problems: StorageProblem[] = [];
    const dup = await this.withoutIndexes((trx) =>
      sql<{ n: string | number }>`
        select count(*) as n from (select path from files group by path having count(*) > 1) d`.execute(trx),
    );
    const duplicates = Number(dup.rows[0]!.n);
    if (duplicates > 0)
      problems.push({
        kind: 'duplicate-paths',
        count: duplicates,
        message: `${duplicates} paths are recorded more than once (the unique index on paths is damaged)`,
      });
    for (const space of await this.spaces()) {
      const failure = await this.probe(space.table_name);
      if (failure)
        problems.push({
          kind: 'damaged-vector-index',
          count: 1,
          message: `the vector index of ${space.model_id} (${space.dimension} dimensions) cannot be searched: ${failure}`,
        });
      const bad = await sql<{ n: string | number }>`
        select count(*) as n from ${sql.table(space.table_name)}
        where vector_dims(embedding) <> ${space.dimension}`
        .execute(this.db)
        .catch(() => ({ rows: [{ n: 0 }] }));
      const wrong = Number(bad.rows[0]!.n);
      if (wrong > 0)
        problems.push({
          kind: 'wrong-dimension',
          count: wrong,
          message: `${wrong} vectors of ${space.model_id} do not have its ${space.dimension} dimensions`,
        });
    }
    return problems;
  }

  async repair(): Promise<string[]> {
    const done: string[] = [];
    const removed = await this.withoutIndexes((trx) =>
      sql`delete from files a using files b where a.path = b.path and a.ctid > b.ctid`.execute(trx),
    );
    if (Number(removed.numAffectedRows ?? 0) > 0)
      done.push(`removed ${Number(removed.numAffectedRows)} duplicate file row(s), keeping one per path`);
    await sql`reindex table files`.execute(this.db);
    await sql`reindex table contents`.execute(this.db);
    done.push('rebuilt the indexes of the file database');
    for (const space of await this.spaces()) {
      const t = sql.table(space.table_name);
      await sql`delete from ${t} where vector_dims(embedding) <> ${space.dimension}`
        .execute(this.db)
        .catch(() => undefined);
      await sql`reindex table ${t}`.execute(this.db);
      done.push(`rebuilt the vector index of ${space.model_id}`);
    }
    await this.afterRepair();
    return done;
  }

  private spaces() {
    return this.db.selectFrom('vector_spaces').select(['model_id', 'dimension', 'table_name']).execute();
  }

  /** One search through the HNSW index; its error, or null when it answers. */
  private async probe(table: string): Promise<string | null> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await sql`select set_config('enable_seqscan', 'off', true)`.execute(trx);
        await sql`
          select content_hash from ${sql.table(table)}
          order by embedding <=> (select embedding from ${sql.table(table)} limit 1) limit 1`.execute(trx);
      });
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  private withoutIndexes<T>(work: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await sql`select set_config('enable_indexscan', 'off', true)`.execute(trx);
      await sql`select set_config('enable_indexonlyscan', 'off', true)`.execute(trx);
      await sql`select set_config('enable_bitmapscan', 'off', true)`.execute(trx);
      return work(trx);
    });
  }
}
