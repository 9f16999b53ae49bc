/** A scene of a video (or the whole of an image, segment 0): one vector for a time range. */
export interface VideoSegment {
  readonly index: number;
  readonly startSec: number;
  readonly endSec: number;
  /** The frame that represents the segment (for a thumbnail). */
  readonly frameSec: number;
  readonly vector: Float32Array;
}
