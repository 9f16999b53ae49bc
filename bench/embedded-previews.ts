// Embedding from the preview a file carries against decoding it in full, in the same run, on the same pictures:
// how much the model's input changes (mean absolute difference of the 224 x 224 normalized tensors) and how many
// pictures a second are prepared. Pictures: 12-megapixel scenes (gradients, shapes, noise) saved as camera JPEGs
// with a 1920 x 1440 MPF preview (half the width for smaller pictures), and as HEIC with a 320 x 240 thumbnail (as iPhones write them; needs heif-enc).
// The scale for the difference: the same pictures' full decodes, JPEG against HEIC (what the codec alone changes).
// Usage: npm run bench:previews -- [--pictures 6] [--width 4032] [--height 3024] [--rounds 3]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_MAX_PIXELS,
  openImage,
  preprocessImage,
  readModelFiles,
  TINY_TEST_MODEL_DIR,
  withMpfPreviews,
} from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { rng } from './library-generator.js';
import { median } from './stats.js';

const { values } = parseArgs({
  options: {
    pictures: { type: 'string', default: '6' },
    width: { type: 'string', default: '4032' },
    height: { type: 'string', default: '3024' },
    rounds: { type: 'string', default: '3' },
  },
});
const [N, W, H, ROUNDS] = [values.pictures, values.width, values.height, values.rounds].map(Number) as [
  number,
  number,
  number,
  number,
];
const haveHeifEnc = !spawnSync('heif-enc', ['--help']).error;
const dir = join(tmpdir(), `glimpse-bench-previews-${process.pid}`);
mkdirSync(dir, { recursive: true });

/** A scene: smooth gradients, a few shapes with hard edges, sensor-like noise. */
async function scene(i: number): Promise<Buffer> {
  const r = rng(i + 7);
  const raw = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 3;
      raw[o] = ((x * 200) / W + i * 30 + r() * 24) & 255;
      raw[o + 1] = ((y * 180) / H + r() * 24) & 255;
      raw[o + 2] = (((x + y) * 120) / (W + H) + 60 + r() * 24) & 255;
    }
  const shapes = Array.from({ length: 12 }, () => {
    const [cx, cy, s] = [r() * W, r() * H, (0.03 + r() * 0.12) * W];
    const fill = `rgb(${Math.floor(r() * 255)},${Math.floor(r() * 255)},${Math.floor(r() * 255)})`;
    return r() < 0.5
      ? `<circle cx="${cx}" cy="${cy}" r="${s / 2}" fill="${fill}"/>`
      : `<rect x="${cx}" y="${cy}" width="${s}" height="${s * 0.6}" fill="${fill}"/>`;
  }).join('');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${shapes}</svg>`);
  return sharp(raw, { raw: { width: W, height: H, channels: 3 } })
    .composite([{ input: svg }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

// A camera's preview: 1920 pixels wide, or half the picture's width for a small one (it must be smaller).
const PW = Math.min(1920, Math.floor(W / 2));
const PH = Math.round((PW * H) / W);
console.log(`Making ${N} pictures of ${W} x ${H} ...`);
const jpegs: string[] = [];
const heics: string[] = [];
for (let i = 0; i < N; i++) {
  const main = await scene(i);
  const preview = await sharp(main).resize(PW, PH).jpeg({ quality: 85 }).toBuffer();
  const jpeg = join(dir, `camera-${i}.jpg`);
  writeFileSync(jpeg, withMpfPreviews(main, [preview]));
  jpegs.push(jpeg);
  if (haveHeifEnc) {
    const heic = join(dir, `phone-${i}.heic`);
    execFileSync('heif-enc', ['-q', '50', '-t', '320', '-o', heic, jpeg], { stdio: 'ignore' });
    heics.push(heic);
  }
}

const cfg = { ...(await readModelFiles(TINY_TEST_MODEL_DIR)).preprocess, size: [224, 224] as [number, number] };
const tensor = async (path: string, usePreview: boolean) =>
  (await preprocessImage({ type: 'file', path }, cfg, undefined, usePreview)).tensor;
const mad = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
};
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Pictures a second, two prepared at once (the machine's cores), median of the rounds. */
async function rate(paths: string[], usePreview: boolean): Promise<number> {
  await tensor(paths[0]!, usePreview); // warm-up (the HEIC worker starts)
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    for (let i = 0; i < paths.length; i += 2)
      await Promise.all(paths.slice(i, i + 2).map((p) => tensor(p, usePreview)));
    rates.push(paths.length / ((performance.now() - t0) / 1000));
  }
  return median(rates);
}

// The previews are taken (else the rows below would compare a full decode with itself).
for (const p of [...jpegs, ...heics]) {
  const opened = await openImage(p, DEFAULT_MAX_PIXELS, 224);
  if (!opened.preview) throw new Error(`${p}: its preview was not used`);
}
const fullJpeg = await Promise.all(jpegs.map((p) => tensor(p, false)));
const previewJpeg = await Promise.all(jpegs.map((p) => tensor(p, true)));
const jpegMad = fullJpeg.map((t, i) => mad(t, previewJpeg[i]!));
const rows: string[] = [];
const jpegFull = await rate(jpegs, false);
const jpegPreview = await rate(jpegs, true);
rows.push(
  `| camera JPEG, ${PW} x ${PH} MPF preview | ${mean(jpegMad).toFixed(4)} (max ${Math.max(...jpegMad).toFixed(4)}) | ` +
    `${jpegFull.toFixed(1)} | ${jpegPreview.toFixed(1)} | **${(jpegPreview / jpegFull).toFixed(1)}x** |`,
);
let codec: number[] = [];
if (haveHeifEnc) {
  const fullHeic: Float32Array[] = [];
  const previewHeic: Float32Array[] = [];
  for (const p of heics) {
    fullHeic.push(await tensor(p, false));
    previewHeic.push(await tensor(p, true));
  }
  const heicMad = fullHeic.map((t, i) => mad(t, previewHeic[i]!));
  codec = fullHeic.map((t, i) => mad(t, fullJpeg[i]!));
  const heicFull = await rate(heics, false);
  const heicPreview = await rate(heics, true);
  rows.push(
    `| HEIC, 320 x 240 thumbnail | ${mean(heicMad).toFixed(4)} (max ${Math.max(...heicMad).toFixed(4)}) | ` +
      `${heicFull.toFixed(2)} | ${heicPreview.toFixed(1)} | **${(heicPreview / heicFull).toFixed(0)}x** |`,
  );
} else {
  console.log('SKIPPED (HEIC rows): heif-enc is not installed (apt-get install libheif-examples).');
}
rmSync(dir, { recursive: true, force: true });

console.log(
  `\n${N} pictures of ${(W * H) / 1e6} MP, prepared for a 224 x 224 model (two at once, median of ${ROUNDS} rounds):`,
);
console.log(
  '| file | tensor difference, preview vs full decode | full decode, pictures/s | preview, pictures/s | ratio |',
);
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
if (codec.length)
  console.log(
    `\nScale: the same pictures' full decodes, HEIC (quality 50) against JPEG (quality 90), differ by ${mean(codec).toFixed(4)} ` +
      `(the codec alone). The tensors are normalized (CLIP's mean and std: about -1.8 to 2.1).`,
  );
