import { GlimpseError, type ImageCodec, type ImageFacts, type VideoFrame } from '@glimpse/core';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { openImage, probeImage, retryAlone } from './decode-image.js';
import { DEFAULT_MAX_PIXELS } from './preprocess.js';

export interface SharpImageCodecOptions {
  /** JPEG quality of thumbnails and frames, 1-100. Default 82. */
  readonly quality?: number;
  /** Pictures larger than this many pixels are not decoded. Default 100 million. */
  readonly maxPixels?: number;
  /**
   * Make a thumbnail from the preview a HEIC or camera JPEG carries when it is at least the thumbnail's size.
   * Default true.
   */
  readonly usePreviews?: boolean;
}

/** Thumbnails and frame JPEGs with sharp (libvips): shrink-on-load, EXIF orientation applied, sRGB, no metadata. */
export class SharpImageCodec implements ImageCodec {
  private readonly quality: number;
  private readonly maxPixels: number;
  private readonly usePreviews: boolean;

  constructor(options: SharpImageCodecOptions = {}) {
    this.quality = options.quality ?? 82;
    this.maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
    this.usePreviews = options.usePreviews ?? true;
  }

  async probe(bytes: Uint8Array): Promise<ImageFacts> {
    return this.facts(bytes, 'The upload');
  }

  async probeFile(path: string): Promise<ImageFacts> {
    return this.facts(path, `"${path}"`);
  }

  private async facts(input: Uint8Array | string, what: string): Promise<ImageFacts> {
    try {
      const meta = await probeImage(input);
      const swap = meta.orientation >= 5;
      return {
        format: meta.format,
        width: swap ? meta.height : meta.width,
        height: swap ? meta.width : meta.height,
        camera: meta.exif ? cameraOf(meta.exif) : null,
      };
    } catch (e) {
      throw new GlimpseError('unsupported-media', `${what} is not a picture Glimpse can read (JPEG, PNG, WebP, ...).`, {
        cause: e,
      });
    }
  }

  async thumbnail(path: string, size: number): Promise<Uint8Array> {
    const make = async (previewAtLeast: number) =>
      (await openImage(path, this.maxPixels, previewAtLeast)).image
        .resize(size, size, { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: { r: 255, g: 255, b: 255 } })
        .toColourspace('srgb')
        .jpeg({ quality: this.quality, mozjpeg: false })
        .toBuffer();
    try {
      // Alone (a failure's message is its own) and from the full picture (a broken preview does not fail it).
      return await make(this.usePreviews ? size : 0).catch(() => retryAlone(() => make(0)));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (/unsupported image format/i.test(msg))
        throw new GlimpseError('unsupported-media', `"${path}" is not a picture format Glimpse can read.`, {
          cause: e,
        });
      throw new GlimpseError('corrupt-media', `No thumbnail could be made of "${path}": ${msg}`, { cause: e });
    }
  }

  async encodeFrame(frame: VideoFrame, size: number): Promise<Uint8Array> {
    return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
      .resize(size, size, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: this.quality })
      .toBuffer();
  }
}

/** "Make Model" from an EXIF block, without the make repeated ("Canon Canon EOS R6" → "Canon EOS R6"). */
function cameraOf(exif: Buffer): string | null {
  try {
    const image = (exifReader(exif) as { Image?: { Make?: string; Model?: string } }).Image;
    const make = image?.Make?.replace(/\0+$/, '').trim() ?? '';
    const model = image?.Model?.replace(/\0+$/, '').trim() ?? '';
    if (!make && !model) return null;
    return model.toLowerCase().startsWith(make.toLowerCase()) ? model : `${make} ${model}`.trim();
  } catch {
    return null;
  }
}
