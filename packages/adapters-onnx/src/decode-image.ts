import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { findRawPreview, GlimpseError, isRawPath, looksLikeRaw, type RawPreview } from '@glimpse/core';
import sharp from 'sharp';
import { findJpegPreviews, jpegPreviewRanges, MPF_HEAD_BYTES } from './jpeg-preview.js';

/** A picture ready for sharp, decoded by the right decoder, and what its header said. */
export interface OpenedImage {
  /** Upright (orientation applied), not yet resized. */
  readonly image: sharp.Sharp;
  readonly width: number;
  readonly height: number;
  readonly format: string;
  /** The EXIF block, when the file has one. */
  readonly exif: Buffer | null;
  /** Set when `image` is the preview the file carries (smaller than `width` x `height`), not the full picture. */
  readonly preview?: { readonly width: number; readonly height: number };
}

export class PixelLimit extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
    readonly limit: number,
  ) {
    super('pixel limit');
  }
}

/**
 * Opens a picture for decoding. sharp (libvips) reads most formats itself; two it cannot are decoded here: HEIC
 * coded with HEVC (every iPhone photo since 2017; sharp's prebuilt libvips leaves HEVC out for licensing reasons)
 * with libheif compiled to WebAssembly, in a worker thread; and BMP (no libvips loader), in JavaScript. The size
 * is read from the header first, and pictures over `maxPixels` are refused before anything is decoded.
 * `previewAtLeast` (pixels): a HEIC whose thumbnail's shorter side is at least this is opened by its thumbnail,
 * which is all a caller that shrinks the picture to that size needs (a RAW is always opened by its preview).
 */
export async function openImage(
  source: string | Uint8Array,
  maxPixels: number,
  previewAtLeast = 0,
): Promise<OpenedImage> {
  const bytesOf = async () => (typeof source === 'string' ? await readFile(source) : source);
  if (typeof source === 'string' ? isRawPath(source) : looksLikeRaw(source))
    return openRaw(await bytesOf(), typeof source === 'string' ? source : null, maxPixels);
  const head = typeof source === 'string' ? null : source.subarray(0, 64);
  if (head ? isBmp(head) : await fileIsBmp(source as string)) return openBmp(await bytesOf(), maxPixels);
  const meta = await sharp(source, { limitInputPixels: false }).metadata();
  if (meta.width && meta.height && meta.width * meta.height > maxPixels)
    throw new PixelLimit(meta.width, meta.height, maxPixels);
  if (meta.format === 'heif' && meta.compression === 'hevc') {
    const rgba = await heic().decode(await bytesOf(), previewAtLeast);
    return {
      // libheif applies the HEIF orientation (irot/imir) itself: the pixels are upright.
      image: sharp(rgba.data, { raw: { width: rgba.width, height: rgba.height, channels: 4 } }),
      width: rgba.full?.width ?? rgba.width,
      height: rgba.full?.height ?? rgba.height,
      format: 'heic',
      exif: meta.exif ?? null,
      ...(rgba.full ? { preview: { width: rgba.width, height: rgba.height } } : {}),
    };
  }
  const swap = (meta.orientation ?? 1) >= 5;
  const preview =
    previewAtLeast > 0 && meta.format === 'jpeg' && meta.width && meta.height
      ? await jpegPreview(
          source,
          (swap ? meta.height : meta.width) ?? 0,
          (swap ? meta.width : meta.height) ?? 0,
          meta.orientation ?? 1,
          previewAtLeast,
        )
      : null;
  if (preview) {
    // A preview that records its own orientation has it applied; otherwise the main picture's applies to it.
    const own = (preview.meta.orientation ?? 1) > 1;
    const base = sharp(preview.jpeg, { limitInputPixels: maxPixels, failOn: 'error' });
    const o = own ? preview.meta.orientation! : (meta.orientation ?? 1);
    const [pw, ph] = [preview.meta.width!, preview.meta.height!];
    return {
      image: own ? base.rotate() : orient(base, o),
      width: (swap ? meta.height : meta.width) ?? 0,
      height: (swap ? meta.width : meta.height) ?? 0,
      format: 'jpeg',
      exif: meta.exif ?? null,
      preview: o >= 5 ? { width: ph, height: pw } : { width: pw, height: ph },
    };
  }
  return {
    image: sharp(source, { limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true }).rotate(),
    width: (swap ? meta.height : meta.width) ?? 0,
    height: (swap ? meta.width : meta.height) ?? 0,
    format: meta.format === 'jpg' ? 'jpeg' : String(meta.format ?? 'unknown'),
    exif: meta.exif ?? null,
  };
}

