// The timed part of bench:rescan, shared by the benchmark's own process (the in-memory repository) and the child
// process it starts for a file database (PGlite, PostgreSQL), so that the child's peak memory is a rescan's own.
import { ScanLibrary, type FileRepository, type Scope, type ScanReport, type VectorStore } from '@glimpse/core';
import { NodeCryptoHasher, NodeMediaSource } from '@glimpse/core/node';
import { FakeEmbedder } from '@glimpse/core/testing';
import { median, timeCommand } from './stats.js';

export const MODEL = 'bench';
export const DIM = 8;

export interface RescanRuns {
  readonly rescanMs: number;
  readonly findMs: number;
  /** Repository reads of one rescan. */
  readonly reads: number;
  readonly unchanged: number;
  readonly skipped: number;
  /** Peak resident memory while the timed rescans ran, sampled every 20 ms. */
  readonly peakRssMb: number;
}

/**
 * One warm-up of each, then `runs` rescans alternating with `find -printf` on the same tree; fails unless every
 * rescan left the index as it was (nothing hashed, embedded or written, `expected` files unchanged).
 */
export async function timedRescans(
  repo: FileRepository,
  vectors: VectorStore,
  scope: Scope,
  runs: number,
  expected: number,
): Promise<RescanRuns> {
  let writes = 0;
  let reads = 0;
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
    'listStamps',
    'findByPaths',
    'findContents',
    'listContentsNeedingVectors',
    'pendingVectorDeletions',
    'stats',
  ] as const) {
    count(k, () => reads++);
  }
  const source = new NodeMediaSource();
  const scan = new ScanLibrary({
    files: repo,
    vectors,
    embedder: new FakeEmbedder(source, { modelId: MODEL, dimension: DIM }),
    source,
    hasher: new NodeCryptoHasher(),
  });
  const findArgs = [...scope.roots, '-type', 'f', '-printf', '%s %T@ %p\\n'];

  // Warm the page cache and the JIT for both, then alternate.
  await timeCommand('find', findArgs);
  await scan.run(scope);
  const tFind: number[] = [];
  const tScan: number[] = [];
  let report: ScanReport | null = null;
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
  await source.close();
  const c = report!.counts;
  if (c.unchanged !== expected || c.hashed !== 0 || c.embedded !== 0 || writes !== 0) {
    throw new Error(`rescan was not a no-op: ${JSON.stringify(c)}, ${writes} writes, ${expected} expected unchanged`);
  }
  return {
    rescanMs: median(tScan),
    findMs: median(tFind),
    reads,
    unchanged: c.unchanged,
    skipped: c.skipped,
    peakRssMb: peakRss / 2 ** 20,
  };
}
