import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlimpseError } from '@glimpse/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreprocessConfig } from './model-files.js';
import { preprocessImage } from './preprocess.js';

const CFG: PreprocessConfig = {
  size: [224, 224],
  mean: [0.48145466, 0.4578275, 0.40821073],
  std: [0.26862954, 0.26130258, 0.27577711],
  interpolation: 'bicubic',
  resizeMode: 'shortest',
  fillColor: 0,
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-pre-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An image whose every pixel is different enough to show any offset: r = x, g = y, b = (x * 7 + y * 3). */
function coded(w: number, h: number, channels = 3): Buffer {
  const b = Buffer.alloc(w * h * channels);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * channels;
      b[o] = x % 256;
      if (channels > 1) b[o + 1] = y % 256;
      if (channels > 2) b[o + 2] = (x * 7 + y * 3) % 256;
      if (channels > 3) b[o + 3] = (x + y) % 2 ? 255 : 0; // alpha checkerboard
    }
  return b;
}

/** The hand-computed reference: crop (left, top) of an RGB getter, normalized into CHW. */
function reference(pixel: (x: number, y: number) => [number, number, number], left: number, top: number): Float32Array {
  const out = new Float32Array(3 * 224 * 224);
  for (let y = 0; y < 224; y++)
    for (let x = 0; x < 224; x++) {
      const p = pixel(x + left, y + top);
      for (let c = 0; c < 3; c++) out[c * 224 * 224 + y * 224 + x] = (p[c]! / 255 - CFG.mean[c]!) / CFG.std[c]!;
    }
  return out;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

async function save(name: string, img: sharp.Sharp): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, await img.toBuffer());
  return p;
}

