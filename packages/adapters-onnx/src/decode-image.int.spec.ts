import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openImage, probeImage } from './decode-image.js';
import { SharpImageCodec } from './sharp-image-codec.js';
import sharp from 'sharp';

const FIXTURES = fileURLToPath(new URL('../../../test-support/fixtures/', import.meta.url));

/** A BMP file: `bits` 24 (BGR rows) or 8 (a palette), bottom-up unless `topDown`, rows padded to 4 bytes. */
function bmp(width: number, height: number, rgb: [number, number, number], bits: 8 | 24 = 24, topDown = false): Buffer {
  const stride = Math.ceil((width * bits) / 32) * 4;
  const palette = bits === 8 ? 256 * 4 : 0;
  const offset = 54 + palette;
  const b = Buffer.alloc(offset + stride * height);
  b.write('BM', 0, 'ascii');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(offset, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(topDown ? -height : height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(bits, 28);
  b.writeUInt32LE(0, 30);
  if (bits === 8) {
    b.writeUInt32LE(256, 46);
    b[54 + 7 * 4] = rgb[2];
    b[54 + 7 * 4 + 1] = rgb[1];
    b[54 + 7 * 4 + 2] = rgb[0];
  }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = offset + y * stride + x * (bits / 8);
      if (bits === 8) b[o] = 7;
      else [b[o], b[o + 1], b[o + 2]] = [rgb[2], rgb[1], rgb[0]];
    }
  return b;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-decode-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function centre(path: string): Promise<number[]> {
  const opened = await openImage(path, 100_000_000);
  const { data, info } = await opened.image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const o = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
  return [data[o]!, data[o + 1]!, data[o + 2]!];
}

describe('pictures sharp cannot read by itself', () => {
  it('decodes HEIC coded with HEVC (as iPhones write it), off the main thread', async () => {
    const path = join(FIXTURES, 'red.heic');
    expect(await probeImage(path)).toMatchObject({ format: 'heic', width: 640, height: 480 });
    const [r, g, b] = await centre(path);
    expect(r).toBeGreaterThan(240);
    expect(g).toBeLessThan(20);
    expect(b).toBeLessThan(20);
    const portrait = await openImage(join(FIXTURES, 'blue-portrait.heic'), 100_000_000);
    expect([portrait.width, portrait.height]).toEqual([480, 640]);
    const thumb = await new SharpImageCodec().thumbnail(join(FIXTURES, 'blue-portrait.heic'), 160);
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'jpeg', width: 120, height: 160 });
  });

  it('decodes BMP: 24-bit and 8-bit palette, bottom-up and top-down rows', async () => {
    for (const [name, bits, topDown] of [
      ['a.bmp', 24, false],
      ['b.bmp', 8, false],
      ['c.bmp', 24, true],
    ] as const) {
      const path = join(dir, name);
      await writeFile(path, bmp(33, 21, [0, 200, 50], bits, topDown)); // odd width: padded rows
      expect(await probeImage(path)).toMatchObject({ format: 'bmp', width: 33, height: 21 });
      expect(await centre(path)).toEqual([0, 200, 50]);
    }
  });

  it('refuses a cut-short BMP and a HEIC that is not one, with the reason', async () => {
    const short = join(dir, 'short.bmp');
    await writeFile(short, bmp(40, 40, [1, 2, 3]).subarray(0, 200));
    await expect(openImage(short, 1e8)).rejects.toThrow(/the BMP is cut short/);
    const fake = join(dir, 'fake.heic');
    await writeFile(fake, Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]));
    await expect(openImage(fake, 1e8)).rejects.toThrow();
  });
});
