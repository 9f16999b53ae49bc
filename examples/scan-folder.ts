// Scans a folder into the embedded index with the real pipeline (fs walk, SHA-256, sharp + onnxruntime CLIP
// embedder, ffmpeg video moments, PGlite + pgvector), wired by Glimpse's one composition root, and searches it.
// Run it twice: the second run finds everything unchanged.
//
// Usage: npm run example -- <folder> ["query"]
// The model is $GLIMPSE_MODEL: a hub name such as ViT-B-32__openai (downloaded on first use into
// $GLIMPSE_MODEL_DIR) or a model folder. It defaults to the tiny test model committed in this repository, which
// only knows colours ("red", "green", "blue", "yellow", "white", "black") but needs no download.
// The index lives in $GLIMPSE_DATA_DIR (default: <tmp>/glimpse-example) or on $GLIMPSE_DATABASE_URL.
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { GlimpseError } from '@glimpse/core';
import { createGlimpse } from '@glimpse/http-koa';

const [folder, query] = process.argv.slice(2);
if (!folder) {
  console.error('usage: npm run example -- <folder> ["query"]');
  process.exit(2);
}

try {
  const model = process.env['GLIMPSE_MODEL'] || TINY_TEST_MODEL_DIR;
  const dataDir = process.env['GLIMPSE_DATA_DIR'] || join(tmpdir(), 'glimpse-example');
  await using glimpse = await createGlimpse({
    roots: [folder],
    model,
    ...(process.env['GLIMPSE_DATABASE_URL'] ? {} : { dataDir }),
    onWarning: (m) => console.warn(`glimpse: ${m}`),
  });
  const where = process.env['GLIMPSE_DATABASE_URL'] ? 'postgres' : `pglite at ${dataDir}`;
  console.log(`model: ${basename(model)}; index: ${where}`);
  const report = await glimpse.scan({
    onProgress: (p) =>
      p.phase !== 'walking' && process.stderr.write(`\r${p.phase} ${p.done}${p.total ? `/${p.total}` : ''}   `),
  });
  process.stderr.write('\r');
  console.log(`scan: ${JSON.stringify(report.counts)} in ${report.durationMs} ms`);
  if (report.offlineRoots.length) console.log(`  offline roots (kept as they were): ${report.offlineRoots.join(', ')}`);
  for (const e of report.errors.slice(0, 10)) console.log(`  ${e.path}: ${e.reason}`);
  if (report.errors.length > 10) console.log(`  ... and ${report.errors.length - 10} more`);
  if (query) {
    for (const r of await glimpse.search(query, { limit: 5 })) {
      const moments = r.segments
        .slice(0, 3)
        .map((s) => `${s.startSec!.toFixed(1)}-${s.endSec!.toFixed(1)} s (${s.score.toFixed(2)})`);
      console.log(`${r.score.toFixed(3)}  ${r.path}${moments.length ? `  moments: ${moments.join(', ')}` : ''}`);
    }
  }
} catch (e) {
  console.error(GlimpseError.is(e) ? `glimpse: ${e.message}` : e);
  process.exitCode = 1;
}
