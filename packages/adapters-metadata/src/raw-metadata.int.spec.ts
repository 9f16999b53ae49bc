// The metadata of camera RAW files (made here with their real structure): from the RAW itself when exifr reads
// its TIFF structure (DNG, CR2), from its embedded preview's EXIF when it does not (RAF).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewJpeg, writeCr2, writeDng, writeRaf } from '../../../test-support/raw-files.js';
import { ExifrMetadataReader } from './exifr-metadata-reader.js';

const SPEC = { make: 'Canon', model: 'Canon EOS R5', taken: '2022:05:01 10:00:00', orientation: 6 };
let dir: string;
let preview: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-raw-meta-'));
  preview = await previewJpeg(600, 400, '#cc3300');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RAW metadata', () => {
  it('reads their camera and date: from the RAW itself, or from its preview when the RAW says nothing exifr reads', async () => {
    const reader = new ExifrMetadataReader();
    const dng = join(dir, 'meta.dng');
    await writeDng(dng, SPEC, { preview });
    expect(await reader.read(dng, 'image')).toMatchObject({
      cameraMake: 'Canon',
      cameraModel: 'Canon EOS R5',
      takenAt: new Date('2022-05-01T10:00:00Z'),
    });
    const raf = join(dir, 'meta.raf');
    const exif = { make: 'FUJIFILM', model: 'X-T4', taken: '2021:01:02 03:04:05' };
    await writeRaf(raf, 'X-T4', await previewJpeg(300, 200, '#123456', exif));
    expect(await reader.read(raf, 'image')).toMatchObject({
      cameraMake: 'FUJIFILM',
      cameraModel: 'X-T4',
      takenAt: new Date('2021-01-02T03:04:05Z'),
    });
  });

  it('reads a CR2 by its own TIFF structure', async () => {
    const cr2 = join(dir, 'IMG_0001.CR2');
    await writeCr2(cr2, SPEC, preview);
    expect(await new ExifrMetadataReader().read(cr2, 'image')).toMatchObject({
      cameraMake: 'Canon',
      cameraModel: 'Canon EOS R5',
      orientation: 6,
      takenAt: new Date('2022-05-01T10:00:00Z'),
    });
  });
});
