// Embedding from the preview a file carries: a HEIC's thumbnail and a camera JPEG's MPF preview, when at least as
// large as the model's input, give the model the same picture (orientation, shape) as the full decode does.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openImage } from './decode-image.js';
import { findJpegPreviews, withMpfPreviews } from './jpeg-preview.js';
import { readModelFiles, type PreprocessConfig } from './model-files.js';
import { SharpImageCodec } from './sharp-image-codec.js';
import { preprocessImage } from './preprocess.js';
import { TINY_TEST_MODEL_DIR } from './test-model.js';

const FIXTURES = fileURLToPath(new URL('../../../test-support/fixtures/', import.meta.url));
const SPLIT_HEIC = join(FIXTURES, 'split-thumb.heic'); // 1280 x 960, left half red, right half blue; 320 x 240 thumb

let dir: string;
let cfg: PreprocessConfig;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-previews-'));
  cfg = { ...(await readModelFiles(TINY_TEST_MODEL_DIR)).preprocess, size: [224, 224] };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Left half red, right half blue, as a JPEG of `w` x `h`, with an EXIF orientation when given. */
async function split(w: number, h: number, orientation?: number): Promise<Buffer> {
  const half = await sharp({ create: { width: Math.ceil(w / 2), height: h, channels: 3, background: '#0000ff' } })
    .png()
    .toBuffer();
  const img = sharp({ create: { width: w, height: h, channels: 3, background: '#ff0000' } })
    .composite([{ input: half, left: Math.floor(w / 2), top: 0 }])
    .jpeg({ quality: 92 });
  return (orientation ? img.withMetadata({ orientation }) : img).toBuffer();
}

const mad = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
};

/** The normalized red channel at a point of the tensor (x, y in 0..1). */
const red = (t: Float32Array, x: number, y: number) => t[Math.floor(y * 223) * 224 + Math.floor(x * 223)]!;

describe('HEIC thumbnails', () => {
  it('opens a HEIC by its thumbnail when it is at least as large as asked, and keeps the picture’s own size', async () => {
    const opened = await openImage(SPLIT_HEIC, 100_000_000, 224);
    expect(opened).toMatchObject({ width: 1280, height: 960, format: 'heic', preview: { width: 320, height: 240 } });
    const full = await openImage(SPLIT_HEIC, 100_000_000, 0);
    expect(full.preview).toBeUndefined();
    expect((await full.image.metadata()).width).toBe(1280);
    // A thumbnail smaller than asked (240 < 300 on its shorter side) is not used.
    expect((await openImage(SPLIT_HEIC, 100_000_000, 300)).preview).toBeUndefined();
  });

  it('gives the model the same picture from the thumbnail as from the full decode', async () => {
    const input = { type: 'file', path: SPLIT_HEIC } as const;
    const fromThumb = await preprocessImage(input, cfg);
    const fromFull = await preprocessImage(input, cfg, undefined, false);
    expect([fromThumb.width, fromThumb.height]).toEqual([1280, 960]);
    expect(red(fromThumb.tensor, 0.2, 0.5)).toBeGreaterThan(1.5); // left: red
    expect(red(fromThumb.tensor, 0.8, 0.5)).toBeLessThan(-1); // right: not red
    expect(mad(fromThumb.tensor, fromFull.tensor)).toBeLessThan(0.05);
  });

  it('decodes a HEIC without a thumbnail in full', async () => {
    const opened = await openImage(join(FIXTURES, 'red.heic'), 100_000_000, 224);
    expect(opened.preview).toBeUndefined();
    expect([opened.width, opened.height]).toEqual([640, 480]);
  });
});

