import { GlimpseError, type ImageInput } from '@glimpse/core';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { openImage, PixelLimit, retryAlone } from './decode-image.js';
import type { PreprocessConfig } from './model-files.js';

export interface Preprocessed {
  /** NCHW float32 for one image: 3 x height x width, normalized with the model's mean and std. */
  readonly tensor: Float32Array;
  /** Upright size of the original picture (null for raw video frames: the video knows its own). */
  readonly width: number | null;
  readonly height: number | null;
  /** EXIF DateTimeOriginal (or DateTime), when present. */
  readonly takenAt: Date | null;
}

export const DEFAULT_MAX_PIXELS = 100_000_000;

const KERNELS = { bicubic: 'cubic', bilinear: 'linear', nearest: 'nearest', lanczos: 'lanczos3' } as const;

/**
 * Decodes and prepares one picture exactly as CLIP models were trained: EXIF orientation applied (sharp does not
 * auto-rotate), alpha composited over white (what a viewer shows), any colour space or bit depth converted to 8-bit
 * sRGB, then the model's resize (shortest side + centre crop as torchvision computes it, squash, or longest side +
 * pad), then mean/std normalization into channel-first float32. Pictures over `maxPixels` are refused before
 * decoding (decompression bombs). With `usePreview` (the default), a HEIC that carries a thumbnail at least as large
 * as the model's input is prepared from the thumbnail (the shrink does the rest); a camera RAW always is prepared
 * from its embedded preview.
 */
export async function preprocessImage(
  input: ImageInput,
  cfg: PreprocessConfig,
  maxPixels = DEFAULT_MAX_PIXELS,
  usePreview = true,
): Promise<Preprocessed> {
  try {
    return await prepareOne(input, cfg, maxPixels, usePreview);
  } catch (first) {
    if (first instanceof PixelLimit || GlimpseError.is(first) || input.type === 'pixels')
      throw asMediaError(first, input);
    try {
      // Alone, and from the full picture: a preview that cannot be decoded does not fail a picture that can.
      return await retryAlone(() => prepareOne(input, cfg, maxPixels, false));
    } catch (e) {
      throw asMediaError(e, input);
    }
  }
}

async function prepareOne(
  input: ImageInput,
  cfg: PreprocessConfig,
  maxPixels: number,
  usePreview: boolean,
): Promise<Preprocessed> {
  const [outH, outW] = cfg.size;
  let image: sharp.Sharp;
  let width: number | null = null;
  let height: number | null = null;
  let takenAt: Date | null = null;
  let decoded: { width: number; height: number } | null = null; // the pixels' size (a preview's, when one is used)
  if (input.type === 'pixels') {
    image = sharp(input.data, { raw: { width: input.width, height: input.height, channels: 3 } });
  } else {
    // The header alone says how big the picture is; nothing is decoded before the limit is checked.
    const previewAtLeast = usePreview ? Math.max(outW, outH) : 0;
    const opened = await openImage(input.type === 'file' ? input.path : input.bytes, maxPixels, previewAtLeast);
    image = opened.image; // upright: EXIF (or HEIF) orientation applied
    width = opened.width;
    height = opened.height;
    takenAt = opened.exif ? exifDate(opened.exif) : null;
    decoded = opened.preview ?? { width: opened.width, height: opened.height };
  }
  image = image.flatten({ background: { r: 255, g: 255, b: 255 } }).toColourspace('srgb');
  const w0 = decoded?.width ?? (input as { width: number }).width;
  const h0 = decoded?.height ?? (input as { height: number }).height;
  const kernel = KERNELS[cfg.interpolation];
  if (cfg.resizeMode === 'squash') {
    image = image.resize(outW, outH, { fit: 'fill', kernel });
  } else if (cfg.resizeMode === 'longest') {
    const f = Math.min(outW / w0, outH / h0);
    const rw = Math.max(1, Math.round(w0 * f));
    const rh = Math.max(1, Math.round(h0 * f));
    const left = Math.floor((outW - rw) / 2);
    const top = Math.floor((outH - rh) / 2);
    const fill = { r: cfg.fillColor, g: cfg.fillColor, b: cfg.fillColor };
    image = image
      .resize(rw, rh, { fit: 'fill', kernel })
      .extend({ left, top, right: outW - rw - left, bottom: outH - rh - top, background: fill });
  } else {
    // torchvision: Resize(size) scales the shorter side to size (the longer one truncated), CenterCrop rounds.
    const short = Math.min(outW, outH);
    const [rw, rh] =
      w0 <= h0
        ? [short, Math.max(short, Math.floor((short * h0) / w0))]
        : [Math.max(short, Math.floor((short * w0) / h0)), short];
    if (rw !== w0 || rh !== h0) image = image.resize(rw, rh, { fit: 'fill', kernel });
    const left = Math.round((rw - outW) / 2);
    const top = Math.round((rh - outH) / 2);
    if (rw !== outW || rh !== outH) image = image.extract({ left, top, width: outW, height: outH });
  }
  const { data, info } = await image.removeAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== outW || info.height !== outH) {
    throw new Error(`unexpected decoded shape ${info.width}x${info.height}x${info.channels}`);
  }
  return { tensor: toTensor(data, outW, outH, cfg), width, height, takenAt };
}

/** uint8 RGB (interleaved) → normalized float32 CHW. */
export function toTensor(
  rgb: Uint8Array,
  w: number,
  h: number,
  cfg: Pick<PreprocessConfig, 'mean' | 'std'>,
): Float32Array {
  const plane = w * h;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const scale = 1 / (255 * cfg.std[c]!);
    const shift = cfg.mean[c]! / cfg.std[c]!;
    const o = c * plane;
    for (let i = 0; i < plane; i++) out[o + i] = rgb[i * 3 + c]! * scale - shift;
  }
  return out;
}

export function asMediaError(e: unknown, input: ImageInput): GlimpseError {
  if (GlimpseError.is(e)) return e;
  const what = input.type === 'file' ? `"${input.path}"` : 'the image';
  if (e instanceof PixelLimit) {
    return new GlimpseError(
      'unsupported-media',
      `${what} is ${e.width} x ${e.height} pixels, over the limit of ${(e.limit / 1e6).toFixed(0)} megapixels for one picture (a guard against decompression bombs).`,
    );
  }
  const msg = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(msg))
    return new GlimpseError('unsupported-media', `${what} is over the pixel limit for one picture.`, { cause: e });
  if (/unsupported image format/i.test(msg))
    return new GlimpseError('unsupported-media', `${what} is not an image format Glimpse can read.`, { cause: e });
  return new GlimpseError('corrupt-media', `${what} could not be decoded: ${msg}`, { cause: e });
}

/** DateTimeOriginal (else DateTime) from an EXIF block, read as local time written by the camera. */
function exifDate(exif: Buffer): Date | null {
  try {
    const tags = exifReader(exif) as { Photo?: { DateTimeOriginal?: Date }; Image?: { DateTime?: Date } };
    const d = tags.Photo?.DateTimeOriginal ?? tags.Image?.DateTime ?? null;
    return d instanceof Date && !Number.isNaN(d.getTime()) ? d : null;
  } catch {
    return null;
  }
}
