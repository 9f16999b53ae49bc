// Camera RAW files made here, with the structure real ones have, for the RAW tests: a DNG (TIFF with DNGVersion,
// the preview JPEG in IFD0 and the sensor's CFA data in a SubIFD, which dcraw decodes), a CR2 (Canon's TIFF
// variant, "CR" at byte 8, the preview as IFD0's JPEG strip) and a RAF (Fujifilm's header, the preview at the
// offset in bytes 84-91).
import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';

type Value =
  { type: 1 | 3 | 4; values: readonly number[] } | { type: 2; text: string } | { type: 5; values: readonly number[] };

interface Ifd {
  readonly entries: Map<number, Value>;
  /** Tags whose value is the offset of a blob (strips, JPEG): filled in when the blob is placed. */
  readonly blobs?: Map<number, Uint8Array>;
  readonly subIfds?: readonly Ifd[];
  readonly exif?: Ifd;
}

/** A little-endian TIFF: the header (with `headerExtra` after the first IFD's offset), blobs, then IFDs. */
function buildTiff(ifd0: Ifd, headerExtra: Uint8Array = new Uint8Array(0)): Buffer {
  const chunks: Buffer[] = [];
  let size = 8 + headerExtra.length;
  const place = (b: Uint8Array): number => {
    if (size % 2) {
      chunks.push(Buffer.alloc(1));
      size++;
    }
    const at = size;
    chunks.push(Buffer.from(b));
    size += b.length;
    return at;
  };
  const writeIfd = (ifd: Ifd): number => {
    const entries = new Map(ifd.entries);
    for (const [tag, blob] of ifd.blobs ?? []) entries.set(tag, { type: 4, values: [place(blob)] });
    if (ifd.subIfds?.length) entries.set(0x14a, { type: 4, values: ifd.subIfds.map(writeIfd) });
    if (ifd.exif) entries.set(0x8769, { type: 4, values: [writeIfd(ifd.exif)] });
    const tags = [...entries.keys()].sort((a, b) => a - b);
    // Values longer than 4 bytes go first, then the IFD pointing at them.
    const offsets = new Map<number, number>();
    const bytesOf = (v: Value): Buffer => {
      if (v.type === 2) return Buffer.from(`${v.text}\0`, 'latin1');
      if (v.type === 5) {
        const b = Buffer.alloc(v.values.length * 4);
        v.values.forEach((x, i) => b.writeUInt32LE(x, i * 4));
        return b;
      }
      const width = v.type === 1 ? 1 : v.type === 3 ? 2 : 4;
      const b = Buffer.alloc(v.values.length * width);
      v.values.forEach((x, i) =>
        width === 1 ? b.writeUInt8(x, i) : width === 2 ? b.writeUInt16LE(x, i * 2) : b.writeUInt32LE(x, i * 4),
      );
      return b;
    };
    for (const t of tags) {
      const b = bytesOf(entries.get(t)!);
      if (b.length > 4) offsets.set(t, place(b));
    }
    const table = Buffer.alloc(2 + tags.length * 12 + 4);
    table.writeUInt16LE(tags.length, 0);
    tags.forEach((t, k) => {
      const v = entries.get(t)!;
      const b = bytesOf(v);
      const e = 2 + k * 12;
      table.writeUInt16LE(t, e);
      table.writeUInt16LE(v.type, e + 2);
      const count = v.type === 2 ? b.length : v.type === 5 ? v.values.length / 2 : v.values.length;
      table.writeUInt32LE(count, e + 4);
      if (offsets.has(t)) table.writeUInt32LE(offsets.get(t)!, e + 8);
      else b.copy(table, e + 8);
    });
    return place(table);
  };
  const first = writeIfd(ifd0);
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(first, 4);
  return Buffer.concat([header, Buffer.from(headerExtra), ...chunks]);
}

const short = (...values: number[]): Value => ({ type: 3, values });
const long = (...values: number[]): Value => ({ type: 4, values });
const text = (t: string): Value => ({ type: 2, text: t });

export interface RawSpec {
  readonly make: string;
  readonly model: string;
  /** EXIF local time, "2023:07:14 18:30:05". */
  readonly taken?: string;
  /** TIFF orientation of the shot, 1..8. */
  readonly orientation?: number;
}

/** A JPEG of a colour gradient of the given size: what a camera's preview of the shot would be. */
export async function previewJpeg(width: number, height: number, colour: string, exif?: RawSpec): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="#ffffff"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  const jpeg = sharp(Buffer.from(svg)).jpeg({ quality: 85 });
  if (exif)
    jpeg.withExif({
      IFD0: { Make: exif.make, Model: exif.model },
      IFD2: exif.taken ? { DateTimeOriginal: exif.taken } : {},
    });
  return jpeg.toBuffer();
}

