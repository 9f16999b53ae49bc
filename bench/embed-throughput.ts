// Embedding throughput: the full pipeline (decode + preprocess + inference) against the bare inference loop on
// pre-made tensors, with the same model in the same run; and decode + preprocess alone per 12-megapixel JPEG.
// The model has about the compute of ViT-B/32 (generated on first run, random weights; see
// packages/adapters-onnx/scripts/make-compute-model.ts). Usage: npm run bench:embed -- [--images 48] [--batch 8]
import { mkdirSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { OnnxClipEmbedder, preprocessImage, readModelFiles, TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { computeFlops, makeComputeModel } from '../packages/adapters-onnx/scripts/make-compute-model.js';
import { rng } from './library-generator.js';
import { fmtMs, median } from './stats.js';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '48' },
    batch: { type: 'string', default: '8' },
    distinct: { type: 'string', default: '12' },
    dir: { type: 'string', default: '.bench/embed' },
  },
});
const N = Number(values.images);
const batchSize = Number(values.batch);
const dir = resolve(values.dir);
mkdirSync(dir, { recursive: true });

console.log('Preparing a ViT-B/32-compute model and 12-megapixel JPEGs (first run only) ...');
const modelDir = makeComputeModel(join(dir, 'vit-b-32-compute'), TINY_TEST_MODEL_DIR);
const DISTINCT = Number(values.distinct);
const photos: string[] = [];
for (let i = 0; i < DISTINCT; i++) {
  const p = join(dir, `photo-${i}.jpg`);
  photos.push(p);
  if (existsSync(p)) continue;
  // Smooth gradients with noise: about the size and entropy of a real 12 MP photo (3-6 MB).
  const w = 4000;
  const h = 3000;
  const r = rng(i + 1);
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      raw[o] = (x / 16 + i * 20 + r() * 40) & 255;
      raw[o + 1] = (y / 12 + r() * 40) & 255;
      raw[o + 2] = ((x + y) / 28 + r() * 40) & 255;
    }
  await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 90 })
    .toFile(p);
}
const files = Array.from({ length: N }, (_, i) => photos[i % DISTINCT]!);

const embedder = await OnnxClipEmbedder.load({ modelDir, batchSize });
const cfg = (await readModelFiles(modelDir)).preprocess;

// Decode + preprocess alone, one at a time.
await preprocessImage({ type: 'file', path: photos[0]! }, cfg);
const single: number[] = [];
for (const p of photos) {
  const t = performance.now();
  await preprocessImage({ type: 'file', path: p }, cfg);
  single.push(performance.now() - t);
}

// Bare inference on ready tensors.
const tensors = await Promise.all(
  photos.map(async (p) => (await preprocessImage({ type: 'file', path: p }, cfg)).tensor),
);
const ready = Array.from({ length: N }, (_, i) => tensors[i % DISTINCT]!);
await embedder.runVisual(ready.slice(0, batchSize)); // warm-up
const bare: number[] = [];
const pipe: number[] = [];
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  for (let i = 0; i < N; i += batchSize) await embedder.runVisual(ready.slice(i, i + batchSize));
  bare.push(N / ((performance.now() - t) / 1000));
  t = performance.now();
  const out = await embedder.embedImages(files.map((path) => ({ type: 'file' as const, path })));
  pipe.push(N / ((performance.now() - t) / 1000));
  if (out.some((o) => !o.ok)) throw new Error('an image failed to embed');
}
await embedder.close();

const gflops = computeFlops() / 1e9;
const b = median(bare);
const p = median(pipe);
console.log(
  `\nModel: ${gflops.toFixed(2)} GFLOPs per image, batch ${batchSize}, ${N} images per round, median of 3 rounds.`,
);
console.log('| measure | result |');
console.log('|---|---|');
console.log(
  `| bare inference loop (pre-made tensors) | ${b.toFixed(1)} images/s (${(b * gflops).toFixed(0)} GFLOP/s) |`,
);
console.log(`| full pipeline: decode + preprocess + inference | ${p.toFixed(1)} images/s |`);
console.log(`| pipeline / bare | **${((p / b) * 100).toFixed(0)}%** |`);
console.log(`| decode + preprocess alone, one 12 MP JPEG | ${fmtMs(median(single))} (median of ${single.length}) |`);
// What the machine allows: decoding takes one core per picture; inference keeps every core busy.
const coreMsPerImage = median(single) + (1000 / b) * availableParallelism();
const ceiling = (1000 * availableParallelism()) / coreMsPerImage;
console.log(
  `| CPU ceiling on ${availableParallelism()} cores (decode core-ms + inference core-ms per image) | ${ceiling.toFixed(1)} images/s; the pipeline reaches ${((p / ceiling) * 100).toFixed(0)}% of it |`,
);
