import type { GlimpseError } from '../errors.js';

/** An image to embed: a file to decode, encoded bytes (an upload), or decoded RGB pixels (a video frame). */
export type ImageInput =
  | { readonly type: 'file'; readonly path: string }
  | { readonly type: 'encoded'; readonly bytes: Uint8Array }
  | { readonly type: 'pixels'; readonly width: number; readonly height: number; readonly data: Uint8Array };

export interface ImageEmbedding {
  /** Unit length, of the embedder's dimension. */
  readonly vector: Float32Array;
  /** Facts learned while decoding, when known. */
  readonly width: number | null;
  readonly height: number | null;
  readonly takenAt: Date | null;
}

export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GlimpseError };

/** Turns images and text into vectors of one shared space. */
export interface Embedder {
  /** Identifies the model; vectors of different model ids are never compared. */
  readonly modelId: string;
  readonly dimension: number;
  /** How many images one call should carry for best throughput. */
  readonly batchSize: number;
  /** Preferred frame size (pixels of the shorter side) for video frames handed in as `pixels`. */
  readonly frameSize: number;

  /**
   * One outcome per input, in order. A bad input (undecodable, too many pixels, unsupported format) is an
   * `{ ok: false }` outcome with a `corrupt-media` or `unsupported-media` error and does not affect the others.
   * Throws (`unavailable`) only when the model itself cannot run.
   */
  embedImages(inputs: readonly ImageInput[], signal?: AbortSignal): Promise<Outcome<ImageEmbedding>[]>;

  /** One unit vector per text, in order. Throws `invalid-input` for an empty text. */
  embedTexts(texts: readonly string[]): Promise<Float32Array[]>;
}
