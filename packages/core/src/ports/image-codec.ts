import type { VideoFrame } from './video-sampler.js';

/** What the header of an encoded picture says, read without decoding its pixels. */
export interface ImageFacts {
  /** Lower-case format name: jpeg, png, webp, gif, avif, heic (HEVC-coded HEIF, as iPhones write it), heif, tiff, bmp. */
  readonly format: string;
  readonly width: number;
  readonly height: number;
  /** The camera that took it (EXIF make and model), when recorded. */
  readonly camera: string | null;
}

/** Reads and writes pictures for people to look at (thumbnails, video frames); not used for embedding. */
export interface ImageCodec {
  /** Format and size of encoded bytes (an upload). Throws `unsupported-media` when they are not a picture it reads. */
  probe(bytes: Uint8Array): Promise<ImageFacts>;
  /** The same facts for the picture in a file, from its header. Throws `unsupported-media` like {@link probe}. */
  probeFile(path: string): Promise<ImageFacts>;
  /**
   * A JPEG of the picture in the file at `path`, upright (EXIF orientation applied), fitting inside `size` x `size`
   * and never enlarged. Throws `corrupt-media` or `unsupported-media` when the file cannot be decoded.
   */
  thumbnail(path: string, size: number): Promise<Uint8Array>;
  /** A JPEG of a decoded video frame, fitting inside `size` x `size`, never enlarged. */
  encodeFrame(frame: VideoFrame, size: number): Promise<Uint8Array>;
}
