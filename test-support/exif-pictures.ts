// Pictures with real EXIF, written by libvips (sharp's withExif), for the metadata tests and the benchmark.
import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';

export interface ExifSpec {
  readonly make?: string;
  readonly model?: string;
  readonly lens?: string;
  /** EXIF local time, "2023:07:14 18:30:05". */
  readonly taken?: string;
  /** "+02:00". */
  readonly offset?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly orientation?: number;
}

/** Degrees as EXIF's rational degrees, minutes, seconds. */
function dms(deg: number): string {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 10000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

/** A small JPEG of one colour carrying the EXIF described. */
export async function writeExifJpeg(path: string, spec: ExifSpec, colour = '#336699'): Promise<void> {
  const ifd0: Record<string, string> = {};
  if (spec.make) ifd0['Make'] = spec.make;
  if (spec.model) ifd0['Model'] = spec.model;
  const ifd2: Record<string, string> = {};
  if (spec.taken) ifd2['DateTimeOriginal'] = spec.taken;
  if (spec.offset) ifd2['OffsetTimeOriginal'] = spec.offset;
  if (spec.lens) ifd2['LensModel'] = spec.lens;
  const ifd3: Record<string, string> = {};
  if (spec.latitude !== undefined && spec.longitude !== undefined) {
    ifd3['GPSLatitudeRef'] = spec.latitude < 0 ? 'S' : 'N';
    ifd3['GPSLatitude'] = dms(spec.latitude);
    ifd3['GPSLongitudeRef'] = spec.longitude < 0 ? 'W' : 'E';
    ifd3['GPSLongitude'] = dms(spec.longitude);
  }
  let image = sharp({ create: { width: 96, height: 64, channels: 3, background: colour } })
    .jpeg()
    .withExif({ IFD0: ifd0, IFD2: ifd2, IFD3: ifd3 });
  // libvips writes the orientation tag itself, from its own field.
  if (spec.orientation) image = image.withMetadata({ orientation: spec.orientation });
  await writeFile(path, await image.toBuffer());
}
