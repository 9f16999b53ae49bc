// Camera RAW files, read by the JPEG preview the camera embedded (DNG, CR2, RAF made here with their real
// structure), or decoded by dcraw when there is none; their metadata read by the same reader as other pictures.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRawPreview, GlimpseError } from '@glimpse/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewJpeg, writeCr2, writeDng, writeRaf } from '../../../test-support/raw-files.js';
import type { PreprocessConfig } from './model-files.js';
import { preprocessImage } from './preprocess.js';
import { SharpImageCodec } from './sharp-image-codec.js';

const CFG: PreprocessConfig = {
  size: [224, 224],
  mean: [0.48145466, 0.4578275, 0.40821073],
  std: [0.26862954, 0.26130258, 0.27577711],
  interpolation: 'bicubic',
  resizeMode: 'shortest',
  fillColor: 0,
};
const SPEC = { make: 'Canon', model: 'Canon EOS R5', taken: '2022:05:01 10:00:00', orientation: 6 };

function hasDcraw(): boolean {
  try {
    execFileSync('dcraw', [], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return (e as { code?: string }).code !== 'ENOENT'; // dcraw with no arguments exits 1 after its usage
  }
}

let dir: string;
let preview: Buffer;
const codec = new SharpImageCodec();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-raw-'));
  preview = await previewJpeg(600, 400, '#cc3300');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

describe('camera RAW by its embedded preview', () => {
  it('reads a DNG as its preview, turned as the RAW says', async () => {
    const file = join(dir, 'shot.dng');
    await writeDng(file, SPEC, { preview });
    // Orientation 6: the 600 x 400 preview stands upright as 400 x 600.
    expect(await codec.probeFile(file)).toMatchObject({ format: 'dng', width: 400, height: 600 });
    const upright = join(dir, 'upright.png');
    await sharp(preview).rotate(90).png().toFile(upright);
    const fromRaw = await preprocessImage({ type: 'file', path: file }, CFG);
    const fromJpeg = await preprocessImage({ type: 'file', path: upright }, CFG);
    expect([fromRaw.width, fromRaw.height]).toEqual([400, 600]);
    expect(maxDiff(fromRaw.tensor, fromJpeg.tensor)).toBeLessThan(1e-6);
    const thumb = await sharp(await codec.thumbnail(file, 160)).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 107, 160]);
  });

  it('reads a CR2 and a RAF by their previews', async () => {
    const cr2 = join(dir, 'IMG_0001.CR2');
    await writeCr2(cr2, { ...SPEC, orientation: 1 }, preview);
    expect(await codec.probeFile(cr2)).toMatchObject({ format: 'cr2', width: 600, height: 400 });
    const raf = join(dir, 'DSCF0001.RAF');
    await writeRaf(raf, 'X-T4', preview);
    expect(await codec.probeFile(raf)).toMatchObject({ format: 'raf', width: 600, height: 400 });
    const jpeg = join(dir, 'preview.jpg');
    await writeFile(jpeg, preview);
    const want = (await preprocessImage({ type: 'file', path: jpeg }, CFG)).tensor;
    for (const f of [cr2, raf])
      expect(maxDiff((await preprocessImage({ type: 'file', path: f }, CFG)).tensor, want)).toBe(0);
    // An upload (no name) is known by its bytes.
    expect(await codec.probe(await sharp(preview).toBuffer())).toMatchObject({ format: 'jpeg' });
  });

  it('turns a preview by each orientation the RAW records (mirrored ones too)', async () => {
    // Left half red, right half blue, 60 x 40. Orientation 5 (transpose) stands it up with red on top; 7
    // (transverse) with blue on top; 6 with red on top too, 8 with blue.
    const halves = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#0000ff' } })
      .composite([
        { input: { create: { width: 30, height: 40, channels: 3, background: '#ff0000' } }, left: 0, top: 0 },
      ])
      .jpeg({ quality: 95 })
      .toBuffer();
    for (const [orientation, top] of [
      [5, 'red'],
      [6, 'red'],
      [7, 'blue'],
      [8, 'blue'],
    ] as const) {
      const file = join(dir, `turned-${orientation}.dng`);
      await writeDng(file, { ...SPEC, orientation }, { preview: halves });
      const { data, info } = await sharp(await codec.thumbnail(file, 160))
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([40, 60]);
      const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
      const redOnTop = at(20, 10)[0]! > 200 && at(20, 50)[2]! > 200;
      const blueOnTop = at(20, 10)[2]! > 200 && at(20, 50)[0]! > 200;
      expect({ orientation, top: redOnTop ? 'red' : blueOnTop ? 'blue' : 'neither' }).toEqual({ orientation, top });
    }
  });

  it('reads a preview that ends the file exactly (a JPEG named .dng)', async () => {
    const found = findRawPreview(preview);
    expect(found).toMatchObject({ width: 600, height: 400 });
    expect(found!.jpeg.length).toBe(preview.length);
    const file = join(dir, 'really-a-jpeg.dng');
    await writeFile(file, preview);
    expect(await codec.probeFile(file)).toMatchObject({ width: 600, height: 400 });
  });

  it('fails a file that only has a RAW name, saying which', async () => {
    const fake = join(dir, 'IMG_0004.NEF');
    await writeFile(fake, 'raw sensor data');
    const err = await preprocessImage({ type: 'file', path: fake }, CFG).catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'corrupt-media') || GlimpseError.is(err, 'unsupported-media')).toBe(true);
    expect((err as Error).message).toContain(fake);
  });
});