function exifIfd(spec: RawSpec): Ifd | undefined {
  return spec.taken ? { entries: new Map([[0x9003, text(spec.taken)]]) } : undefined;
}

/**
 * A DNG: IFD0 is the preview (NewSubFileType 1, JPEG) when one is given, the SubIFD the sensor's data (a 2x2 RGGB
 * Bayer mosaic, 16 bits, uncompressed, of a flat `raw` colour); without a preview IFD0 holds the sensor's data.
 */
export async function writeDng(
  path: string,
  spec: RawSpec,
  options: { preview: Buffer | null; rawWidth?: number; rawHeight?: number; raw?: readonly [number, number, number] },
): Promise<void> {
  const w = options.rawWidth ?? 64;
  const h = options.rawHeight ?? 48;
  const [r, g, b] = options.raw ?? [3000, 2000, 1000];
  const cfa = Buffer.alloc(w * h * 2);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      cfa.writeUInt16LE(y % 2 === 0 ? (x % 2 === 0 ? r : g) : x % 2 === 0 ? g : b, (y * w + x) * 2);
  const common = new Map<number, Value>([
    [0x10f, text(spec.make)],
    [0x110, text(spec.model)],
    [0x112, short(spec.orientation ?? 1)],
    [0xc612, { type: 1, values: [1, 4, 0, 0] }],
    [0xc614, text(`${spec.make} ${spec.model}`)],
  ]);
  const sensor: Ifd = {
    entries: new Map<number, Value>([
      [0xfe, long(0)],
      [0x100, long(w)],
      [0x101, long(h)],
      [0x102, short(16)],
      [0x103, short(1)],
      [0x106, short(32803)],
      [0x115, short(1)],
      [0x116, long(h)],
      [0x117, long(cfa.length)],
      [0x11c, short(1)],
      [0x828d, short(2, 2)],
      [0x828e, { type: 1, values: [0, 1, 1, 2] }],
      [0xc61d, long(4095)], // WhiteLevel
      // ColorMatrix1 (XYZ to camera): the identity, as rationals.
      [0xc621, { type: 5, values: [1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1] }],
    ]),
    blobs: new Map([[0x111, cfa]]),
  };
  let ifd0: Ifd;
  if (options.preview) {
    const meta = await sharp(options.preview).metadata();
    ifd0 = {
      entries: new Map<number, Value>([
        ...common,
        [0xfe, long(1)],
        [0x100, long(meta.width!)],
        [0x101, long(meta.height!)],
        [0x102, short(8, 8, 8)],
        [0x103, short(7)],
        [0x106, short(6)],
        [0x115, short(3)],
        [0x116, long(meta.height!)],
        [0x117, long(options.preview.length)],
      ]),
      blobs: new Map([[0x111, options.preview]]),
      subIfds: [sensor],
      ...(exifIfd(spec) ? { exif: exifIfd(spec)! } : {}),
    };
  } else {
    ifd0 = {
      entries: new Map([...common, ...sensor.entries]),
      blobs: sensor.blobs!,
      ...(exifIfd(spec) ? { exif: exifIfd(spec)! } : {}),
    };
  }
  await writeFile(path, buildTiff(ifd0));
}

/** A CR2: Canon's TIFF ("CR", version 2.0 at byte 8), the preview as IFD0's one JPEG strip (compression 6). */
export async function writeCr2(path: string, spec: RawSpec, preview: Buffer): Promise<void> {
  const meta = await sharp(preview).metadata();
  const extra = Buffer.from([0x43, 0x52, 2, 0, 0, 0, 0, 0]); // "CR", 2.0, the RAW IFD's offset (none here)
  const ifd0: Ifd = {
    entries: new Map<number, Value>([
      [0x100, long(meta.width!)],
      [0x101, long(meta.height!)],
      [0x103, short(6)],
      [0x10f, text(spec.make)],
      [0x110, text(spec.model)],
      [0x112, short(spec.orientation ?? 1)],
      [0x117, long(preview.length)],
    ]),
    blobs: new Map([[0x111, preview]]),
    ...(exifIfd(spec) ? { exif: exifIfd(spec)! } : {}),
  };
  await writeFile(path, buildTiff(ifd0, extra));
}

/** A RAF: Fujifilm's 160-byte header with the preview JPEG's offset and length at bytes 84 and 88 (big-endian). */
export async function writeRaf(path: string, model: string, preview: Buffer): Promise<void> {
  const header = Buffer.alloc(160);
  header.write('FUJIFILMCCD-RAW 0201FF383501', 0, 'latin1');
  header.write(model, 28, 'latin1');
  header.write('0100', 60, 'latin1');
  header.writeUInt32BE(160, 84);
  header.writeUInt32BE(preview.length, 88);
  await writeFile(path, Buffer.concat([header, preview, Buffer.alloc(4096, 0x5a)])); // then "sensor data"
}
