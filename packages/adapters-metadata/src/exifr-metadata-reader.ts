import { open, readFile } from 'node:fs/promises';
import exifr from 'exifr';
import {
  findRawPreview,
  GlimpseError,
  isRawPath,
  NO_METADATA,
  type MediaKind,
  type MediaMetadata,
  type MetadataReader,
} from '@glimpse/core';

/** Bytes read from the start of a file: where EXIF lives in JPEG, HEIC, TIFF-based RAW and PNG (eXIf) files. */
const HEAD_BYTES = 256 * 1024;

/** What exifr is asked for: the tags Glimpse keeps, as written (no revived dates, no translated values). */
const OPTIONS: NonNullable<Parameters<typeof exifr.parse>[1]> = {
  tiff: true,
  ifd0: { pick: ['Make', 'Model', 'Orientation', 'ModifyDate'] },
  exif: {
    pick: [
      'DateTimeOriginal',
      'CreateDate',
      'OffsetTimeOriginal',
      'OffsetTimeDigitized',
      'OffsetTime',
      'SubSecTimeOriginal',
      'LensModel',
      'LensMake',
    ],
  },
  gps: { pick: ['GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'] },
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  reviveValues: false,
  translateKeys: true,
  translateValues: false,
  mergeOutput: true,
};

type Tags = Partial<Record<string, unknown>>;

/**
 * Photos' metadata with exifr (pure JavaScript): date taken with its offset, camera, lens, GPS position and
 * orientation, from the first 256 KiB of the file, so a 40 MB RAW costs as much as a thumbnail. A file without
 * EXIF, or with EXIF exifr cannot parse, gives NO_METADATA; only a file that cannot be read at all throws.
 * A camera RAW file whose own structure says nothing exifr reads (RAF, CR3) is read by its embedded preview's EXIF.
 */
export class ExifrMetadataReader implements MetadataReader {
  async read(path: string, _kind: MediaKind): Promise<MediaMetadata> {
    let head: Buffer;
    try {
      const f = await open(path, 'r');
      try {
        const buf = Buffer.alloc(HEAD_BYTES);
        const { bytesRead } = await f.read(buf, 0, HEAD_BYTES, 0);
        head = buf.subarray(0, bytesRead);
      } finally {
        await f.close();
      }
    } catch (e) {
      throw new GlimpseError(
        'corrupt-media',
        `"${path}" could not be read for its metadata (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
        { cause: e },
      );
    }
    const found = await parse(head);
    if (found.cameraMake || found.takenAt || !isRawPath(path)) return found;
    const preview = findRawPreview(await readFile(path).catch(() => new Uint8Array(0)));
    return preview ? parse(preview.jpeg) : found;
  }
}

async function parse(bytes: Uint8Array): Promise<MediaMetadata> {
  try {
    const tags = (await exifr.parse(bytes, OPTIONS)) as Tags | undefined;
    return tags ? metadataOf(tags) : NO_METADATA;
  } catch {
    return NO_METADATA; // not a format exifr knows, or EXIF it cannot follow: no metadata, not a failure
  }
}

/** The tags as Glimpse keeps them; exported for tests. */
export function metadataOf(t: Tags): MediaMetadata {
  const offset = offsetMinutes(
    text(t['OffsetTimeOriginal']) ?? text(t['OffsetTimeDigitized']) ?? text(t['OffsetTime']),
  );
  // When it was taken, else digitized, else the camera's own last write (what the decoder's date is, too).
  const local = text(t['DateTimeOriginal']) ?? text(t['CreateDate']) ?? text(t['ModifyDate']);
  const takenAt = local ? exifInstant(local, text(t['SubSecTimeOriginal']), offset) : null;
  const latitude = coordinate(t['GPSLatitude'], text(t['GPSLatitudeRef']), 'S', 90);
  const longitude = coordinate(t['GPSLongitude'], text(t['GPSLongitudeRef']), 'W', 180);
  const located = latitude !== null && longitude !== null && !(latitude === 0 && longitude === 0);
  const orientation = typeof t['Orientation'] === 'number' ? t['Orientation'] : null;
  const lensModel = text(t['LensModel']);
  const lensMake = text(t['LensMake']);
  return {
    takenAt,
    takenAtOffsetMin: takenAt ? offset : null,
    cameraMake: text(t['Make']),
    cameraModel: text(t['Model']),
    lens:
      lensModel && lensMake && !lensModel.toLowerCase().startsWith(lensMake.toLowerCase())
        ? `${lensMake} ${lensModel}`
        : lensModel,
    latitude: located ? latitude : null,
    longitude: located ? longitude : null,
    orientation: orientation !== null && orientation >= 1 && orientation <= 8 ? orientation : null,
  };
}

function text(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  // eslint-disable-next-line no-control-regex -- EXIF strings are padded with NULs
  const s = v.replace(/\u0000+/g, '').trim();
  return s === '' ? null : s;
}

/** "+02:00" → 120; "-05:30" → -330. */
function offsetMinutes(v: string | null): number | null {
  const m = v ? /^([+-])(\d{2}):(\d{2})$/.exec(v) : null;
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes > 14 * 60 ? null : (m[1] === '-' ? -1 : 1) * minutes;
}

/** "2023:07:14 18:30:05" at +02:00 → 2023-07-14T16:30:05Z; without an offset the local time is taken as UTC. */
function exifInstant(local: string, subSec: string | null, offset: number | null): Date | null {
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (y < 1800 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null; // "0000:00:00 ..."
  const ms = subSec && /^\d+$/.test(subSec) ? Math.round(Number(`0.${subSec}`) * 1000) : 0;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, Math.min(ms, 999)) - (offset ?? 0) * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Degrees, minutes, seconds (or a decimal) with a hemisphere reference; null when missing or out of range. */
function coordinate(v: unknown, ref: string | null, negative: 'S' | 'W', max: number): number | null {
  let deg: number | null = null;
  if (typeof v === 'number') deg = v;
  else if (Array.isArray(v) && v.length >= 1 && v.every((x) => typeof x === 'number'))
    deg = (v[0] as number) + ((v[1] as number | undefined) ?? 0) / 60 + ((v[2] as number | undefined) ?? 0) / 3600;
  if (deg === null || !Number.isFinite(deg)) return null;
  const signed = ref?.toUpperCase().startsWith(negative) ? -Math.abs(deg) : deg;
  return Math.abs(signed) <= max ? signed : null;
}
