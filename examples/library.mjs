// Glimpse as a library, in plain JavaScript: index a folder in place and search it (Node.js 20.12 or newer).
//
//   node library.mjs <folder> ["query"]
//
// Settings come from the environment, as for the glimpse command: GLIMPSE_DATA_DIR (where the index lives;
// default ~/.local/share/glimpse), GLIMPSE_MODEL (default: the model the index was built with, else
// ViT-B-32__openai, downloaded on first use; or a model folder such as the tiny test model that ships in
// @glimpse/adapters-onnx/test-model/tiny-color-clip), and every other GLIMPSE_* setting.
import { createGlimpse } from '@glimpse/http-koa';

const [folder, query = 'dog on a beach at sunset'] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node library.mjs <folder> ["query"]');
  process.exit(2);
}

const glimpse = await createGlimpse({ roots: [folder], onWarning: (m) => console.warn(`glimpse: ${m}`) });
try {
  const report = await glimpse.scan({
    onProgress: (p) => p.phase === 'embedding' && process.stderr.write(`\rindexing: ${p.done} items `),
  });
  process.stderr.write('\n');
  const c = report.counts;
  console.log(`scanned ${c.seen} files: ${c.new} new, ${c.embedded} embedded, ${c.failed} failed`);
  for (const e of report.errors.slice(0, 5)) console.log(`  ${e.path}: ${e.reason}`);

  const results = await glimpse.search(query, { limit: 5 });
  for (const r of results) {
    const moment = r.segments[0] ? ` at ${r.segments[0].startSec}-${r.segments[0].endSec} s` : '';
    console.log(`${r.score.toFixed(3)}  ${r.path}${moment}`);
  }
  if (results[0]) {
    const alike = await glimpse.similar(results[0].id, { limit: 3 });
    console.log(`like the first: ${alike.map((r) => r.path).join(', ') || 'nothing else'}`);
  }
} catch (e) {
  console.error(`glimpse: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await glimpse.close();
}
