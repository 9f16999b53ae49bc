// Rescan benchmark: a rescan with nothing changed, beside `find` on the same tree, in the same run, for each
// file database: in memory, embedded PGlite (with its pgvector store), and a PostgreSQL server.
// Usage: npm run bench:rescan -- [--files N] [--runs R] [--dir DIR] [--only in-memory,pglite,postgres]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AnnIndexes, KyselyFileRepository, openDatabase, PgVectorStore } from '@glimpse/adapters-postgres';
import { makeScope, ScanLibrary, type FileRepository, type ScanReport, type VectorStore } from '@glimpse/core';
import { NodeCryptoHasher, NodeMediaSource } from '@glimpse/core/node';
import { FakeEmbedder, InMemoryFileRepository, InMemoryVectorStore } from '@glimpse/core/testing';
import { createDatabase } from '../test-support/create-database.js';
import { startPostgres } from '../test-support/start-postgres.js';
import { generateLibrary } from './library-generator.js';
import { seedIndex } from './seed-index.js';
import { fmtMs, median, timeCommand } from './stats.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    dir: { type: 'string' },
    only: { type: 'string', default: 'in-memory,pglite,postgres' },
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
  close(): Promise<void>;
}
const MODEL = 'bench';
const DIM = 8;

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
      const dataDir = await mkdtemp(join(tmpdir(), 'glimpse-bench-pglite-'));
      const database = await openDatabase({ kind: 'pglite', dataDir });
      // As the embedded default is built: the vectors in PGlite, searched through the native index beside it.
      const ann = new AnnIndexes({ dir: join(dataDir, 'vector-index') });
      return {
        files: new KyselyFileRepository(database.db),
        vectors: await PgVectorStore.open(database.db, MODEL, DIM, { ann }),
        note: 'vectors in PGlite, with the native index beside it',
        close: async () => {
          await ann.close();
          await database.close();
          await rm(dataDir, { recursive: true, force: true });
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
const findArgs = [dir, '-type', 'f', '-printf', '%s %T@ %p\\n'];
const rows: { name: string; rescan: number; find: number; roundTrips: number; note: string; peakMb: number }[] = [];

for (const s of subjects) {
  const opened = await s.open();
  const t0 = performance.now();
  const seeded = await seedIndex(scope, opened.files, opened.vectors);
  console.log(`  ${s.name}: seeded ${seeded} files in ${fmtMs(performance.now() - t0)}`);
  let writes = 0;
  let reads = 0;
  const repo = opened.files;
  const count = <K extends keyof FileRepository>(k: K, on: () => void) => {
    const f = (repo[k] as (...a: unknown[]) => unknown).bind(repo);
    (repo as unknown as Record<string, unknown>)[k] = (...a: unknown[]) => {
      on();
      return f(...a);
    };
  };
  count('apply', () => writes++);
  for (const k of [
    'list',
    'findByPaths',
    'findContents',
    'listContentsNeedingVectors',
    'pendingVectorDeletions',
    'stats',
  ] as const) {
    count(k, () => reads++);
  }
  const source = new NodeMediaSource();
  const embedder = new FakeEmbedder(source, { modelId: MODEL, dimension: DIM });
  const scan = new ScanLibrary({
    files: repo,
    vectors: opened.vectors,
    embedder,
    source,
    hasher: new NodeCryptoHasher(),
  });

  // Warm the page cache and the JIT for both, then alternate.
  await timeCommand('find', findArgs);
  await scan.run(scope);
  const tFind: number[] = [];
  const tScan: number[] = [];
  let report: ScanReport | null = null;
  // The process's resident memory while the rescans run, sampled every 20 ms (the seeding before is not counted).
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  for (let i = 0; i < runs; i++) {
    tFind.push(await timeCommand('find', findArgs));
    reads = 0;
    const t1 = performance.now();
    report = await scan.run(scope);
    tScan.push(performance.now() - t1);
  }
  clearInterval(sampler);
  const c = report!.counts;
  if (c.unchanged !== seeded || c.hashed !== 0 || c.embedded !== 0 || writes !== 0) {
    throw new Error(`rescan was not a no-op: ${JSON.stringify(c)}, ${writes} writes`);
  }
  rows.push({
    name: s.name,
    rescan: median(tScan),
    find: median(tFind),
    roundTrips: reads,
    note: opened.note,
    peakMb: peakRss / 2 ** 20,
  });
  console.log(
    `  ${s.name}: ${c.unchanged} unchanged, ${c.skipped} skipped, 0 hashed, 0 embedded, 0 writes, ${reads} repository reads`,
  );
  await opened.close();
}

console.log(`\nRescan of ${files} files with nothing changed (median of ${runs}; ratio = rescan / find):`);
console.log(
  '| file database | rescan | find -printf | ratio | repository calls | peak memory while rescanning | note |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${fmtMs(r.rescan)} | ${fmtMs(r.find)} | ${(r.rescan / r.find).toFixed(2)}x | ${r.roundTrips} | ` +
      `${r.peakMb.toFixed(0)} MB | ${r.note} |`,
  );
}
console.log(
  '\nPeak memory is the whole process (the index, PGlite, the seeded data of the subjects before it), sampled every 20 ms.',
);
