/**
 * The previews camera RAW files carry. Nearly every RAW file holds a JPEG of the shot as the camera rendered it
 * (full size or close to it: what the camera shows on its screen); Glimpse indexes that, as Lightroom's and
 * darktable's import previews do, instead of demosaicing the sensor data. Where they are:
 * - TIFF-structured files (DNG, CR2, NEF, NRW, ARW, SR2, SRF, PEF, SRW, ORF, RW2): in an IFD, SubIFD or the EXIF
 *   IFD, as JPEGInterchangeFormat/Length, as a JPEG-compressed single strip, or (RW2) as JpgFromRaw;
 * - RAF: at the offset its header gives (byte 84);
 * - anything else (CR3's ISO-BMFF boxes, an ORF whose preview is in its maker note): the largest JPEG found by
 *   walking the file's bytes for JPEG streams and parsing each one's markers.
 * Only baseline, extended or progressive JPEGs count (not the lossless JPEG some RAW data is coded in).
 */

export interface RawPreview {
  /** The JPEG stream, as a view into the file's bytes. */
  readonly jpeg: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** The RAW's own orientation (TIFF tag 274, 1..8) that applies to the preview; 1 when it records none. */
  readonly orientation: number;
}

/** Whether the bytes look like a RAW file (for uploads, which have no name). */
export function looksLikeRaw(b: Uint8Array): boolean {
  if (b.length < 16) return false;
  if (ascii(b, 0, 15) === 'FUJIFILMCCD-RAW') return true;
  if (ascii(b, 4, 8) === 'ftypcrx ') return true; // CR3
  const tiff = tiffHeader(b);
  if (!tiff) return false;
  if (tiff.magic !== 42) return true; // ORF ("IIRO"), RW2 ("IIU")
  if (ascii(b, 8, 2) === 'CR') return true; // CR2
  // DNG: DNGVersion in IFD0.
  const ifd0 = readIfd(b, tiff.le, tiff.first);
  return ifd0?.tags.has(0xc612) ?? false;
}