/**
 * The smallest preview in a camera JPEG's MPF block whose shorter side is at least `atLeast` and whose upright shape
 * is the main picture's (`width` x `height`, upright), with its header; null when there is none. From a file, only
 * its first segments and the previews' bytes are read.
 */
async function jpegPreview(
  source: string | Uint8Array,
  width: number,
  height: number,
  orientation: number,
  atLeast: number,
): Promise<{ jpeg: Uint8Array; meta: sharp.Metadata } | null> {
  let candidates: Uint8Array[];
  if (typeof source !== 'string') candidates = findJpegPreviews(source).map((p) => p.jpeg);
  else {
    const f = await open(source, 'r');
    try {
      const head = Buffer.alloc(MPF_HEAD_BYTES);
      const { bytesRead } = await f.read(head, 0, head.length, 0);
      const ranges = jpegPreviewRanges(head.subarray(0, bytesRead)).filter((r) => r.size <= 64 * 1024 * 1024);
      candidates = [];
      for (const r of ranges) {
        const b = Buffer.alloc(r.size);
        const { bytesRead: n } = await f.read(b, 0, r.size, r.start);
        if (n === r.size && b[0] === 0xff && b[1] === 0xd8) candidates.push(b);
      }
    } finally {
      await f.close();
    }
  }
  let best: { jpeg: Uint8Array; meta: sharp.Metadata } | null = null;
  for (const jpeg of candidates) {
    const meta = await sharp(jpeg)
      .metadata()
      .catch(() => null);
    if (!meta?.width || !meta.height || meta.format !== 'jpeg' || (meta.channels ?? 0) < 3) continue;
    // Upright, as it would be shown: its own orientation when it records one, else the main picture's.
    const o = (meta.orientation ?? 1) > 1 ? meta.orientation! : orientation;
    const [w, h] = o >= 5 ? [meta.height, meta.width] : [meta.width, meta.height];
    const sameShape = Math.abs(w / h - width / height) <= 0.02 * (width / height);
    if (!sameShape || Math.min(w, h) < atLeast || w >= width) continue;
    if (!best || meta.width * meta.height < best.meta.width! * best.meta.height!) best = { jpeg, meta };
  }
  return best;
}

let solo: Promise<unknown> = Promise.resolve();

/**
 * Runs a decode that failed again, alone: libvips keeps one error buffer for the whole process, so two pictures
 * failing at once could each get the other's message (seen: one HEIC's reason named another HEIC). Alone, the
 * message is its own; and a failure that came from the crowd (memory, file descriptors) may not come back.
 */
export async function retryAlone<T>(work: () => Promise<T>): Promise<T> {
  const run = solo.then(work, work);
  solo = run.catch(() => undefined);
  return run;
}

