// Text in pictures (OCR, PP-OCRv4 with the real weights) on this machine, in one run:
// 1. word-level precision and recall on a generated set of pictures with known words (six fonts, four sizes,
//    five rotations, four backgrounds), by class, and the same with the detector at 640 instead of 960;
// 2. the reader's pictures per second on text-free photo-like pictures against screenshots full of text (the
//    detector runs on every picture; the recognizer only where there are lines);
// 3. a whole first scan (`glimpse scan`, tiny model, PGlite) of the same library with OCR on against OCR off (the
//    baseline), and what OCR adds per picture next to a first scan with the real ViT-B/32 architecture (10.3 pictures/s, 97 ms
//    a picture, docs/benchmarks.md section 3).
// Usage: npm run bench:ocr -- [--eval N] [--photos N] [--screens N]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PaddleTextReader, TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { runGlimpse } from '../test-support/glimpse-cli.js';
import { evalWords, scoreWords, writeEvalSet, type EvalPicture } from '../test-support/ocr-eval-set.js';
import { writeTextPicture, type TextBlock } from '../test-support/text-pictures.js';

const { values } = parseArgs({
  options: {
    eval: { type: 'string', default: '120' },
    photos: { type: 'string', default: '60' },
    screens: { type: 'string', default: '20' },
  },
});
const evalCount = Number(values.eval);
const photoCount = Number(values.photos);
const screenCount = Number(values.screens);

const dir = mkdtempSync(join(tmpdir(), 'glimpse-bench-ocr-'));
const evalDir = join(dir, 'eval');
const lib = join(dir, 'library');
mkdirSync(evalDir);
mkdirSync(lib);

