import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KyselyFileRepository, openDatabase, PgVectorStore } from '@glimpse/adapters-postgres';
import { makeScope, subtreeRange } from '@glimpse/core';
import { sql } from 'kysely';
import { seedIndex } from './seed-index.js';
const dir = '/work/main/.bench/library-100000';
const dataDir = await mkdtemp(join(tmpdir(), 'pgprof-'));
const database = await openDatabase({ kind: 'pglite', dataDir });
const repo = new KyselyFileRepository(database.db);
const vectors = await PgVectorStore.open(database.db, 'bench', 8);
await seedIndex(makeScope({ roots: [dir] }), repo, vectors);
const time = async (label: string, f: () => Promise<unknown>) => {
  await f();
  const t = performance.now();
  for (let i = 0; i < 5; i++) await f();
  console.log(label, ((performance.now() - t) / 5).toFixed(1), 'ms');
};
const r = subtreeRange(dir);
const mid = (await repo.list(r, 50000)).at(-1)!.path;
await time('list 5000 (start)', () => repo.list(r, 5000));
await time('list 5000 (middle)', () => repo.list(r, 5000, mid));
await time('list 20000 (middle)', () => repo.list(r, 20000, mid));
await time('json 4 cols 5000', async () =>
  JSON.parse(
    (
      await sql<{
        j: string;
      }>`select coalesce(json_agg(json_build_array(path, size, mtime_ns::text, kind) order by path), '[]')::text as j from (select * from files where path > ${mid} and path < ${r.to} order by path limit 5000) f`.execute(
        database.db,
      )
    ).rows[0]!.j,
  ),
);
await time('explain', async () =>
  console.log(
    (
      await sql<
        Record<string, string>
      >`explain analyze select * from files where path > ${mid} and path < ${r.to} order by path limit 5000`.execute(
        database.db,
      )
    ).rows
      .map((x) => Object.values(x)[0])
      .join('\n'),
  ),
);
await time('stats', () => repo.stats('bench'));
await time('vec count', () => vectors.count());
await database.close();
