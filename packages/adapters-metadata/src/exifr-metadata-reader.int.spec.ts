// Real EXIF, written into generated JPEGs by libvips, read back by the reader; and the real gazetteer.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlimpseError, NO_METADATA } from '@glimpse/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExifrMetadataReader } from './exifr-metadata-reader.js';
import { GeoNamesPlaceFinder } from './geonames-place-finder.js';
import { writeExifJpeg } from '../../../test-support/exif-pictures.js';

let dir: string;
const reader = new ExifrMetadataReader();
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-exif-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ExifrMetadataReader on real EXIF', () => {
  it('reads the camera, the lens, the position, the orientation and the date at its offset', async () => {
    const path = join(dir, 'paris.jpg');
    await writeExifJpeg(path, {
      make: 'Canon',
      model: 'Canon EOS R6',
      lens: 'RF24-105mm F4 L IS USM',
      taken: '2023:07:14 18:30:05',
      offset: '+02:00',
      latitude: 48.8584,
      longitude: 2.2945,
      orientation: 6,
    });
    const m = await reader.read(path, 'image');
    expect(m).toMatchObject({
      cameraMake: 'Canon',
      cameraModel: 'Canon EOS R6',
      lens: 'RF24-105mm F4 L IS USM',
      takenAtOffsetMin: 120,
      orientation: 6,
    });
    expect(m.takenAt?.toISOString()).toBe('2023-07-14T16:30:05.000Z'); // 18:30 at +02:00
    expect(m.latitude).toBeCloseTo(48.8584, 4);
    expect(m.longitude).toBeCloseTo(2.2945, 4);
  });

  it('takes a date without an offset as written, and the southern and western hemispheres as negative', async () => {
    const path = join(dir, 'rio.jpg');
    await writeExifJpeg(path, { taken: '2019:12:31 23:59:59', latitude: -22.9519, longitude: -43.2105 });
    const m = await reader.read(path, 'image');
    expect(m.takenAt?.toISOString()).toBe('2019-12-31T23:59:59.000Z');
    expect(m.takenAtOffsetMin).toBeNull();
    expect(m.latitude).toBeCloseTo(-22.9519, 4);
    expect(m.longitude).toBeCloseTo(-43.2105, 4);
    expect(m.cameraMake).toBeNull();
  });

  it('gives no metadata for a picture without EXIF, a file that is not a picture, or a zeroed date', async () => {
    const plain = join(dir, 'plain.png');
    await writeFile(
      plain,
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    expect(await reader.read(plain, 'image')).toEqual(NO_METADATA);
    const text = join(dir, 'notes.jpg');
    await writeFile(text, 'not a picture at all, though it says .jpg');
    expect(await reader.read(text, 'image')).toEqual(NO_METADATA);
    const zero = join(dir, 'zero.jpg');
    await writeExifJpeg(zero, { make: 'Nikon', taken: '0000:00:00 00:00:00' });
    expect(await reader.read(zero, 'image')).toMatchObject({ cameraMake: 'Nikon', takenAt: null });
  });

  it('says which file it could not read at all', async () => {
    const err = await reader.read(join(dir, 'gone.jpg'), 'image').catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'corrupt-media')).toBe(true);
    expect((err as Error).message).toMatch(/gone\.jpg" could not be read for its metadata \(ENOENT\)/);
  });
});

describe('GeoNamesPlaceFinder (offline, GeoNames)', () => {
  const places = new GeoNamesPlaceFinder();
  it.each([
    [
      'the Eiffel Tower',
      48.8584,
      2.2945,
      { city: 'Paris', region: 'Île-de-France', country: 'France', countryCode: 'FR' },
    ],
    [
      'the Baixa, Lisbon',
      38.7139,
      -9.1394,
      { city: 'Lisbon', region: 'Lisbon', country: 'Portugal', countryCode: 'PT' },
    ],
    ['Times Square', 40.758, -73.9855, { city: 'New York City', country: 'United States', countryCode: 'US' }],
    ['Oeiras, a town beside Lisbon', 38.6913, -9.3109, { city: 'Oeiras', region: 'Lisbon', countryCode: 'PT' }],
    ['Zermatt, a village in the Alps', 46.0207, 7.7491, { city: 'Zermatt', country: 'Switzerland' }],
  ])('names %s', async (_, lat, lon, want) => {
    expect(await places.placeOf(lat, lon)).toMatchObject(want);
  });

  it('names nothing in the open sea, at 0,0, or for a position that is not one', async () => {
    expect(await places.placeOf(30, -40)).toBeNull();
    expect(await places.placeOf(0, 0)).toBeNull();
    expect(await places.placeOf(Number.NaN, 2)).toBeNull();
    expect(await places.placeOf(91, 0)).toBeNull();
  });
});
