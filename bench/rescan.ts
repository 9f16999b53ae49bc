// Rescan benchmark: a rescan with nothing changed, beside `find` on the same tree, in the same run, for each
// file database: in memory, embedded PGlite (with its pgvector store), and a PostgreSQL server. PGlite's rescans run
// in a process of their own on the seeded index (bench/rescan-child.ts), as `glimpse scan` does, and that process's
// peak memory (VmHWM) is reported; the others run in this process, whose peak includes what was seeded.
// Usage: npm run bench:rescan -- [--files N] [--runs R] [--dir DIR] [--only in-memory,pglite,postgres]
//   [--pglite-dir DIR]  (keeps the seeded PGlite index there, and reuses it when it is there already)
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AnnIndexes, KyselyFileRepository, openDatabase, PgVectorStore } from '@glimpse/adapters-postgres';
import { makeScope, type FileRepository, type VectorStore } from '@glimpse/core';
import { InMemoryFileRepository, InMemoryVectorStore } from '@glimpse/core/testing';
import { createDatabase } from '../test-support/create-database.js';
import { startPostgres } from '../test-support/start-postgres.js';
import { generateLibrary } from './library-generator.js';
import { DIM, MODEL, timedRescans, type RescanRuns } from './rescan-runs.js';
import { seedIndex } from './seed-index.js';
import { fmtMs, runNodeMeasured } from './stats.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    dir: { type: 'string' },
    only: { type: 'string', default: 'in-memory,pglite,postgres' },
    'pglite-dir': { type: 'string' },
  },
});
const files = Number(values.files);
const runs = Number(values.runs);
const dir = resolve(values.dir ?? `.bench/library-${files}`);
const only = new Set(values.only.split(','));

console.log(`Generating (or reusing) a ${files}-file library at ${dir} ...`);
const lib = generateLibrary(dir, files);
console.log(`  ${lib.media} media files in ${lib.folders} folders`);

interface Opened {
  readonly files: FileRepository;
  readonly vectors: VectorStore;
  readonly note: string;
  /** Already seeded (a kept PGlite index): its file count. */
  readonly seeded?: number;
  /** Rescans in a process of their own on this index, once seeded and closed. */
  readonly child?: { readonly dataDir: string };
  close(): Promise<void>;
  /** Removes what was made for the run (kept with --pglite-dir). */
  discard?(): Promise<void>;
}

const subjects: { name: string; open: () => Promise<Opened> }[] = [
  {
    name: 'in-memory',
    open: async () => ({
      files: new InMemoryFileRepository(),
      vectors: new InMemoryVectorStore(MODEL, DIM),
      note: '',
      close: async () => {},
    }),
  },
  {
    name: 'pglite',
    open: async () => {
      const kept = values['pglite-dir'] ? resolve(values['pglite-dir']) : null;
      const dataDir = kept ?? (await mkdtemp(join(tmpdir(), 'glimpse-bench-pglite-')));
      const reused = kept !== null && existsSync(join(kept, 'pglite'));
      const database = await openDatabase({ kind: 'pglite', dataDir });
      // As the embedded default is built: the vectors in PGlite, searched through the native index beside it.
      const ann = new AnnIndexes({ dir: join(dataDir, 'vector-index') });
      const repo = new KyselyFileRepository(database.db);
      return {
        files: repo,
        vectors: await PgVectorStore.open(database.db, MODEL, DIM, { ann }),
        note: 'vectors in PGlite, with the native index beside it; rescans in a process of their own',
        ...(reused ? { seeded: (await repo.stats(MODEL)).files } : {}),
        child: { dataDir },
        close: async () => {
          await ann.close();
          await database.close();
        },
        discard: async () => {
          if (!kept) await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    open: async () => {
      const server = await startPostgres();
      const { url } = await createDatabase(server.url);
      const database = await openDatabase({ kind: 'postgres', url });
      return {
        files: new KyselyFileRepository(database.db),
        vectors: new InMemoryVectorStore(MODEL, DIM), // the npm-provided server has no pgvector
        note: 'PostgreSQL 17 on loopback; vectors in memory (no pgvector on this server)',
        close: async () => {
          await database.close();
          await server.stop();
        },
      };
    },
  },
].filter((s) => only.has(s.name));

const scope = makeScope({ roots: [dir] });
const rows: (RescanRuns & { name: string; note: string; peakNote: string })[] = [];

for (const s of subjects) {
  const opened = await s.open();
  const t0 = performance.now();
  const seeded = opened.seeded ?? (await seedIndex(scope, opened.files, opened.vectors));
  console.log(
    `  ${s.name}: ${opened.seeded === undefined ? 'seeded' : 'reused an index of'} ${seeded} files in ` +
      `${fmtMs(performance.now() - t0)}`,
  );
  let r: RescanRuns;
  let peakNote = 'this process, sampled every 20 ms while rescanning (the seeded data included)';
  if (opened.child) {
    await opened.close(); // the child opens it (a data directory is held by one process at a time)
    const args = { dataDir: opened.child.dataDir, root: dir, runs, expected: seeded };
    const child = await runNodeMeasured(
      ['--conditions=@glimpse/source', '--import', 'tsx', 'bench/rescan-child.ts', JSON.stringify(args)],
      process.env,
      join(tmpdir(), 'glimpse-bench-rescan-probe'),
    );
    if (child.code !== 0) throw new Error(`the rescan process failed (exit ${child.code}): ${child.stderr}`);
    r = { ...(JSON.parse(child.stdout.trim().split('\n').pop()!) as RescanRuns), peakRssMb: child.peakMb };
    peakNote = 'the rescan process from its start (VmHWM: opening the index, the warm-up, every rescan)';
    await opened.discard?.();
  } else {
    r = await timedRescans(opened.files, opened.vectors, scope, runs, seeded);
    await opened.close();
  }
  rows.push({ ...r, name: s.name, note: opened.note, peakNote });
  console.log(
    `  ${s.name}: ${r.unchanged} unchanged, ${r.skipped} skipped, 0 hashed, 0 embedded, 0 writes, ${r.reads} repository reads`,
  );
}

console.log(`\nRescan of ${files} files with nothing changed (median of ${runs}; ratio = rescan / find):`);
console.log('| file database | rescan | find -printf | ratio | repository calls | peak memory | of what | note |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${fmtMs(r.rescanMs)} | ${fmtMs(r.findMs)} | ${(r.rescanMs / r.findMs).toFixed(2)}x | ${r.reads} | ` +
      `${r.peakRssMb.toFixed(0)} MB | ${r.peakNote} | ${r.note} |`,
  );
}
