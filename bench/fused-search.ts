// A text search's cost when names, folders, cameras and places are ranked with meaning: the same queries against
// the same index (PGlite + pgvector, the tiny model), fused against by meaning alone, in one run, alternating so
// that neither gets a warmer cache. The library's files have words in their names and folders, as people's do.
// Usage: npm run bench:fused -- [--images 2000] [--rounds 5]
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { startServer } from '@glimpse/http-koa';
import sharp from 'sharp';
import { percentile } from './stats.js';

const { values } = parseArgs({
  options: { images: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' } },
});
const images = Number(values.images);
const rounds = Number(values.rounds);
const dir = join(tmpdir(), `glimpse-bench-fused-${process.pid}`);
const lib = join(dir, 'library');
const FOLDERS = ['Lisbon trip 2023', 'Paris weekend', 'birthday party', 'camera roll', 'screenshots', 'beach 2019'];
const WORDS = ['sunset', 'dog', 'cake', 'tram', 'invoice', 'tower', 'river', 'street', 'snow', 'portrait'];
const QUERIES = ['red', 'dog', 'sunset beach', 'lisbon', 'IMG_0042', 'invoice 2024', 'paris tower', 'green river'];

console.log(`Generating ${images} pictures in ${FOLDERS.length} folders ...`);
for (const f of FOLDERS) mkdirSync(join(lib, f), { recursive: true });
for (let i = 0; i < images; i++) {
  const folder = FOLDERS[i % FOLDERS.length]!;
  const name = i % 3 === 0 ? `IMG_${String(i).padStart(4, '0')}` : `${WORDS[i % WORDS.length]}-${i}`;
  const background = { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 };
  await sharp({ create: { width: 64, height: 48, channels: 3, background } })
    .png()
    .toFile(join(lib, folder, `${name}.png`));
}

const server = await startServer({
  roots: [lib],
  dataDir: join(dir, 'data'),
  model: TINY_TEST_MODEL_DIR,
  port: 0,
  env: { HOME: join(dir, 'home') },
  log: () => undefined,
});
try {
  await server.services.jobs.wait(server.startupScan!.id);
  const { search } = await server.services.model.ready();
  const times: Record<'meaning' | 'fused', number[]> = { meaning: [], fused: [] };
  for (const q of QUERIES) await search.byText(q, { ranking: 'fused' }); // warm up: caches, the text model
  for (let r = 0; r < rounds; r++)
    for (const q of QUERIES)
      for (const ranking of r % 2 ? (['fused', 'meaning'] as const) : (['meaning', 'fused'] as const)) {
        const started = performance.now();
        await search.byText(q, { ranking, limit: 20 });
        times[ranking].push(performance.now() - started);
      }
  const p = (xs: number[], k: number) => percentile(xs, k).toFixed(1);
  console.log(
    `\nText search, ${images} pictures, ${QUERIES.length} queries x ${rounds} rounds, ${availableParallelism()} CPUs, one run:`,
  );
  console.log('| ranking | p50 ms | p95 ms | ratio (p50) |\n|---|---|---|---|');
  const base = percentile(times.meaning, 50);
  for (const k of ['meaning', 'fused'] as const)
    console.log(
      `| ${k === 'meaning' ? 'by meaning alone (baseline)' : 'fused (meaning + keywords)'} | ${p(times[k], 50)} | ${p(times[k], 95)} | ${(percentile(times[k], 50) / base).toFixed(2)}x |`,
    );
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
