// Embedding throughput: the full pipeline (decode + preprocess + inference) against baselines measured in the same
// run with the same model, pictures, batches and threads: inference alone on pre-made tensors, decoding alone, the
// two without overlap, and the CPU ceiling (the CPU time of decoding plus inference, each measured alone, over the
// cores). The model is ViT-B/32's architecture with random weights (generated on first run; see
// packages/adapters-onnx/scripts/make-vit-b-32.ts). The JPEGs carry a 1920 x 1440 preview in an MPF block, as
// camera JPEGs do; the pipeline runs on them twice, decoding every picture in full and embedding from the preview.
// Usage: npm run bench:embed -- [--images 48] [--batch 8]
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  OnnxClipEmbedder,
  preprocessImage,
  readModelFiles,
  TINY_TEST_MODEL_DIR,
  withMpfPreviews,
} from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { makeVitB32, vitB32Macs } from '../packages/adapters-onnx/scripts/make-vit-b-32.js';
import { gradientPhotoPixels } from './library-generator.js';
import { median } from './stats.js';

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

console.log('Preparing a ViT-B/32 model (random weights) and 12-megapixel JPEGs (first run only) ...');
const modelDir = makeVitB32(join(dir, 'vit-b-32'), TINY_TEST_MODEL_DIR);
const DISTINCT = Number(values.distinct);
const photos: string[] = [];
for (let i = 0; i < DISTINCT; i++) {
  const p = join(dir, `photo-${i}-mpf.jpg`);
  photos.push(p);
  if (existsSync(p)) continue;
  const [w, h] = [4000, 3000];
  const raw = gradientPhotoPixels(i, w, h);
  const main = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  const preview = await sharp(main).resize(1920, 1440).jpeg({ quality: 85 }).toBuffer();
  writeFileSync(p, withMpfPreviews(main, [preview]));
}
const files = Array.from({ length: N }, (_, i) => photos[i % DISTINCT]!);

const embedder = await OnnxClipEmbedder.load({ modelDir, batchSize, usePreviews: false });
const fromPreviews = await OnnxClipEmbedder.load({ modelDir, batchSize, usePreviews: true });
const cfg = (await readModelFiles(modelDir)).preprocess;
const cores = availableParallelism();

/** Wall seconds and CPU seconds (every thread of the process: libvips', onnxruntime's) of `work`. */
async function timed(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

// Decoding alone, exactly as the pipeline does it: batches of `batchSize` pictures decoded at once.
const decodeAll = async (usePreview = false) => {
  for (let i = 0; i < N; i += batchSize)
    await Promise.all(
      files.slice(i, i + batchSize).map((path) => preprocessImage({ type: 'file', path }, cfg, undefined, usePreview)),
    );
};
const tensors = await Promise.all(
  photos.map(async (path) => (await preprocessImage({ type: 'file', path }, cfg, undefined, false)).tensor),
);
const ready = Array.from({ length: N }, (_, i) => tensors[i % DISTINCT]!);
const inferAll = async () => {
  for (let i = 0; i < N; i += batchSize) await embedder.runVisual(ready.slice(i, i + batchSize));
};
const pipeline = async (e = embedder) => {
  const out = await e.embedImages(files.map((path) => ({ type: 'file' as const, path })));
  if (out.some((o) => !o.ok)) throw new Error('an image failed to embed');
};
await inferAll(); // warm-up: the session's first runs allocate
await decodeAll();
await pipeline(fromPreviews);

const rounds: {
  decode: { wall: number; cpu: number };
  infer: { wall: number; cpu: number };
  pipe: { wall: number; cpu: number };
  previewDecode: { wall: number; cpu: number };
  previewPipe: { wall: number; cpu: number };
}[] = [];
for (let round = 0; round < 3; round++)
  rounds.push({
    decode: await timed(decodeAll),
    infer: await timed(inferAll),
    pipe: await timed(pipeline),
    previewDecode: await timed(() => decodeAll(true)),
    previewPipe: await timed(() => pipeline(fromPreviews)),
  });
await embedder.close();
await fromPreviews.close();

const rate = (x: { wall: number }) => N / x.wall;
const cpuMs = (x: { cpu: number }) => (1000 * x.cpu) / N;
const med = (f: (r: (typeof rounds)[number]) => number) => median(rounds.map(f));
const bare = med((r) => rate(r.infer));
const piped = med((r) => rate(r.pipe));
const decoded = med((r) => rate(r.decode));
// Without overlap the two phases' times add up; overlapping them is what the pipeline is for.
const serial = med((r) => N / (r.decode.wall + r.infer.wall));
// What the machine allows at most: every image costs the CPU time of its decoding plus its inference (each measured
// alone, on all cores), and there are `cores` CPU-seconds a second. Overlap cannot beat this.
const ceiling = med((r) => (cores * N) / (r.decode.cpu + r.infer.cpu));
const gmacs = vitB32Macs() / 1e9;
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
console.log(
  `\nModel: ViT-B/32 architecture, random weights, ${gmacs.toFixed(2)} GMACs (${(2 * gmacs).toFixed(2)} GFLOPs) per ` +
    `image; batch ${batchSize}, ${N} images per round, median of 3 rounds, ${cores} cores.`,
);
console.log('| measure | images/s | CPU ms per image | pipeline / this |');
console.log('|---|---|---|---|');
const row = (name: string, r: number, cpu: number | null) =>
  console.log(`| ${name} | ${r.toFixed(1)} | ${cpu === null ? '-' : cpu.toFixed(0)} | ${pct(piped / r)} |`);
row(
  'inference alone (pre-made tensors): the model-bound baseline',
  bare,
  med((r) => cpuMs(r.infer)),
);
row(
  'decode + preprocess alone (12 MP JPEGs, as the pipeline batches them)',
  decoded,
  med((r) => cpuMs(r.decode)),
);
row('decode, then inference, no overlap (sum of the two times)', serial, null);
row('CPU ceiling: cores / (decode CPU + inference CPU) per image', ceiling, null);
console.log(
  `| **full pipeline** (embedImages on the files) | **${piped.toFixed(1)}** | ${med((r) => cpuMs(r.pipe)).toFixed(0)} | 100% |`,
);
const previewPiped = med((r) => rate(r.previewPipe));
row(
  'decode + preprocess from the 1920 x 1440 MPF previews',
  med((r) => rate(r.previewDecode)),
  med((r) => cpuMs(r.previewDecode)),
);
console.log(
  `| **full pipeline from the previews** | **${previewPiped.toFixed(1)}** | ${med((r) => cpuMs(r.previewPipe)).toFixed(0)} | ${pct(piped / previewPiped)} |`,
);
console.log(
  `\nFrom the previews the pipeline runs at ${pct(previewPiped / bare)} of bare inference ` +
    `(${(previewPiped / piped).toFixed(2)}x the full-decode pipeline's ${piped.toFixed(1)} images/s).`,
);
if (piped > ceiling * 1.03)
  console.log('\nThe pipeline beat the CPU ceiling: a measurement is off (another process on the machine?); rerun.');