/** Format and size from the header alone, HEIC, BMP and camera RAW (its preview's) included. */
export async function probeImage(
  source: string | Uint8Array,
): Promise<{ format: string; width: number; height: number; exif: Buffer | null; orientation: number }> {
  if (typeof source === 'string' ? isRawPath(source) : looksLikeRaw(source)) {
    const bytes = typeof source === 'string' ? await readFile(source) : source;
    const preview = findRawPreview(bytes);
    const format = typeof source === 'string' ? rawFormat(source) : 'raw';
    if (!preview) {
      const size = await dcrawSize(typeof source === 'string' ? source : null);
      return { format, ...size, exif: null, orientation: 1 };
    }
    const meta = await sharp(preview.jpeg).metadata();
    const o = (meta.orientation ?? 1) > 1 ? 1 : preview.orientation;
    return {
      format,
      width: o >= 5 ? preview.height : preview.width,
      height: o >= 5 ? preview.width : preview.height,
      exif: meta.exif ?? null,
      orientation: meta.orientation ?? 1,
    };
  }
  const head = typeof source === 'string' ? null : source.subarray(0, 64);
  if (head ? isBmp(head) : await fileIsBmp(source as string)) {
    const bytes = typeof source === 'string' ? await readFile(source) : source;
    const h = bmpHeader(bytes);
    return { format: 'bmp', width: h.width, height: Math.abs(h.height), exif: null, orientation: 1 };
  }
  const meta = await sharp(source, { limitInputPixels: false }).metadata();
  if (!meta.format || !meta.width || !meta.height) throw new Error('no picture header');
  const heicFormat = meta.format === 'heif' && meta.compression === 'hevc';
  return {
    format: heicFormat ? 'heic' : meta.format === 'jpg' ? 'jpeg' : String(meta.format),
    width: meta.width,
    height: meta.height,
    exif: meta.exif ?? null,
    orientation: heicFormat ? 1 : (meta.orientation ?? 1),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Camera RAW: the JPEG preview the camera embedded (full size or close to it in nearly every RAW file); when there
// is none, the sensor's data demosaiced by dcraw, when it is installed.

function rawFormat(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.slice(name.lastIndexOf('.') + 1).toLowerCase() || 'raw';
}

/** Applies a TIFF orientation (1..8) to a picture that is stored as the sensor saw it. */
function orient(image: sharp.Sharp, o: number): sharp.Sharp {
  switch (o) {
    case 2:
      return image.flop();
    case 3:
      return image.rotate(180);
    case 4:
      return image.flip();
    // sharp mirrors before it rotates, whatever the order of the calls.
    case 5:
      return image.rotate(270).flop();
    case 6:
      return image.rotate(90);
    case 7:
      return image.rotate(90).flop();
    case 8:
      return image.rotate(270);
    default:
      return image;
  }
}

async function openRaw(bytes: Uint8Array, path: string | null, maxPixels: number): Promise<OpenedImage> {
  const preview: RawPreview | null = findRawPreview(bytes);
  const format = path ? rawFormat(path) : 'raw';
  if (!preview) {
    const tiff = await dcraw(path, maxPixels);
    const meta = await sharp(tiff).metadata();
    return {
      image: sharp(tiff, { limitInputPixels: maxPixels, failOn: 'error' }),
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      format,
      exif: null,
    };
  }
  if (preview.width * preview.height > maxPixels) throw new PixelLimit(preview.width, preview.height, maxPixels);
  const meta = await sharp(preview.jpeg).metadata();
  const base = sharp(preview.jpeg, { limitInputPixels: maxPixels, failOn: 'error' });
  // A preview that records its own orientation has it applied; otherwise the RAW's applies to it.
  const own = (meta.orientation ?? 1) > 1;
  const o = own ? (meta.orientation ?? 1) : preview.orientation;
  return {
    image: own ? base.rotate() : orient(base, preview.orientation),
    width: o >= 5 ? preview.height : preview.width,
    height: o >= 5 ? preview.width : preview.height,
    format,
    exif: meta.exif ?? null,
  };
}

const DCRAW_TIMEOUT_MS = 120_000;
/** The largest RAW a probe demosaics to learn its size (a header-only probe has no other limit to go by). */
const DEFAULT_PROBE_PIXELS = 100_000_000;

/** The RAW's sensor data as a TIFF, demosaiced by dcraw (camera white balance, rotated); only from a file. */
async function dcraw(path: string | null, maxPixels: number): Promise<Buffer> {
  const what = path ? `"${path}"` : 'The picture';
  if (!path)
    throw new GlimpseError(
      'unsupported-media',
      `${what} is a camera RAW file with no embedded preview; upload its JPEG instead.`,
    );
  const out = await run('dcraw', ['-c', '-w', '-T', path], maxPixels * 6 + 1_000_000).catch((e: unknown) => {
    if ((e as { code?: string }).code === 'ENOENT')
      throw new GlimpseError(
        'unsupported-media',
        `${what} is a camera RAW file with no embedded preview, and no RAW decoder is installed to read it: install dcraw (apt install dcraw, brew install dcraw) and scan again.`,
      );
    // dcraw names the file in its own message: the reason is what follows.
    const reason = (e as Error).message.replace(`${path}: `, '');
    throw new GlimpseError(
      'corrupt-media',
      `${what} has no embedded preview Glimpse can read, and dcraw could not decode it either (${reason}): it may be cut short, or not a camera RAW file.`,
      { cause: e },
    );
  });
  return out;
}

async function dcrawSize(path: string | null): Promise<{ width: number; height: number }> {
  const meta = await sharp(await dcraw(path, DEFAULT_PROBE_PIXELS)).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0 };
}

function run(command: string, args: readonly string[], maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: DCRAW_TIMEOUT_MS });
    const chunks: Buffer[] = [];
    let size = 0;
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) child.kill('SIGKILL');
      else chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (size > maxBytes) reject(new Error('its picture is over the pixel limit'));
      else if (code === 0 && size > 0) resolve(Buffer.concat(chunks));
      else reject(new Error(err.trim().split('\n').pop() || `exit ${code ?? signal}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// HEIC: one worker thread, started on the first HEIC picture and not keeping the process alive.

interface Decoded {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** The full picture's size, when `data` is its thumbnail. */
  readonly full?: { readonly width: number; readonly height: number };
}

class HeicDecoder {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (d: Decoded) => void; reject: (e: Error) => void }>();

  decode(bytes: Uint8Array, previewAtLeast = 0): Promise<Decoded> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // busy: keep the process alive until the answer comes
      const copy = new Uint8Array(bytes); // its buffer travels to the worker
      worker.postMessage({ id, bytes: copy, previewAtLeast }, [copy.buffer]);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const url = new URL(import.meta.url.endsWith('.ts') ? './heic-worker.ts' : './heic-worker.js', import.meta.url);
    const worker = url.pathname.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`,
          { eval: true },
        )
      : new Worker(url);
    worker.unref();
    worker.on('message', (m: { id: number; error?: string } & Partial<Decoded>) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.error !== undefined) p.reject(new Error(`the HEIC decoder: ${m.error}`));
      else p.resolve({ width: m.width!, height: m.height!, data: m.data!, ...(m.full ? { full: m.full } : {}) });
    });
    const fail = (e: Error) => {
      for (const p of this.pending.values()) p.reject(new Error(`the HEIC decoder stopped: ${e.message}`));
      this.pending.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit ${code}`)));
    this.worker = worker;
    return worker;
  }
}

let decoder: HeicDecoder | null = null;
function heic(): HeicDecoder {
  decoder ??= new HeicDecoder();
  return decoder;
}

// ---------------------------------------------------------------------------------------------------------------
// BMP: Windows bitmaps, uncompressed (1, 4, 8, 16, 24, 32 bits) or with bit-field masks; decoded to RGB.

function isBmp(head: Uint8Array): boolean {
  return head.length >= 26 && head[0] === 0x42 && head[1] === 0x4d;
}

async function fileIsBmp(path: string): Promise<boolean> {
  const f = await open(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await f.read(head, 0, 64, 0);
    return isBmp(head.subarray(0, bytesRead));
  } finally {
    await f.close();
  }
}

interface BmpHeader {
  readonly dataOffset: number;
  readonly headerSize: number;
  readonly width: number;
  /** Negative: rows top-down. */
  readonly height: number;
  readonly bits: number;
  readonly compression: number;
  readonly colors: number;
}

function bmpHeader(b: Uint8Array): BmpHeader {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 26) throw new Error('the BMP header is cut short');
  const headerSize = v.getUint32(14, true);
  if (headerSize === 12) {
    return {
      dataOffset: v.getUint32(10, true),
      headerSize,
      width: v.getUint16(18, true),
      height: v.getInt16(20, true),
      bits: v.getUint16(24, true),
      compression: 0,
      colors: 0,
    };
  }
  if (b.length < 54) throw new Error('the BMP header is cut short');
  return {
    dataOffset: v.getUint32(10, true),
    headerSize,
    width: v.getInt32(18, true),
    height: v.getInt32(22, true),
    bits: v.getUint16(28, true),
    compression: v.getUint32(30, true),
    colors: v.getUint32(46, true),
  };
}

function openBmp(b: Uint8Array, maxPixels: number): OpenedImage {
  const h = bmpHeader(b);
  const width = h.width;
  const height = Math.abs(h.height);
  if (width <= 0 || height <= 0 || width > 1 << 16 || height > 1 << 16)
    throw new Error(`a BMP of ${width} x ${height} pixels is not valid`);
  if (width * height > maxPixels) throw new PixelLimit(width, height, maxPixels);
  // 0: none; 3: bit fields (16 and 32 bits); RLE (1, 2) is not read.
  if (h.compression !== 0 && h.compression !== 3)
    throw new Error(`this BMP is compressed (method ${h.compression}), which is not read`);
  if (![1, 4, 8, 16, 24, 32].includes(h.bits)) throw new Error(`a BMP of ${h.bits} bits per pixel is not valid`);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const paletteAt = 14 + h.headerSize;
  const entry = h.headerSize === 12 ? 3 : 4;
  const palette: [number, number, number][] = [];
  if (h.bits <= 8) {
    const n = h.colors || 1 << h.bits;
    for (let i = 0; i < n && paletteAt + i * entry + 2 < b.length; i++) {
      const o = paletteAt + i * entry;
      palette.push([b[o + 2]!, b[o + 1]!, b[o]!]);
    }
  }
  let masks: [number, number, number] = h.bits === 16 ? [0x7c00, 0x03e0, 0x001f] : [0xff0000, 0x00ff00, 0x0000ff];
  if (h.compression === 3 && b.length >= 66)
    masks = [v.getUint32(54, true), v.getUint32(58, true), v.getUint32(62, true)];
  const stride = Math.ceil((width * h.bits) / 32) * 4;
  if (h.dataOffset + stride * height > b.length) throw new Error('the BMP is cut short: its pixels are missing');
  const out = Buffer.alloc(width * height * 3);
  const channel = (px: number, mask: number) => {
    if (mask === 0) return 0;
    const low = 31 - Math.clz32(mask & -mask); // the mask's lowest bit
    return Math.round((((px & mask) >>> low) * 255) / (mask >>> low));
  };
  for (let y = 0; y < height; y++) {
    const row = h.dataOffset + (h.height > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      let r: number;
      let g: number;
      let bl: number;
      if (h.bits <= 8) {
        const perByte = 8 / h.bits;
        const byte = b[row + Math.floor(x / perByte)]!;
        const idx = (byte >> (8 - h.bits * ((x % perByte) + 1))) & ((1 << h.bits) - 1);
        [r, g, bl] = palette[idx] ?? [0, 0, 0];
      } else if (h.bits === 24) {
        const o = row + x * 3;
        [bl, g, r] = [b[o]!, b[o + 1]!, b[o + 2]!];
      } else {
        const px = h.bits === 16 ? v.getUint16(row + x * 2, true) : v.getUint32(row + x * 4, true);
        [r, g, bl] = [channel(px, masks[0]), channel(px, masks[1]), channel(px, masks[2])];
      }
      const o = (y * width + x) * 3;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = bl;
    }
  }
  return { image: sharp(out, { raw: { width, height, channels: 3 } }), width, height, format: 'bmp', exif: null };
}