describe('preprocessImage', () => {
  it('normalizes a solid colour exactly, whatever the size (channel order, mean/std, NCHW)', async () => {
    const p = await save(
      'red.png',
      sharp({ create: { width: 500, height: 333, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png(),
    );
    const { tensor, width, height } = await preprocessImage({ type: 'file', path: p }, CFG);
    expect(
      maxDiff(
        tensor,
        reference(() => [255, 0, 0], 0, 0),
      ),
    ).toBeLessThan(1e-3);
    expect([width, height]).toEqual([500, 333]);
  });

  it('centre-crops a wide and a tall picture as torchvision does', async () => {
    const wide = await save(
      'wide.png',
      sharp(coded(300, 224), { raw: { width: 300, height: 224, channels: 3 } }).png(),
    );
    const tall = await save(
      'tall.png',
      sharp(coded(224, 300), { raw: { width: 224, height: 300, channels: 3 } }).png(),
    );
    const px = (x: number, y: number): [number, number, number] => [x % 256, y % 256, (x * 7 + y * 3) % 256];
    expect(
      maxDiff((await preprocessImage({ type: 'file', path: wide }, CFG)).tensor, reference(px, 38, 0)),
    ).toBeLessThan(1e-3);
    expect(
      maxDiff((await preprocessImage({ type: 'file', path: tall }, CFG)).tensor, reference(px, 0, 38)),
    ).toBeLessThan(1e-3);
  });

  it('applies EXIF orientation (a JPEG stored sideways, orientation 6)', async () => {
    const p = await save(
      'rotated.jpg',
      sharp(coded(224, 300), { raw: { width: 224, height: 300, channels: 3 } })
        .withMetadata({ orientation: 6 })
        .jpeg({ quality: 95 }),
    );
    // Reference: the stored (unrotated) pixels, rotated 90 degrees clockwise by hand, then cropped.
    const { data } = await sharp(p).raw().toBuffer({ resolveWithObject: true });
    const stored = (x: number, y: number): [number, number, number] => {
      const o = (y * 224 + x) * 3;
      return [data[o]!, data[o + 1]!, data[o + 2]!];
    };
    const upright = (x: number, y: number) => stored(y, 300 - 1 - x);
    const out = await preprocessImage({ type: 'file', path: p }, CFG);
    expect([out.width, out.height]).toEqual([300, 224]);
    expect(maxDiff(out.tensor, reference(upright, 38, 0))).toBeLessThan(1e-3);
  });

  it('composites alpha over white', async () => {
    const p = await save(
      'alpha.png',
      sharp(coded(300, 224, 4), { raw: { width: 300, height: 224, channels: 4 } }).png(),
    );
    const px = (x: number, y: number): [number, number, number] =>
      (x + y) % 2 ? [x % 256, y % 256, (x * 7 + y * 3) % 256] : [255, 255, 255];
    expect(maxDiff((await preprocessImage({ type: 'file', path: p }, CFG)).tensor, reference(px, 38, 0))).toBeLessThan(
      1e-3,
    );
  });

  it('turns greyscale into three equal channels', async () => {
    const p = await save(
      'grey.png',
      sharp(coded(300, 224, 1), { raw: { width: 300, height: 224, channels: 1 } }).png(),
    );
    const px = (x: number): [number, number, number] => [x % 256, x % 256, x % 256];
    expect(maxDiff((await preprocessImage({ type: 'file', path: p }, CFG)).tensor, reference(px, 38, 0))).toBeLessThan(
      1e-3,
    );
  });

  it('reads 16-bit pictures as 8-bit', async () => {
    const p = await save(
      'deep.png',
      sharp(coded(300, 224), { raw: { width: 300, height: 224, channels: 3 } })
        .toColourspace('rgb16')
        .png(),
    );
    expect((await sharp(p).metadata()).depth).toBe('ushort');
    const px = (x: number, y: number): [number, number, number] => [x % 256, y % 256, (x * 7 + y * 3) % 256];
    expect(maxDiff((await preprocessImage({ type: 'file', path: p }, CFG)).tensor, reference(px, 38, 0))).toBeLessThan(
      1e-3,
    );
  });

  it('converts a CMYK JPEG to sRGB', async () => {
    const p = await save(
      'cmyk.jpg',
      sharp({ create: { width: 300, height: 224, channels: 3, background: { r: 0, g: 180, b: 240 } } })
        .toColourspace('cmyk')
        .jpeg(),
    );
    expect((await sharp(p).metadata()).space).toBe('cmyk');
    const { data } = await sharp(p).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number): [number, number, number] => {
      const o = (y * 300 + x) * 3;
      return [data[o]!, data[o + 1]!, data[o + 2]!];
    };
    const out = await preprocessImage({ type: 'file', path: p }, CFG);
    expect(maxDiff(out.tensor, reference(px, 38, 0))).toBeLessThan(1e-3);
    const [r, g, b] = px(150, 112);
    expect(r).toBeLessThan(60);
    expect(g).toBeGreaterThan(130);
    expect(b).toBeGreaterThan(190);
  });

  it('takes decoded video frames (raw RGB) too', async () => {
    const frame = Buffer.alloc(32 * 18 * 3, 0);
    for (let i = 0; i < frame.length; i += 3) frame[i + 1] = 255;
    const out = await preprocessImage({ type: 'pixels', width: 32, height: 18, data: frame }, CFG);
    expect(
      maxDiff(
        out.tensor,
        reference(() => [0, 255, 0], 0, 0),
      ),
    ).toBeLessThan(1e-3);
  });

  it('supports squash and longest-side-with-padding resize modes', async () => {
    const p = await save(
      'blue.png',
      sharp({ create: { width: 400, height: 100, channels: 3, background: { r: 0, g: 0, b: 255 } } }).png(),
    );
    const squash = await preprocessImage({ type: 'file', path: p }, { ...CFG, resizeMode: 'squash' });
    expect(
      maxDiff(
        squash.tensor,
        reference(() => [0, 0, 255], 0, 0),
      ),
    ).toBeLessThan(1e-3);
    const longest = await preprocessImage({ type: 'file', path: p }, { ...CFG, resizeMode: 'longest', fillColor: 0 });
    // 400x100 -> 224x56, padded 84 rows above and below with black.
    const px = (_x: number, y: number): [number, number, number] => (y >= 84 && y < 140 ? [0, 0, 255] : [0, 0, 0]);
    expect(maxDiff(longest.tensor, reference(px, 0, 0))).toBeLessThan(1e-3);
  });

  it('reads the capture date from EXIF', async () => {
    const p = await save(
      'dated.jpg',
      sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
        .withExif({ IFD0: { DateTime: '2019:07:14 18:30:05' }, IFD2: { DateTimeOriginal: '2019:07:14 18:30:00' } })
        .jpeg(),
    );
    const out = await preprocessImage({ type: 'file', path: p }, CFG);
    expect(out.takenAt?.toISOString()).toBe('2019-07-14T18:30:00.000Z');
  });

  it('refuses pictures over the pixel limit, and corrupt or non-image files, each with a clear per-file error', async () => {
    const big = await save(
      'big.png',
      sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#000' } }).png(),
    );
    const e1 = await preprocessImage({ type: 'file', path: big }, CFG, 1_000_000).catch((e: unknown) => e);
    expect(GlimpseError.is(e1, 'unsupported-media')).toBe(true);
    expect((e1 as Error).message).toMatch(/2000 x 2000 pixels, over the limit of 1 megapixels/);

    const noise = join(dir, 'noise.jpg');
    await writeFile(noise, Buffer.from('definitely not a jpeg'));
    const e2 = await preprocessImage({ type: 'file', path: noise }, CFG).catch((e: unknown) => e);
    expect(GlimpseError.is(e2, 'unsupported-media')).toBe(true);
    expect((e2 as Error).message).toContain(noise);

    const good = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    const e3 = await preprocessImage({ type: 'encoded', bytes: good.subarray(0, 300) }, CFG).catch((e: unknown) => e);
    expect(GlimpseError.is(e3, 'corrupt-media')).toBe(true);
  });
});
