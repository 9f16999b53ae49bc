// bench:rescan's rescans of a seeded PGlite index, in a process of their own (as `glimpse scan` is), so that the
// peak memory measured is the rescan's: opening the index, the walk and the merge, not the seeding before.
// Usage (by bench/rescan.ts): rescan-child.ts '{"dataDir":...,"root":...,"runs":N,"expected":N}'; prints JSON.
import { join } from 'node:path';
import { AnnIndexes, KyselyFileRepository, openDatabase, PgVectorStore } from '@glimpse/adapters-postgres';
import { makeScope } from '@glimpse/core';
import { DIM, MODEL, timedRescans } from './rescan-runs.js';

const args = JSON.parse(process.argv[2]!) as { dataDir: string; root: string; runs: number; expected: number };
// As `glimpse scan` opens them (a command, not a server): a 16 MB page cache, and the native vector index neither
// warmed nor opened until a search or a write needs it.
const database = await openDatabase({ kind: 'pglite', dataDir: args.dataDir }, { cacheMegabytes: 16 });
const ann = new AnnIndexes({ dir: join(args.dataDir, 'vector-index'), warm: false });
try {
  const vectors = await PgVectorStore.open(database.db, MODEL, DIM, { ann });
  const runs = await timedRescans(
    new KyselyFileRepository(database.db),
    vectors,
    makeScope({ roots: [args.root] }),
    args.runs,
    args.expected,
  );
  process.stdout.write(`${JSON.stringify(runs)}\n`);
} finally {
  await ann.close();
  await database.close();
}
