import type { MediaMetadata } from '../domain/media-metadata.js';
/** What a probe learns about a video. */
export interface VideoInfo {
  readonly durationSec: number;
  readonly width: number;
  readonly height: number;
  readonly fps: number | null;
  /** Display rotation in degrees (0, 90, 180, 270); frames are delivered upright. */
  readonly rotation: number;
  readonly codec: string | null;
  readonly createdAt: Date | null;
  /** What the container says besides (QuickTime/MP4 atoms): the camera, the position, the date's offset. */
  readonly metadata?: Partial<MediaMetadata>;
}

/** One decoded frame: packed RGB, 3 bytes per pixel, upright. */
export interface VideoFrame {
  readonly timeSec: number;
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Reads videos: facts and frames. */
export interface VideoSampler {
  /**
   * Facts about the video at `path`. Throws `unsupported-media` when it has no video stream, `corrupt-media`
   * when it cannot be parsed or takes longer than the sampler's time limit (that video fails, the scan goes on),
   * `unavailable` when the decoder cannot be started at all (missing, or no processes left: the scan stops), and
   * `cancelled` when `signal` is aborted.
   */
  probe(path: string, signal?: AbortSignal): Promise<VideoInfo>;

  /**
   * Frames at the given times (seconds, ascending), scaled so the shorter side is `shortSide` pixels.
   * Yields at most one frame per time; times past the end are skipped. Throws like {@link probe}.
   */
  frames(path: string, timesSec: readonly number[], shortSide: number, signal?: AbortSignal): AsyncIterable<VideoFrame>;
}