describe('camera JPEG previews (MPF)', () => {
  it('finds the previews stored after the main picture, and none in a plain JPEG', async () => {
    const main = await split(1600, 1200);
    const preview = await split(400, 300);
    const file = withMpfPreviews(main, [preview]);
    const found = findJpegPreviews(file);
    expect(found).toHaveLength(1);
    expect(Buffer.from(found[0]!.jpeg).equals(preview)).toBe(true);
    expect(findJpegPreviews(main)).toEqual([]);
    // A fill byte before a marker is allowed (0xFF 0xFF 0xE2 ...).
    const filled = Buffer.concat([file.subarray(0, 2), Buffer.from([0xff]), file.subarray(2)]);
    expect(findJpegPreviews(filled)).toHaveLength(1);
    expect(await sharp(Buffer.from(file)).metadata()).toMatchObject({ width: 1600, height: 1200 });
  });

  it('embeds from the preview, turned as the main picture is, and the tensors match the full decode', async () => {
    // Stored as the sensor saw it, with orientation 6 (turn 90° clockwise): upright, red is on top.
    const path = join(dir, 'rotated.jpg');
    await writeFile(path, withMpfPreviews(await split(1600, 1200, 6), [await split(400, 300)]));
    const opened = await openImage(path, 100_000_000, 224);
    expect(opened).toMatchObject({ width: 1200, height: 1600, preview: { width: 300, height: 400 } });
    const fromPreview = await preprocessImage({ type: 'file', path }, cfg);
    const fromFull = await preprocessImage({ type: 'file', path }, cfg, undefined, false);
    expect(red(fromPreview.tensor, 0.5, 0.2)).toBeGreaterThan(1.5); // top: red
    expect(red(fromPreview.tensor, 0.5, 0.8)).toBeLessThan(-1);
    expect(mad(fromPreview.tensor, fromFull.tensor)).toBeLessThan(0.05);
  });

  it('passes over a preview that is too small, of another shape, turned otherwise, not a preview, or broken', async () => {
    const main = await split(1600, 1200);
    const grey = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#777777' } })
      .greyscale()
      .jpeg()
      .toBuffer();
    const cases: [string, Uint8Array][] = [
      ['small', withMpfPreviews(main, [await split(160, 120)])],
      ['square', withMpfPreviews(main, [await split(400, 400)])],
      // Stored 400 x 300 but tagged to be turned: upright it is 300 x 400, not the main picture's shape.
      ['turned', withMpfPreviews(main, [await split(400, 300, 6)])],
      // An HDR gain map (MP type 0), as recent phones store one: not a preview of the picture.
      ['gain map', withMpfPreviews(main, [grey], [0])],
      ['broken', withMpfPreviews(main, [Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(500, 7)])])],
    ];
    for (const [name, bytes] of cases) {
      const path = join(dir, `${name}.jpg`);
      await writeFile(path, bytes);
      const opened = await openImage(path, 100_000_000, 224);
      expect(opened.preview, name).toBeUndefined();
      const p = await preprocessImage({ type: 'file', path }, cfg);
      expect(red(p.tensor, 0.2, 0.5), name).toBeGreaterThan(1.5);
    }
  });

  it('falls back to the full picture when a preview’s header reads but its data does not', async () => {
    const preview = await split(400, 300);
    const cut = preview.subarray(0, Math.floor(preview.length / 3)); // header intact, scan cut short
    const path = join(dir, 'cut.jpg');
    await writeFile(path, withMpfPreviews(await split(1600, 1200), [cut]));
    expect((await openImage(path, 100_000_000, 224)).preview).toEqual({ width: 400, height: 300 });
    const p = await preprocessImage({ type: 'file', path }, cfg);
    expect(red(p.tensor, 0.2, 0.5)).toBeGreaterThan(1.5);
    expect(red(p.tensor, 0.8, 0.5)).toBeLessThan(-1);
    // The web app's thumbnail too is made from the full picture when the preview fails.
    const thumb = await sharp(await new SharpImageCodec().thumbnail(path, 240))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(thumb.info).toMatchObject({ width: 240, height: 180 });
    const px = (x: number) => [...thumb.data.subarray((90 * 240 + x) * 3, (90 * 240 + x) * 3 + 3)];
    expect(px(40)[0]).toBeGreaterThan(200);
    expect(px(200)[2]).toBeGreaterThan(200);
  });

  it('makes thumbnails from the preview unless told not to', async () => {
    // A preview that differs from the main picture (all green) shows which one a thumbnail came from.
    const green = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#00ff00' } })
      .jpeg()
      .toBuffer();
    const path = join(dir, 'green-preview.jpg');
    await writeFile(path, withMpfPreviews(await split(1600, 1200), [green]));
    const centre = async (codec: SharpImageCodec) => {
      const { data, info } = await sharp(await codec.thumbnail(path, 240))
        .raw()
        .toBuffer({ resolveWithObject: true });
      const o = (Math.floor(info.height / 2) * info.width + 20) * 3;
      return [data[o]!, data[o + 1]!, data[o + 2]!];
    };
    expect((await centre(new SharpImageCodec()))[1]).toBeGreaterThan(200); // green: the preview
    expect((await centre(new SharpImageCodec({ usePreviews: false })))[0]).toBeGreaterThan(200); // red: the picture
    expect((await readFile(path)).length).toBeGreaterThan(0);
  });
});
