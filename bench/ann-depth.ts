// Recall of the native index (USearch, with the parameters Glimpse builds it with) against the depth a search asks
// it for, at a size: the bench:vectors distribution (clustered 512-d points), the exact top 20 from USearch's own
// brute force over the same points, in the same run. What sets the depth the vector store asks for at a million.
// Usage: npm run bench:ann-depth -- [--points 1000000] [--queries 30]
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { ANN_PARAMETERS } from '@glimpse/adapters-postgres';
import type * as usearchTypes from 'usearch';
import { clusteredVectors } from './clustered-vectors.js';
import { fmtMs, median } from './stats.js';

const { values } = parseArgs({
  options: { points: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '30' } },
});
const N = Number(values.points);
const Q = Number(values.queries);
const D = 512;
const C = 200;
const u = createRequire(import.meta.url)('usearch') as typeof usearchTypes;
const vectors = clusteredVectors(D, C);
const flat = new Float32Array(N * D);
for (let i = 0; i < N; i++) flat.set(vectors.pointAt(i), i * D);
const index = new u.Index({
  dimensions: D,
  metric: u.MetricKind.Cos,
  quantization: u.ScalarKind.F32,
  multi: false,
  ...ANN_PARAMETERS,
});
const t0 = performance.now();
for (let i = 0; i < N; i += 4096) {
  const n = Math.min(4096, N - i);
  index.add(
    BigUint64Array.from({ length: n }, (_, k) => BigInt(i + k)),
    flat.subarray(i * D, (i + n) * D),
  );
}
console.log(
  `${N} points added in ${fmtMs(performance.now() - t0)} (${Math.round(N / ((performance.now() - t0) / 1000))}/s)`,
);
const queries = Array.from({ length: Q }, () => vectors.query());
const truth = queries.map((q) => {
  const m = u.exactSearch(flat, q, D, 20, u.MetricKind.Cos, 0) as usearchTypes.Matches;
  return new Set(Array.from(m.keys, Number));
});
const exactLat = queries.map((q) => {
  const t = performance.now();
  u.exactSearch(flat, q, D, 20, u.MetricKind.Cos, 1);
  return performance.now() - t;
});
console.log(
  `\nTop 20 of ${N}, ${Q} queries; baseline: USearch's exact search (one thread) p50 ${fmtMs(median(exactLat))}`,
);
console.log('| depth asked | recall@20 | p50 | exact / this |');
console.log('|---|---|---|---|');
for (const depth of [68, 150, 300, 500, 800, 1200]) {
  let recall = 0;
  const lat: number[] = [];
  queries.forEach((q, j) => {
    const t = performance.now();
    const m = index.search(q, depth, 1);
    lat.push(performance.now() - t);
    recall +=
      Array.from(m.keys, Number)
        .slice(0, 20)
        .filter((id) => truth[j]!.has(id)).length / 20;
  });
  console.log(
    `| ${depth} | ${(recall / Q).toFixed(3)} | ${fmtMs(median(lat))} | ${(median(exactLat) / median(lat)).toFixed(0)}x |`,
  );
}
