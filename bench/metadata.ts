// Metadata extraction on this machine, in one run over the same generated files: pictures with real EXIF (camera,
// lens, date with offset, GPS) written by libvips. The baseline is a bare run of the chosen reader, exifr, on the
// same files with the same options and concurrency; then Glimpse's reader (exifr on the file's first 256 KiB, and
// the values kept), then with the place named from the offline gazetteer; and, for the choice of reader,
// exiftool-vendored (ExifTool, the reader Immich uses) on the same files.
// Each row is the median of three passes (ExifTool's: one, it is slow). Usage: npm run bench:metadata -- [--files N]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ExifrMetadataReader, GeoNamesPlaceFinder } from '@glimpse/adapters-metadata';
import { mapConcurrent } from '@glimpse/core';
import exifr from 'exifr';
import { exiftool } from 'exiftool-vendored';
import { writeExifJpeg } from '../test-support/exif-pictures.js';

const { values } = parseArgs({ options: { files: { type: 'string', default: '2000' } } });
const count = Number(values.files);
const AT_ONCE = 4;

const dir = mkdtempSync(join(tmpdir(), 'glimpse-bench-metadata-'));
mkdirSync(join(dir, 'lib'));
const cameras = [
  ['Canon', 'Canon EOS R6', 'RF24-105mm F4 L IS USM'],
  ['Apple', 'iPhone 15 Pro', 'iPhone 15 Pro back triple camera 6.86mm f/1.78'],
  ['NIKON CORPORATION', 'NIKON Z 6_2', 'NIKKOR Z 24-70mm f/4 S'],
  ['SONY', 'ILCE-7M4', 'FE 35mm F1.8'],
] as const;
const spots = [
  [48.8584, 2.2945],
  [38.7139, -9.1394],
  [40.758, -73.9855],
  [35.6586, 139.7454],
  [-33.8568, 151.2153],
] as const;

console.log(`Writing ${count} JPEGs with EXIF ...`);
const files: string[] = [];
for (let i = 0; i < count; i++) {
  const [make, model, lens] = cameras[i % cameras.length]!;
  const [lat, lon] = spots[i % spots.length]!;
  const path = join(dir, 'lib', `p${String(i).padStart(5, '0')}.jpg`);
  await writeExifJpeg(path, {
    make,
    model,
    lens,
    taken: `20${10 + (i % 14)}:0${1 + (i % 9)}:1${i % 10} 1${i % 10}:2${i % 6}:05`,
    offset: i % 2 ? '+02:00' : '-05:00',
    latitude: lat + (i % 100) / 10_000,
    longitude: lon - (i % 100) / 10_000,
  });
  files.push(path);
}

/** The median of three passes over every file, after a warm-up (modules loaded, the gazetteer read). */
async function timed(
  name: string,
  work: (path: string) => Promise<unknown>,
  passes = 3,
): Promise<{ name: string; s: number }> {
  await mapConcurrent(files.slice(0, 50), AT_ONCE, work);
  const times: number[] = [];
  for (let k = 0; k < passes; k++) {
    const started = performance.now();
    await mapConcurrent(files, AT_ONCE, work);
    times.push((performance.now() - started) / 1000);
  }
  return { name, s: times.sort((a, b) => a - b)[Math.floor(times.length / 2)]! };
}

try {
  const reader = new ExifrMetadataReader();
  const places = new GeoNamesPlaceFinder();
  const options = { tiff: true, exif: true, gps: true, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false };
  const rows = [
    await timed('bare exifr.parse on the file (baseline)', (p) => exifr.parse(p, options)),
    await timed('Glimpse: ExifrMetadataReader.read', (p) => reader.read(p, 'image')),
    await timed('Glimpse: read, then the place named', async (p) => {
      const m = await reader.read(p, 'image');
      if (m.latitude !== null && m.longitude !== null) await places.placeOf(m.latitude, m.longitude);
    }),
    await timed('exiftool-vendored (ExifTool 13, perl, batch mode)', (p) => exiftool.read(p), 1),
  ];
  await exiftool.end();
  console.log(`\nMetadata of ${count} JPEGs with EXIF, ${AT_ONCE} at a time, ${availableParallelism()} CPUs, one run:`);
  console.log('| reader | seconds | files/s | ratio |\n|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.name} | ${r.s.toFixed(2)} | ${(count / r.s).toFixed(0)} | ${(rows[0]!.s / r.s).toFixed(2)}x |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
