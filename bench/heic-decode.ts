// HEIC (HEVC-coded, as iPhones write it) against JPEG, the same picture at the same size, in the same run: the
// time to decode and prepare one picture for the model (the embedder's own preprocessing to 224 x 224), median of
// several runs each. Needs heif-enc (Debian: apt-get install libheif-examples) to make the HEIC.
// Usage: npm run bench:heic -- [--width 4000] [--height 3000] [--runs 5]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { preprocessImage, readModelFiles, TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { median } from './stats.js';

const { values } = parseArgs({
  options: {
    width: { type: 'string', default: '4000' },
    height: { type: 'string', default: '3000' },
    runs: { type: 'string', default: '5' },
  },
});
const [width, height, runs] = [Number(values.width), Number(values.height), Number(values.runs)];
if (spawnSync('heif-enc', ['--help']).error) {
  console.log('SKIPPED: the HEIC benchmark needs heif-enc (apt-get install libheif-examples) to make a HEIC picture.');
  process.exit(0);
}
const dir = join(tmpdir(), `glimpse-bench-heic-${process.pid}`);
mkdirSync(dir, { recursive: true });
const jpeg = join(dir, 'photo.jpg');
const heic = join(dir, 'photo.heic');
await sharp({
  create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } },
})
  .jpeg({ quality: 90 })
  .toFile(jpeg);
execFileSync('heif-enc', ['-q', '50', '-o', heic, jpeg], { stdio: 'ignore' });

const cfg = (await readModelFiles(TINY_TEST_MODEL_DIR)).preprocess;
const time = async (path: string) => {
  const ms: number[] = [];
  await preprocessImage({ type: 'file', path }, { ...cfg, size: [224, 224] }); // warm up (the HEIC worker starts)
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await preprocessImage({ type: 'file', path }, { ...cfg, size: [224, 224] });
    ms.push(performance.now() - t0);
  }
  return median(ms);
};
const j = await time(jpeg);
const h = await time(heic);
const kb = (p: string) => `${Math.round(statSync(p).size / 1024)} KB`;
const [jpegSize, heicSize] = [kb(jpeg), kb(heic)];
rmSync(dir, { recursive: true, force: true });
const mp = ((width * height) / 1e6).toFixed(1);
console.log(`Decode + prepare one ${mp} MP picture for the model (median of ${runs}):`);
console.log('| format | file | ms per picture | ratio |');
console.log('|---|---|---|---|');
console.log(`| JPEG (sharp, shrink-on-load) | ${jpegSize} | ${j.toFixed(0)} | 1.00x |`);
console.log(
  `| HEIC (libheif in WebAssembly, in a worker thread) | ${heicSize} | ${h.toFixed(0)} | ${(h / j).toFixed(1)}x |`,
);
