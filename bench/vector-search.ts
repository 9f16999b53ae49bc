// Vector search benchmark on the embedded default: insert throughput, top-20 latency with and without filters,
// and recall@20 against exact search on the same data, in the same run, for the native HNSW index beside PGlite
// (USearch, the default) and for pgvector's own HNSW index inside PGlite (what Glimpse used before, and uses where
// USearch cannot load), each store on its own database.
// Usage: npm run bench:vectors -- [--points 100000] [--dim 512] [--queries 200] [--stores native,pgvector]
//        [--recall-queries 200] (exact search in JavaScript is slow at a million points: fewer queries for recall)
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnnIndexes, openDatabase, PgVectorStore } from '@glimpse/adapters-postgres';
import { type VectorFilter, type VectorPoint } from '@glimpse/core';
import { InMemoryVectorStore } from '@glimpse/core/testing';
import { clusteredVectors } from './clustered-vectors.js';
import { fmtMs, median, percentile } from './stats.js';

const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '100000' },
    dim: { type: 'string', default: '512' },
    queries: { type: 'string', default: '200' },
    clusters: { type: 'string', default: '200' },
    'ef-search': { type: 'string', default: '100' },
    stores: { type: 'string', default: 'native,pgvector' },
    'recall-queries': { type: 'string' },
  },
});
const STORES = values.stores.split(',') as ('native' | 'pgvector')[];
const RQ = Math.min(Number(values['recall-queries'] ?? values.queries), Number(values.queries));
const N = Number(values.points);
const D = Number(values.dim);
const Q = Number(values.queries);
const C = Number(values.clusters);

const vectors = clusteredVectors(D, C);
const sample = () => vectors.query();

const exact = new InMemoryVectorStore(`bench-${D}`, D);
const pointsAt = (from: number, n: number): VectorPoint[] =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const video = i % 10 === 0;
    return {
      contentHash: `c${String(i).padStart(7, '0')}`,
      segment: 0,
      vector: vectors.pointAt(i), // every store gets the same points
      kind: video ? 'video' : 'image',
      takenAt: new Date(Date.UTC(2015, 0, 1) + (i % 3650) * 86_400_000),
      startSec: video ? 0 : null,
      endSec: video ? 5 : null,
      frameSec: video ? 2 : null,
      paths: [`/photos/folder-${i % 20}/${i}.jpg`],
    };
  });
const BATCH = 256;
for (let i = 0; i < N; i += BATCH) await exact.upsert(pointsAt(i, Math.min(BATCH, N - i)));

const cases: { name: string; filter: VectorFilter | undefined }[] = [
  { name: 'no filter', filter: undefined },
  { name: 'kind = video (10%)', filter: { kind: 'video' } },
  { name: 'folder (5%)', filter: { folder: '/photos/folder-7' } },
  {
    name: 'date range (10%)',
    filter: { takenFrom: new Date(Date.UTC(2020, 0, 1)), takenTo: new Date(Date.UTC(2020, 12, 1)) },
  },
];
const queries = Array.from({ length: Q }, sample);
// The exact answers, once: recall@20 of every store is measured against them.
const wanted = new Map<string, Set<string>[]>();
const exactLat = new Map<string, number[]>();
for (const c of cases) {
  const lists: Set<string>[] = [];
  const lat: number[] = [];
  for (const vector of queries.slice(0, RQ)) {
    const t = performance.now();
    const want = await exact.search({ vector, limit: 20, ...(c.filter ? { filter: c.filter } : {}) });
    lat.push(performance.now() - t);
    lists.push(new Set(want.map((h) => h.contentHash)));
  }
  wanted.set(c.name, lists);
  exactLat.set(c.name, lat);
}

for (const kind of STORES) {
  const dataDir = await mkdtemp(join(tmpdir(), 'glimpse-bench-vectors-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const ann = kind === 'native' ? new AnnIndexes({ dir: join(dataDir, 'vector-index') }) : null;
  const open = () =>
    PgVectorStore.open(database.db, `bench-${D}`, D, {
      efSearch: Number(values['ef-search']),
      ...(ann ? { ann } : {}),
    });
  const store = await open();
  const label = kind === 'native' ? 'native HNSW beside PGlite (USearch)' : "pgvector's HNSW inside PGlite";
  console.log(`\n## ${label}: inserting ${N} clustered vectors of dimension ${D} (${C} clusters) ...`);
  const t0 = performance.now();
  for (let inserted = 0; inserted < N; inserted += BATCH) {
    await store.upsert(pointsAt(inserted, Math.min(BATCH, N - inserted)));
    if ((inserted + BATCH) % 50_000 < BATCH)
      console.log(
        `  ${inserted + BATCH} (${Math.round((inserted + BATCH) / ((performance.now() - t0) / 1000))} points/s)`,
      );
  }
  const insertSec = (performance.now() - t0) / 1000;
  console.log(`  insert throughput: ${Math.round(N / insertSec)} points/s (batches of ${BATCH}, index maintained)`);
  let reopen = '';
  if (ann) {
    const t1 = performance.now();
    await ann.flush();
    const saved = (performance.now() - t1) / 1000;
    const files = readdirSync(ann.options.dir).filter((f) => f.endsWith('.usearch'));
    const bytes = files.reduce((n, f) => n + statSync(join(ann.options.dir, f)).size, 0);
    // A new process's open: the saved file read back, nothing added.
    const again = new AnnIndexes(ann.options);
    const t2 = performance.now();
    const reopened = await PgVectorStore.open(database.db, `bench-${D}`, D, { ann: again });
    await reopened.search({ vector: queries[0]!, limit: 20 });
    reopen = `saved in ${saved.toFixed(2)} s (${(bytes / 2 ** 20).toFixed(0)} MiB on disk, which it takes in memory too); opened again and searched in ${fmtMs(performance.now() - t2)}`;
    await again.close();
    console.log(`  ${reopen}`);
  }
  console.log(
    `\nTop-20 over ${N} vectors, ${Q} queries each (recall@20 over ${RQ} against exact search on the same data):`,
  );
  console.log('| query | p50 | p99 | exact search p50 (JS, same data) | exact / this | recall@20 |');
  console.log('|---|---|---|---|---|---|');
  for (const c of cases) {
    const lat: number[] = [];
    let recall = 0;
    for (const [k, vector] of queries.entries()) {
      const q = { vector, limit: 20, ...(c.filter ? { filter: c.filter } : {}) };
      const t1 = performance.now();
      const got = await store.search(q);
      lat.push(performance.now() - t1);
      const want = wanted.get(c.name)![k];
      if (want) recall += got.filter((h) => want.has(h.contentHash)).length / Math.max(1, want.size);
    }
    const e = median(exactLat.get(c.name)!);
    console.log(
      `| ${c.name} | ${fmtMs(median(lat))} | ${fmtMs(percentile(lat, 99))} | ${fmtMs(e)} | ${(e / median(lat)).toFixed(1)}x | ${(recall / RQ).toFixed(3)} |`,
    );
  }
  console.log(
    `  process memory now: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (the exact store's copy included)`,
  );
  await ann?.close();
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
