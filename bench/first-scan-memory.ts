// Peak memory of a first scan: `glimpse scan` (the built CLI, the embedded default: PGlite, the native vector
// index, the tiny model) on a library of `--files` pictures, of which `--real` are 12-megapixel JPEGs (copies of a
// few distinct scenes, each made its own content by a comment) and the rest 16 x 16 BMPs, each its own content (the
// walk, the hashing, the repository and the vector store see every file; the decoder's peak comes from the big
// ones). Baselines in the same run: `node -e 0`, and a first scan of the real pictures alone.
// Usage: npm run bench:scan-memory -- [--files 100000] [--real 2000] [--dir .bench/scan-memory]
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { gradientPhotoPixels } from './library-generator.js';
import { fmtMs, runNodeMeasured } from './stats.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '100000' },
    real: { type: 'string', default: '2000' },
    distinct: { type: 'string', default: '8' },
    dir: { type: 'string' },
  },
});
const FILES = Number(values.files);
const REAL = Math.min(FILES, Number(values.real));
const DISTINCT = Math.max(1, Math.min(REAL, Number(values.distinct)));
const dir = resolve(values.dir ?? `.bench/scan-memory-${FILES}-${REAL}`);
const BIN = fileURLToPath(new URL('../packages/http-koa/bin/glimpse.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../packages/http-koa/dist/cli-bundle/glimpse.js', import.meta.url));
if (!existsSync(BUNDLE)) throw new Error('No build: run npm run build first.');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  GLIMPSE_OCR: 'off',
  HOME: dir,
  NODE_OPTIONS: '',
  GLIMPSE_USE_DIST: '1',
};

const realDir = join(dir, 'library', 'camera');
const smallDir = join(dir, 'library', 'small');
const marker = join(dir, 'library', '.complete');
if (!existsSync(marker)) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(realDir, { recursive: true });
  mkdirSync(smallDir, { recursive: true });
  console.log(`Generating ${REAL} 12-megapixel JPEGs and ${FILES - REAL} small BMPs in ${dir} (once) ...`);
  const scenes: Buffer[] = [];
  for (let s = 0; s < DISTINCT; s++) {
    const [w, h] = [4032, 3024];
    const raw = gradientPhotoPixels(s, w, h);
    scenes.push(
      await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
        .jpeg({ quality: 90 })
        .toBuffer(),
    );
  }
  for (let i = 0; i < REAL; i++) {
    const scene = scenes[i % DISTINCT]!;
    // A COM segment after SOI: the same picture, its own bytes (its own content to hash, decode and embed).
    const text = Buffer.from(`glimpse bench ${i}`);
    const com = Buffer.from([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 255]);
    const sub = join(realDir, `event-${String(Math.floor(i / 200)).padStart(3, '0')}`);
    if (i % 200 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(
      join(sub, `DSC_${String(i).padStart(5, '0')}.jpg`),
      Buffer.concat([scene.subarray(0, 2), com, text, scene.subarray(2)]),
    );
  }
  for (let i = 0; i < FILES - REAL; i++) {
    const sub = join(smallDir, `event-${String(Math.floor(i / 500)).padStart(4, '0')}`);
    if (i % 500 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `IMG_${String(i).padStart(6, '0')}.bmp`), bmp16(i));
  }
  writeFileSync(marker, new Date().toISOString());
}

/** A 16 x 16 24-bit BMP whose pixels spell `n` (each file its own content). */
function bmp16(n: number): Buffer {
  const b = Buffer.alloc(54 + 16 * 16 * 3);
  b.write('BM', 0, 'ascii');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(16, 18);
  b.writeInt32LE(16, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  for (let p = 0; p < 256; p++) {
    const o = 54 + p * 3;
    b[o] = (n >> (p % 24)) & 1 ? 255 : 0;
    b[o + 1] = (n * 7 + p) & 255;
    b[o + 2] = (n >> 8) & 255;
  }
  return b;
}

const work = join(dir, 'work');
const scan = async (folder: string, label: string) => {
  const data = join(dir, `data-${label}`);
  rmSync(data, { recursive: true, force: true });
  const r = await runNodeMeasured(
    [BIN, 'scan', folder, '--data-dir', data, '--model', TINY_TEST_MODEL_DIR, '--json'],
    env,
    work,
  );
  if (r.code !== 0) throw new Error(`the scan of ${folder} failed:\n${r.stderr.slice(-2000)}`);
  const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { counts: Record<string, number> };
  rmSync(data, { recursive: true, force: true });
  return { ...r, counts: report.counts };
};

const idle = await runNodeMeasured(['-e', '0'], env, work);
console.log(`Scanning the ${REAL} real pictures alone ...`);
const realOnly = await scan(realDir, 'real');
console.log(`Scanning all ${FILES} files ...`);
const all = await scan(join(dir, 'library'), 'all');
const embedded = (c: Record<string, number>) => c['embedded'] ?? 0;
if (embedded(all.counts) < FILES * 0.99)
  throw new Error(`the scan embedded ${embedded(all.counts)} of ${FILES} files: ${JSON.stringify(all.counts)}`);
rmSync(work, { recursive: true, force: true });

const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);
console.log(`\nFirst scan, built CLI, embedded default (PGlite + native index), tiny model; peak = VmHWM:`);
console.log('| process | files embedded | wall | files/s | peak memory | against node -e 0 |');
console.log('|---|---|---|---|---|---|');
const row = (name: string, n: number | null, r: { ms: number; peakMb: number }) =>
  console.log(
    `| ${name} | ${n ?? '-'} | ${fmtMs(r.ms)} | ${n ? rate(n, r.ms) : '-'} | ${r.peakMb.toFixed(0)} MB | ${(r.peakMb / idle.peakMb).toFixed(1)}x |`,
  );
row('node -e 0', null, idle);
row(`glimpse scan: ${REAL} 12 MP JPEGs alone`, embedded(realOnly.counts), realOnly);
row(`glimpse scan: ${FILES} files (${REAL} of them 12 MP JPEGs)`, embedded(all.counts), all);
console.log(
  `\nThe ${FILES}-file scan peaks ${(all.peakMb - realOnly.peakMb).toFixed(0)} MB above the real pictures' alone ` +
    `(target: at most 1,536 MB in all).`,
);
