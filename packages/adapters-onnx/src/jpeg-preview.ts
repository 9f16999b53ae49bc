/**
 * The preview a camera JPEG carries in its Multi-Picture Format block (CIPA DC-007: an APP2 segment "MPF\0" whose
 * index lists the images stored after the main one; Canon, Nikon, Sony and Fujifilm write a 1,600-1,920 pixel
 * preview there). Found from the bytes alone; null when the file has none or its index does not hold together.
 */
export interface JpegPreview {
  /** The preview's own JPEG stream (a view into the file's bytes). */
  readonly jpeg: Uint8Array;
}

/** Where a preview lies in the file: byte offset and length. */
export interface JpegPreviewRange {
  readonly start: number;
  readonly size: number;
}

const MAX_ENTRIES = 32;
/** MP entry types that are previews of the main picture (CIPA DC-007): large thumbnails, VGA and full HD. */
const PREVIEW_TYPES = new Set([0x010001, 0x010002]);
/** How much of a file's start holds its MPF block (it follows EXIF, at most 64 KiB, among the first segments). */
export const MPF_HEAD_BYTES = 256 * 1024;

/** The previews of a whole JPEG file in memory (see jpegPreviewRanges). */
export function findJpegPreviews(bytes: Uint8Array): JpegPreview[] {
  return jpegPreviewRanges(bytes)
    .filter((r) => r.start + r.size <= bytes.length && bytes[r.start] === 0xff && bytes[r.start + 1] === 0xd8)
    .map((r) => ({ jpeg: bytes.subarray(r.start, r.start + r.size) }));
}

/**
 * Where the previews listed in a JPEG's MPF block lie, from the file's first bytes (`head`, at least the segments
 * before the image data): entries typed as a large thumbnail and coded as JPEG only (not an HDR gain map, a depth
 * map or the other half of a stereo pair, which MPF also stores). The ranges are not checked against the file.
 */
export function jpegPreviewRanges(head: Uint8Array): JpegPreviewRange[] {
  if (head.length < 4 || head[0] !== 0xff || head[1] !== 0xd8) return [];
  let at = 2;
  // Walk the markers before the image data (SOS); the MPF block comes early (after EXIF).
  while (at + 4 <= head.length) {
    if (head[at] !== 0xff) return [];
    const marker = head[at + 1]!;
    if (marker === 0xff) {
      at += 1; // a fill byte before a marker
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return [];
    const length = (head[at + 2]! << 8) | head[at + 3]!;
    if (length < 2) return [];
    if (marker === 0xe2 && length >= 8 && ascii(head, at + 4, 4) === 'MPF\0')
      return mpEntries(head, at + 8, Math.min(head.length, at + 2 + length));
    at += 2 + length;
  }
  return [];
}

function ascii(b: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...b.subarray(at, at + n));
}

/** The MP Index IFD at `base` (a TIFF header: byte order, 42, offset of the IFD); offsets count from `base`. */
function mpEntries(bytes: Uint8Array, base: number, end: number): JpegPreviewRange[] {
  if (base + 8 > end) return [];
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = ascii(bytes, base, 2);
  if (order !== 'II' && order !== 'MM') return [];
  const le = order === 'II';
  if (v.getUint16(base + 2, le) !== 42) return [];
  const ifd = base + v.getUint32(base + 4, le);
  if (ifd + 2 > end) return [];
  const count = v.getUint16(ifd, le);
  let entriesAt = -1;
  let entries = 0;
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > end) return [];
    if (v.getUint16(e, le) === 0xb002 && v.getUint16(e + 2, le) === 7) {
      const size = v.getUint32(e + 4, le);
      entries = Math.floor(size / 16);
      entriesAt = base + v.getUint32(e + 8, le);
    }
  }
  if (entriesAt < 0 || entries < 2 || entriesAt + entries * 16 > end) return [];
  const out: JpegPreviewRange[] = [];
  for (let i = 1; i < Math.min(entries, MAX_ENTRIES); i++) {
    const e = entriesAt + i * 16;
    const attr = v.getUint32(e, le);
    const size = v.getUint32(e + 4, le);
    const offset = v.getUint32(e + 8, le);
    if (!PREVIEW_TYPES.has(attr & 0xffffff) || ((attr >>> 24) & 7) !== 0) continue;
    if (offset === 0 || size < 4) continue;
    out.push({ start: base + offset, size });
  }
  return out;
}

/**
 * A JPEG with `previews` stored after it in a Multi-Picture Format block, as cameras write them: for tests and
 * benchmarks (the previews are taken as they are).
 */
export function withMpfPreviews(
  primary: Uint8Array,
  previews: readonly Uint8Array[],
  /** Each preview's MP entry type: default 0x010001 (a large thumbnail); 0 for, e.g., a gain map. */
  types: readonly number[] = [],
): Uint8Array {
  const n = previews.length + 1;
  // APP2: FFE2, length, "MPF\0", then a little-endian TIFF header, an IFD of 3 entries, and the MP entries.
  const ifdEntries = 3;
  const ifdSize = 2 + ifdEntries * 12 + 4;
  const mpHeaderSize = 8 + ifdSize + n * 16;
  const segment = new Uint8Array(4 + 4 + mpHeaderSize);
  const v = new DataView(segment.buffer);
  v.setUint16(0, 0xffe2);
  v.setUint16(2, segment.length - 2);
  segment.set([0x4d, 0x50, 0x46, 0], 4);
  const base = 8;
  segment.set([0x49, 0x49], base);
  v.setUint16(base + 2, 42, true);
  v.setUint32(base + 4, 8, true);
  const ifd = base + 8;
  v.setUint16(ifd, ifdEntries, true);
  const tag = (i: number, id: number, type: number, count: number, value: number | string) => {
    const e = ifd + 2 + i * 12;
    v.setUint16(e, id, true);
    v.setUint16(e + 2, type, true);
    v.setUint32(e + 4, count, true);
    if (typeof value === 'string')
      segment.set(
        [...value].map((c) => c.charCodeAt(0)),
        e + 8,
      );
    else v.setUint32(e + 8, value, true);
  };
  tag(0, 0xb000, 7, 4, '0100'); // MPF version
  tag(1, 0xb001, 4, 1, n); // number of images
  tag(2, 0xb002, 7, n * 16, 8 + ifdSize); // the MP entries, right after the IFD
  v.setUint32(ifd + 2 + ifdEntries * 12, 0, true);
  const total = primary.length + segment.length;
  const entries = base + 8 + ifdSize;
  let offset = total - (2 + base); // the first preview follows the primary image, counted from the MP header
  for (let i = 0; i < n; i++) {
    const e = entries + i * 16;
    const size = i === 0 ? total : previews[i - 1]!.length;
    v.setUint32(e, i === 0 ? 0x20030000 : (types[i - 1] ?? 0x00010001), true); // primary (baseline JPEG), then previews
    v.setUint32(e + 4, size, true);
    v.setUint32(e + 8, i === 0 ? 0 : offset, true);
    if (i > 0) offset += size;
  }
  const out = new Uint8Array(total + previews.reduce((s, p) => s + p.length, 0));
  out.set(primary.subarray(0, 2));
  out.set(segment, 2);
  out.set(primary.subarray(2), 2 + segment.length);
  let at = total;
  for (const p of previews) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
