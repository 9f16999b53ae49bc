// Vector search benchmark on the embedded default (PGlite + pgvector): insert throughput, top-20 latency with and
// without filters, and recall@20 of the HNSW index against exact search on the same data, in the same run.
// Usage: npm run bench:vectors -- [--points 100000] [--dim 512] [--queries 200]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, PgVectorStore } from '@glimpse/adapters-postgres';
import { normalize, type VectorFilter, type VectorPoint } from '@glimpse/core';
import { InMemoryVectorStore } from '@glimpse/core/testing';
import { rng } from './library-generator.js';
import { fmtMs, median, percentile } from './stats.js';

const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '100000' },
    dim: { type: 'string', default: '512' },
    queries: { type: 'string', default: '200' },
    clusters: { type: 'string', default: '200' },
    'ef-search': { type: 'string', default: '100' },
  },
});
const N = Number(values.points);
const D = Number(values.dim);
const Q = Number(values.queries);
const C = Number(values.clusters);

// Clustered, like real embeddings: unit cluster centres, each point its centre plus Gaussian noise, so a point's
// cosine similarity to its centre is about 0.75 (photos of one event, one pet, one beach).
const r = rng(1234);
const gauss = () => Math.sqrt(-2 * Math.log(Math.max(r(), 1e-12))) * Math.cos(2 * Math.PI * r());
const centres = Array.from({ length: C }, () => normalize(Float32Array.from({ length: D }, gauss)));
const sigma = 0.9 / Math.sqrt(D);
const sample = () => {
  const c = centres[Math.floor(r() * C)]!;
  return normalize(Float32Array.from(c, (x) => x + sigma * gauss()));
};

const dataDir = await mkdtemp(join(tmpdir(), 'glimpse-bench-vectors-'));
const database = await openDatabase({ kind: 'pglite', dataDir });
const store = await PgVectorStore.open(database.db, `bench-${D}`, D, { efSearch: Number(values['ef-search']) });
const exact = new InMemoryVectorStore(`bench-${D}`, D);

console.log(`Inserting ${N} clustered vectors of dimension ${D} (${C} clusters) into PGlite + pgvector (HNSW) ...`);
const BATCH = 256;
let inserted = 0;
const t0 = performance.now();
while (inserted < N) {
  const points: VectorPoint[] = [];
  for (let i = 0; i < BATCH && inserted < N; i++, inserted++) {
    const video = inserted % 10 === 0;
    points.push({
      contentHash: `c${String(inserted).padStart(7, '0')}`,
      segment: 0,
      vector: sample(),
      kind: video ? 'video' : 'image',
      takenAt: new Date(Date.UTC(2015, 0, 1) + (inserted % 3650) * 86_400_000),
      startSec: video ? 0 : null,
      endSec: video ? 5 : null,
      frameSec: video ? 2 : null,
      paths: [`/photos/folder-${inserted % 20}/${inserted}.jpg`],
    });
  }
  await store.upsert(points);
  await exact.upsert(points);
  if (inserted % 10_000 < BATCH)
    process.stdout.write(`  ${inserted} (${Math.round(inserted / ((performance.now() - t0) / 1000))} points/s)\n`);
}
const insertSec = (performance.now() - t0) / 1000;
console.log(`  insert throughput: ${Math.round(N / insertSec)} points/s (batches of ${BATCH}, HNSW index maintained)`);

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
console.log(`\nTop-20 over ${N} vectors, ${Q} queries each (recall@20 against exact search on the same data):`);
console.log('| query | p50 | p99 | exact search p50 (JS, same data) | recall@20 |');
console.log('|---|---|---|---|---|');
for (const c of cases) {
  const lat: number[] = [];
  const exactLat: number[] = [];
  let recall = 0;
  for (const vector of queries) {
    const q = { vector, limit: 20, ...(c.filter ? { filter: c.filter } : {}) };
    const t1 = performance.now();
    const got = await store.search(q);
    lat.push(performance.now() - t1);
    const t2 = performance.now();
    const want = await exact.search(q);
    exactLat.push(performance.now() - t2);
    const wanted = new Set(want.map((h) => h.contentHash));
    recall += got.filter((h) => wanted.has(h.contentHash)).length / Math.max(1, want.length);
  }
  console.log(
    `| ${c.name} | ${fmtMs(median(lat))} | ${fmtMs(percentile(lat, 99))} | ${fmtMs(median(exactLat))} | ${(recall / Q).toFixed(3)} |`,
  );
}
await database.close();
await rm(dataDir, { recursive: true, force: true });