try {
  console.log(
    `Writing ${evalCount} pictures of known words, ${photoCount} photo-like pictures, ${screenCount} screenshots ...`,
  );
  const set = await writeEvalSet(evalDir, evalCount);
  const photos: string[] = [];
  for (let i = 0; i < photoCount; i++) {
    // 2048 x 1536 (3 MP) of smooth noise under a gradient: texture without text, like a landscape.
    const path = join(lib, `photo-${String(i).padStart(3, '0')}.jpg`);
    const noise = await sharp({
      create: {
        width: 256,
        height: 192,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 120 + (i % 50), sigma: 40 },
      },
    })
      .resize(2048, 1536)
      .blur(3)
      .png()
      .toBuffer();
    const tint = { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256, alpha: 0.45 };
    await sharp(noise)
      .composite([{ input: { create: { width: 2048, height: 1536, channels: 4, background: tint } } }])
      .jpeg({ quality: 88 })
      .toFile(path);
    photos.push(path);
  }
  const screens: string[] = [];
  const words = 'settings account search library photos albums sharing storage backup devices privacy help'.split(' ');
  for (let i = 0; i < screenCount; i++) {
    const blocks: TextBlock[] = [];
    for (let l = 0; l < 16; l++)
      blocks.push({
        text: `${words[(i + l) % words.length]} ${words[(i * 3 + l) % words.length]} ${1000 + i * 16 + l}`,
        x: 40 + (l % 2) * 620,
        y: 60 + Math.floor(l / 2) * 90,
        size: 22 + (l % 3) * 6,
        font: l % 2 ? 'Liberation Sans' : 'DejaVu Sans',
      });
    const path = join(lib, `screen-${String(i).padStart(3, '0')}.png`);
    await writeTextPicture(path, { width: 1280, height: 800, background: '#f4f5f7', blocks });
    screens.push(path);
  }

  // 1. Precision and recall.
  const reader = await PaddleTextReader.create();
  const small = await PaddleTextReader.create(undefined, { detectionSide: 640 });
  async function evaluate(r: PaddleTextReader, pictures: readonly EvalPicture[]) {
    const by = new Map<string, { correct: number; truth: number; read: number }>();
    const add = (key: string, s: { correct: number; truth: number; read: number }) => {
      const e = by.get(key) ?? { correct: 0, truth: 0, read: 0 };
      e.correct += s.correct;
      e.truth += s.truth;
      e.read += s.read;
      by.set(key, e);
    };
    const started = performance.now();
    for (const p of pictures) {
      const s = scoreWords(p.words, evalWords((await r.read(p.file)).map((l) => l.text).join(' ')));
      for (const key of ['all', `size ${p.size} px`, `rotated ${p.rotate}°`, p.font, `background ${p.background}`])
        add(key, s);
    }
    return { by, seconds: (performance.now() - started) / 1000 };
  }
  const full = await evaluate(reader, set);
  const at640 = await evaluate(small, set);
  const pr = (e: { correct: number; truth: number; read: number } | undefined) =>
    e ? `P ${(e.correct / Math.max(1, e.read)).toFixed(3)}  R ${(e.correct / Math.max(1, e.truth)).toFixed(3)}` : '-';
  console.log(
    `\nOCR word precision (P) and recall (R), ${set.length} generated pictures, ${full.by.get('all')!.truth} words:`,
  );
  const keys = [...full.by.keys()]
    .filter((k) => k !== 'all')
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  console.log(`${'all'.padEnd(22)} ${pr(full.by.get('all'))}   (detector at 640: ${pr(at640.by.get('all'))})`);
  for (const k of keys)
    console.log(`${k.padEnd(22)} ${pr(full.by.get(k))}   (detector at 640: ${pr(at640.by.get(k))})`);
  console.log(
    `time per picture: ${((full.seconds / set.length) * 1000).toFixed(0)} ms at 960, ${((at640.seconds / set.length) * 1000).toFixed(0)} ms at 640 (${(full.seconds / at640.seconds).toFixed(2)}x)`,
  );

  // 2. Pictures per second: text-free photos against screenshots, one at a time, after a warm-up.
  await reader.read(photos[0]!);
  async function rate(paths: readonly string[]): Promise<{ perSecond: number; lines: number }> {
    const started = performance.now();
    let lines = 0;
    for (const p of paths) lines += (await reader.read(p)).length;
    return { perSecond: paths.length / ((performance.now() - started) / 1000), lines };
  }
  const photoRate = await rate(photos);
  const screenRate = await rate(screens);
  console.log(`\nOCR pictures per second (one at a time, onnxruntime's threads):`);
  console.log(
    `text-free photos (2048x1536 JPEG)   ${photoRate.perSecond.toFixed(2)}/s  (1.00x; ${photoRate.lines} lines found in ${photos.length})`,
  );
  console.log(
    `screenshots (1280x800, 16 lines)   ${screenRate.perSecond.toFixed(2)}/s  (${(screenRate.perSecond / photoRate.perSecond).toFixed(2)}x; ${(screenRate.lines / screens.length).toFixed(1)} lines each)`,
  );

  // 3. A first scan of the same library, OCR off (the baseline) and on.
  const env = (name: string, ocr: string) => ({
    PATH: process.env['PATH'],
    HOME: join(dir, 'home'),
    GLIMPSE_DATA_DIR: join(dir, name),
    GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
    GLIMPSE_OFFLINE: '1',
    GLIMPSE_OCR: ocr,
  });
  async function scan(name: string, ocr: string): Promise<{ seconds: number; textRead: number }> {
    const started = performance.now();
    const r = await runGlimpse(['scan', lib, '--json'], env(name, ocr), { timeoutMs: 1_800_000 });
    const seconds = (performance.now() - started) / 1000;
    if (r.code !== 0) throw new Error(`the scan failed: ${r.stderr}`);
    return { seconds, textRead: (JSON.parse(r.stdout) as { counts: { textRead: number } }).counts.textRead };
  }
  const n = photos.length + screens.length;
  const off = await scan('off', 'off');
  const on = await scan('on', 'on');
  console.log(`\nFirst scan of ${n} pictures (${photos.length} photos, ${screens.length} screenshots), tiny model:`);
  console.log(`OCR off (baseline)   ${off.seconds.toFixed(1)} s   ${(n / off.seconds).toFixed(1)} pictures/s   1.00x`);
  console.log(
    `OCR on               ${on.seconds.toFixed(1)} s   ${(n / on.seconds).toFixed(1)} pictures/s   ${(off.seconds / on.seconds).toFixed(2)}x  (${on.textRead} read)`,
  );
  const perPicture = ((on.seconds - off.seconds) / n) * 1000;
  console.log(
    `OCR adds ${perPicture.toFixed(0)} ms a picture; next to ViT-B/32's 97 ms a picture, a first scan would run at about ${(97 / (97 + perPicture)).toFixed(2)}x with OCR on.`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
