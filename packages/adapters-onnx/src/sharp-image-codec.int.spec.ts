import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharpImageCodec } from './sharp-image-codec.js';

describe('SharpImageCodec', () => {
  let dir: string;
  const codec = new SharpImageCodec();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glimpse-codec-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads format and upright size from the header of an upload', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: 'red' } })
      .png()
      .toBuffer();
    expect(await codec.probe(png)).toEqual({ format: 'png', width: 30, height: 20, camera: null });
    // EXIF orientation 6 (rotate 90): stored 30 x 20, shown 20 x 30.
    const rotated = await sharp({ create: { width: 30, height: 20, channels: 3, background: 'red' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await codec.probe(rotated)).toMatchObject({ format: 'jpeg', width: 20, height: 30 });
    const path = join(dir, 'camera.jpg');
    await sharp({ create: { width: 8, height: 6, channels: 3, background: 'red' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Canon', Model: 'Canon EOS R6' } })
      .toFile(path);
    expect(await codec.probeFile(path)).toEqual({ format: 'jpeg', width: 8, height: 6, camera: 'Canon EOS R6' });
    await expect(codec.probe(new TextEncoder().encode('<html>not a picture</html>'))).rejects.toMatchObject({
      kind: 'unsupported-media',
    });
  });

  it('makes an upright JPEG thumbnail that fits the size and is never enlarged', async () => {
    const path = join(dir, 'wide.jpg');
    await sharp({ create: { width: 800, height: 400, channels: 3, background: { r: 0, g: 0, b: 255 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(path);
    const thumb = await codec.thumbnail(path, 160);
    const meta = await sharp(thumb).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 80, height: 160 }); // rotated to portrait
    const { data } = await sharp(thumb).raw().toBuffer({ resolveWithObject: true });
    expect(data[2]).toBeGreaterThan(200); // still blue
    const small = join(dir, 'small.png');
    await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toFile(small);
    const kept = await sharp(await codec.thumbnail(small, 320))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([kept.info.width, kept.info.height]).toEqual([40, 30]);
    expect(kept.data[0]).toBeGreaterThan(240); // transparency shown over white
  });

  it('says which file could not be made into a thumbnail', async () => {
    const bad = join(dir, 'bad.jpg');
    await writeFile(bad, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await expect(codec.thumbnail(bad, 160)).rejects.toThrow(/bad\.jpg/);
  });

  it('encodes a raw RGB frame as a JPEG', async () => {
    const frame = { timeSec: 0, width: 64, height: 36, data: new Uint8Array(64 * 36 * 3).fill(200) };
    const jpeg = await codec.encodeFrame(frame, 32);
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 32, height: 18 });
  });
});
