import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlimpseError } from '@glimpse/core';
import { aFileWrite, aPoint, axisVector } from '@glimpse/core/testing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type GlimpseDatabase } from './database.js';
import { KyselyFileRepository } from './kysely-file-repository.js';
import { PgIndexMaintenance } from './pg-index-maintenance.js';
import { PgVectorStore, tableName } from './pg-vector-store.js';

let dir: string;
let db: GlimpseDatabase | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-maint-'));
});
afterEach(async () => {
  await db?.close();
  db = null;
  await rm(dir, { recursive: true, force: true });
});

const open = async (options = {}) => (db = await openDatabase({ kind: 'pglite', dataDir: dir }, options));

async function withFiles(n: number): Promise<GlimpseDatabase> {
  const d = await open();
  await new KyselyFileRepository(d.db).apply({
    files: Array.from({ length: n }, (_, i) => aFileWrite({ path: `/p/${i}.jpg` })),
  });
  return d;
}

describe('PgIndexMaintenance on PGlite', () => {
  it('finds paths recorded twice behind a damaged unique index, and repairs them keeping one', async () => {
    const d = await withFiles(3);
    // Damage: the unique index stops being maintained, a duplicate row gets in, then the index is taken for sound.
    await sql`update pg_index set indisready = false where indexrelid = 'files_path_key'::regclass`.execute(d.db);
    await sql`insert into files (path, size, mtime_ns, kind, status) values ('/p/1.jpg', 1, 1, 'image', 'ok')`.execute(
      d.db,
    );
    await sql`update pg_index set indisready = true where indexrelid = 'files_path_key'::regclass`.execute(d.db);
    const maintenance = new PgIndexMaintenance(d.db);
    expect(await maintenance.inspect()).toEqual([
      {
        kind: 'duplicate-paths',
        count: 1,
        message: '1 paths are recorded more than once (the unique index on paths is damaged)',
      },
    ]);
    const done = await maintenance.repair();
    expect(done[0]).toBe('removed 1 duplicate file row(s), keeping one per path');
    expect(await maintenance.inspect()).toEqual([]);
    const rows = await sql<{ n: number }>`select count(*)::int as n from files`.execute(d.db);
    expect(rows.rows[0]!.n).toBe(3);
  });

  it('finds a vector index whose pages were zeroed, and rebuilds it', async () => {
    let d = await open();
    const store = await PgVectorStore.open(d.db, 'tiny', 16);
    await store.upsert(
      Array.from({ length: 16 }, (_, i) => aPoint({ contentHash: `c${i}`, vector: axisVector(16, i) })),
    );
    const file = (
      await sql<{ p: string }>`select pg_relation_filepath(${`${tableName('tiny', 16)}_hnsw`}) as p`.execute(d.db)
    ).rows[0]!.p;
    await d.close();
    db = null;
    const path = join(dir, 'pglite', file);
    await writeFile(path, Buffer.alloc((await stat(path)).size)); // every page zeroed, as a bad disk sector would
    d = await open();
    const damaged = await PgVectorStore.open(d.db, 'tiny', 16);
    const failure = await damaged.search({ vector: axisVector(16, 3), limit: 5 }).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    const maintenance = new PgIndexMaintenance(d.db);
    const found = await maintenance.inspect();
    expect(found.map((p) => p.kind)).toEqual(['damaged-vector-index']);
    expect(found[0]!.message).toMatch(/^the vector index of tiny \(16 dimensions\) cannot be searched: /);
    await maintenance.repair();
    expect(await maintenance.inspect()).toEqual([]);
    expect((await damaged.search({ vector: axisVector(16, 3), limit: 1 }))[0]!.contentHash).toBe('c3');
  });
});

describe('a damaged embedded database is never replaced silently', () => {
  it('refuses a database whose PG_VERSION is gone, and restores that file on repair', async () => {
    await (await withFiles(3)).close();
    db = null;
    await unlink(join(dir, 'pglite', 'PG_VERSION'));
    const refused = await open().catch((e: unknown) => e);
    expect(GlimpseError.is(refused, 'unavailable')).toBe(true);
    expect((refused as Error).message).toMatch(/looks damaged: its file PG_VERSION is missing, so it would be taken/);
    expect((refused as Error).message).toMatch(/Nothing was changed\. Run glimpse index verify --repair/);
    expect(existsSync(join(dir, 'pglite', 'base'))).toBe(true); // untouched
    const repaired: string[] = [];
    const d = await open({ repair: true, onRepair: (w: string) => repaired.push(w) });
    expect(repaired[0]).toMatch(/^restored .*PG_VERSION from .*base\/1\/PG_VERSION$/);
    const rows = await sql<{ n: number }>`select count(*)::int as n from files`.execute(d.db);
    expect(rows.rows[0]!.n).toBe(3);
  });

  it('says a database it cannot read is damaged, in words, instead of "Aborted()"', async () => {
    await (await withFiles(1)).close();
    db = null;
    const control = join(dir, 'pglite', 'global', 'pg_control');
    await writeFile(control, Buffer.alloc((await readFile(control)).length));
    const refused = await open().catch((e: unknown) => e);
    expect(GlimpseError.is(refused, 'unavailable')).toBe(true);
    expect((refused as Error).message).toMatch(/is damaged and cannot be opened \(PGlite stopped: .*\)\. Your photos/);
    expect((refused as Error).message).not.toMatch(/Build with -sASSERTIONS|\[object Object\]/);
  });
});
