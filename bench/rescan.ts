// Rescan benchmark: a rescan with nothing changed, beside `find` on the same tree, in the same run.
// Usage: npm run bench:rescan -- [--files N] [--runs R] [--dir DIR]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeScope, ScanLibrary, type FileRepository, type ScanReport } from '@glimpse/core';
import { NodeCryptoHasher, NodeMediaSource } from '@glimpse/core/node';
import { FakeEmbedder, InMemoryFileRepository, InMemoryVectorStore } from '@glimpse/core/testing';
import { generateLibrary } from './library-generator.js';
import { seedIndex } from './seed-index.js';
import { fmtMs, median, timeCommand } from './stats.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    dir: { type: 'string' },
  },
});
const files = Number(values.files);
const runs = Number(values.runs);
const dir = resolve(values.dir ?? `.bench/library-${files}`);

console.log(`Generating (or reusing) a ${files}-file library at ${dir} ...`);
const lib = generateLibrary(dir, files);
console.log(`  ${lib.media} media files in ${lib.folders} folders`);

interface Subject {
  readonly name: string;
  readonly repo: FileRepository;
  close(): Promise<void>;
}

const subjects: Subject[] = [{ name: 'in-memory', repo: new InMemoryFileRepository(), close: async () => {} }];

const scope = makeScope({ roots: [dir] });
const findArgs = [dir, '-type', 'f', '-printf', '%s %T@ %p\\n'];
const rows: { name: string; rescan: number; find: number }[] = [];

for (const s of subjects) {
  const source = new NodeMediaSource();
  const embedder = new FakeEmbedder(source, { modelId: 'bench', dimension: 8 });
  const vectors = new InMemoryVectorStore(embedder.modelId, embedder.dimension);
  const seeded = await seedIndex(scope, s.repo, vectors);
  let writes = 0;
  const repo = s.repo;
  const apply = repo.apply.bind(repo);
  repo.apply = (b) => {
    writes++;
    return apply(b);
  };
  const scan = new ScanLibrary({ files: repo, vectors, embedder, source, hasher: new NodeCryptoHasher() });

  // Warm the page cache and the JIT for both, then alternate.
  await timeCommand('find', findArgs);
  await scan.run(scope);
  const tFind: number[] = [];
  const tScan: number[] = [];
  let report: ScanReport | null = null;
  for (let i = 0; i < runs; i++) {
    tFind.push(await timeCommand('find', findArgs));
    const t0 = performance.now();
    report = await scan.run(scope);
    tScan.push(performance.now() - t0);
  }
  const c = report!.counts;
  if (c.unchanged !== seeded || c.hashed !== 0 || c.embedded !== 0 || writes !== 0) {
    throw new Error(`rescan was not a no-op: ${JSON.stringify(c)}, ${writes} writes`);
  }
  rows.push({ name: s.name, rescan: median(tScan), find: median(tFind) });
  console.log(`  ${s.name}: ${c.unchanged} unchanged, ${c.skipped} skipped, 0 hashed, 0 embedded, 0 writes`);
  await s.close();
}

console.log(`\nRescan of ${files} files with nothing changed (median of ${runs}; ratio = rescan / find):`);
console.log('| repository | rescan | find -printf | ratio |');
console.log('|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.name} | ${fmtMs(r.rescan)} | ${fmtMs(r.find)} | ${(r.rescan / r.find).toFixed(2)}x |`);