/** The largest JPEG preview in a RAW file's bytes; null when there is none. */
export function findRawPreview(bytes: Uint8Array): RawPreview | null {
  const candidates: { start: number; length: number }[] = [];
  let orientation = 1;
  if (ascii(bytes, 0, 15) === 'FUJIFILMCCD-RAW' && bytes.length >= 92) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    candidates.push({ start: view.getUint32(84, false), length: view.getUint32(88, false) });
  }
  const tiff = tiffHeader(bytes);
  if (tiff) {
    const seen = new Set<number>();
    const queue = [tiff.first];
    let first = true;
    while (queue.length > 0 && seen.size < 64) {
      const at = queue.shift()!;
      if (at <= 0 || at >= bytes.length || seen.has(at)) continue;
      seen.add(at);
      const ifd = readIfd(bytes, tiff.le, at);
      if (!ifd) continue;
      const t = ifd.tags;
      if (first) {
        orientation = t.get(0x112)?.[0] ?? 1;
        first = false;
      }
      const jpegAt = t.get(0x201)?.[0];
      const jpegLength = t.get(0x202)?.[0];
      if (jpegAt && jpegLength) candidates.push({ start: jpegAt, length: jpegLength });
      const compression = t.get(0x103)?.[0];
      const strips = t.get(0x111);
      const counts = t.get(0x117);
      if ((compression === 6 || compression === 7) && strips?.length === 1 && counts?.length === 1)
        candidates.push({ start: strips[0]!, length: counts[0]! });
      const fromRaw = ifd.raw.get(0x2e); // Panasonic JpgFromRaw
      if (fromRaw) candidates.push(fromRaw);
      for (const sub of t.get(0x14a) ?? []) queue.push(sub);
      for (const exif of t.get(0x8769) ?? []) queue.push(exif);
      if (ifd.next) queue.push(ifd.next);
    }
  }
  let best: RawPreview | null = null;
  // Hostile bytes (many streams that never end) cost at most a few passes over the file, whatever they hold.
  const budget = { steps: 4 * bytes.length + 1_000_000 };
  const tried = new Set<number>();
  const consider = (start: number, limit: number) => {
    if (tried.has(start) || budget.steps <= 0) return;
    tried.add(start);
    const j = jpegAt(bytes, start, limit, budget);
    if (j && (!best || j.width * j.height > best.width * best.height))
      best = { jpeg: bytes.subarray(start, j.end), width: j.width, height: j.height, orientation };
  };
  for (const c of candidates)
    if (c.start > 0 && c.start < bytes.length) consider(c.start, Math.min(bytes.length, c.start + c.length));
  if (!best) {
    // The file's structure gave nothing: look for JPEG streams in its bytes.
    tried.clear();
    for (
      let i = bytes.indexOf(0xff);
      i >= 0 && i < bytes.length - 4 && budget.steps > 0;
      i = bytes.indexOf(0xff, i + 1)
    ) {
      if (bytes[i + 1] !== 0xd8 || bytes[i + 2] !== 0xff) continue;
      const before = best as RawPreview | null;
      consider(i, bytes.length);
      const found = best as RawPreview | null;
      // Skip past a stream just taken (its EXIF thumbnail is inside it, and smaller).
      if (found && found !== before) i = found.jpeg.byteOffset - bytes.byteOffset + found.jpeg.length - 1;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------

function ascii(b: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = at; i < at + n && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function tiffHeader(b: Uint8Array): { le: boolean; magic: number; first: number } | null {
  if (b.length < 8) return null;
  const le = b[0] === 0x49 && b[1] === 0x49;
  const be = b[0] === 0x4d && b[1] === 0x4d;
  if (!le && !be) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const magic = view.getUint16(2, le);
  // TIFF 42; Olympus ORF 0x4f52 ("RO") and 0x5352 ("RS"); Panasonic RW2 0x55.
  if (magic !== 42 && magic !== 0x4f52 && magic !== 0x5352 && magic !== 0x55) return null;
  return { le, magic, first: view.getUint32(4, le) };
}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 13: 4 };

/** An IFD's integer tags (BYTE, SHORT, LONG and IFD values, up to 64 of each), its UNDEFINED blobs, and the next IFD. */
function readIfd(
  b: Uint8Array,
  le: boolean,
  at: number,
): { tags: Map<number, number[]>; raw: Map<number, { start: number; length: number }>; next: number } | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (at + 2 > b.length) return null;
  const n = view.getUint16(at, le);
  if (n === 0 || n > 1000 || at + 2 + n * 12 + 4 > b.length) return null;
  const tags = new Map<number, number[]>();
  const raw = new Map<number, { start: number; length: number }>();
  for (let k = 0; k < n; k++) {
    const e = at + 2 + k * 12;
    const tag = view.getUint16(e, le);
    const type = view.getUint16(e + 2, le);
    const count = view.getUint32(e + 4, le);
    const size = (TYPE_SIZE[type] ?? 0) * count;
    const data = size <= 4 ? e + 8 : view.getUint32(e + 8, le);
    if (type === 7 && size > 4) {
      raw.set(tag, { start: data, length: count });
      continue;
    }
    if (type !== 1 && type !== 3 && type !== 4 && type !== 13) continue;
    const width = type === 1 ? 1 : type === 3 ? 2 : 4;
    const values: number[] = [];
    for (let i = 0; i < Math.min(count, 64); i++) {
      const p = data + i * width;
      if (p + width > b.length) break;
      values.push(width === 1 ? b[p]! : width === 2 ? view.getUint16(p, le) : view.getUint32(p, le));
    }
    tags.set(tag, values);
  }
  return { tags, raw, next: view.getUint32(at + 2 + n * 12, le) };
}

/**
 * The JPEG stream starting at `start` (SOI), read marker by marker up to its EOI within `limit`: its end and the
 * size its frame header gives. Null when it is not a whole baseline, extended or progressive JPEG, or when the
 * `budget` of bytes looked at runs out.
 */
export function jpegAt(
  b: Uint8Array,
  start: number,
  limit: number,
  budget: { steps: number } = { steps: Infinity },
): { end: number; width: number; height: number } | null {
  if (b[start] !== 0xff || b[start + 1] !== 0xd8) return null;
  let p = start + 2;
  let width = 0;
  let height = 0;
  while (p + 2 <= limit) {
    if (--budget.steps < 0) return null;
    if (b[p] !== 0xff) return null;
    const marker = b[p + 1]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0xd9) return width && height ? { end: p + 2, width, height } : null;
    if (marker >= 0xd0 && marker <= 0xd7) {
      p += 2;
      continue;
    }
    if (p + 4 > limit) return null;
    const length = (b[p + 2]! << 8) | b[p + 3]!;
    if (length < 2 || p + 2 + length > limit) return null;
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      if (length < 7) return null;
      height = (b[p + 5]! << 8) | b[p + 6]!;
      width = (b[p + 7]! << 8) | b[p + 8]!;
    } else if (marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return null; // lossless, hierarchical or arithmetic-coded: not a preview sharp reads
    }
    p += 2 + length;
    if (marker === 0xda) {
      // Entropy-coded data: up to the next marker that is not a stuffed 0xFF00 or a restart.
      const from = p;
      while (p + 1 < limit && !(b[p] === 0xff && b[p + 1] !== 0 && (b[p + 1]! < 0xd0 || b[p + 1]! > 0xd7))) p++;
      budget.steps -= p - from;
    }
  }
  return null;
}