describe('hostile RAW files', () => {
  it('never throws on a RAW cut short anywhere, or garbled, and fails such a file with its name', async () => {
    const cr2 = join(dir, 'whole.cr2');
    await writeCr2(cr2, SPEC, preview);
    const whole = await readFile(cr2);
    for (let cut = 0; cut < whole.length; cut += 97) {
      const bytes = whole.subarray(0, cut);
      const found = findRawPreview(bytes);
      if (found) expect(found.jpeg.byteOffset + found.jpeg.length).toBeLessThanOrEqual(bytes.byteOffset + cut);
    }
    let seed = 1;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let k = 0; k < 200; k++) {
      const garbled = Buffer.from(whole);
      for (let i = 0; i < 40; i++) garbled[random() * 64 + (random() % 64)] = random(); // the header and IFD0
      expect(() => findRawPreview(garbled)).not.toThrow();
    }
    // An IFD that points at itself, and one whose entries run past the end.
    const loop = Buffer.alloc(64);
    loop.write('II', 0, 'latin1');
    loop.writeUInt16LE(42, 2);
    loop.writeUInt32LE(8, 4);
    loop.writeUInt16LE(1, 8);
    loop.writeUInt16LE(0x14a, 10);
    loop.writeUInt16LE(4, 12);
    loop.writeUInt32LE(1, 14);
    loop.writeUInt32LE(8, 18); // SubIFD: itself
    loop.writeUInt32LE(8, 22); // next IFD: itself
    expect(findRawPreview(loop)).toBeNull();
    const cutFile = join(dir, 'IMG_CUT.CR2');
    await writeFile(cutFile, whole.subarray(0, Math.floor(whole.length / 2)));
    const err = await preprocessImage({ type: 'file', path: cutFile }, CFG).catch((e: unknown) => e);
    expect(GlimpseError.is(err)).toBe(true);
    expect((err as Error).message).toContain(cutFile);
  });
});

describe('camera RAW without a preview', () => {
  it.skipIf(!hasDcraw())('is demosaiced by dcraw (camera white balance, turned)', async () => {
    const file = join(dir, 'bare.dng');
    await writeDng(file, SPEC, { preview: null, rawWidth: 64, rawHeight: 48, raw: [3600, 1200, 400] });
    const probe = await codec.probeFile(file);
    expect(probe.format).toBe('dng');
    expect([probe.width, probe.height].sort()).toEqual([48, 64].sort());
    const { tensor } = await preprocessImage({ type: 'file', path: file }, CFG);
    // A flat scene lit redder than it is blue: red stays over blue after the camera's white balance.
    const plane = 224 * 224;
    const mean = (c: number) => tensor.subarray(c * plane, (c + 1) * plane).reduce((a, x) => a + x, 0) / plane;
    expect(mean(0)).toBeGreaterThan(mean(2));
  });

  it('says how to read it when no RAW decoder is installed', async () => {
    const file = join(dir, 'bare-2.dng');
    await writeDng(file, SPEC, { preview: null });
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      const err = await preprocessImage({ type: 'file', path: file }, CFG).catch((e: unknown) => e);
      expect(GlimpseError.is(err, 'unsupported-media')).toBe(true);
      expect((err as Error).message).toMatch(/bare-2\.dng.*no embedded preview.*install dcraw/);
    } finally {
      process.env['PATH'] = path;
    }
  });
});

if (!hasDcraw())
  console.log('raw-decode: dcraw is not installed: the test of a RAW without a preview is skipped (apt install dcraw)');
