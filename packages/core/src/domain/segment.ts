/** A scene of a video (or the whole of an image, segment 0): one vector for a time range. */
export interface VideoSegment {
  readonly index: number;
  readonly startSec: number;
  readonly endSec: number;
  /** The frame that represents the segment (for a thumbnail). */
  readonly frameSec: number;
  readonly vector: Float32Array;
}

/**
 * The moments of a video worth showing for a query, from its moments best first: the best, and every other one at
 * least halfway from the video's weakest moment to the best. A moment scoring 0.002 beside a best of 0.68 is not
 * "matching"; two scenes that both match are both shown.
 */
export function closeMoments<T extends { readonly score: number }>(moments: readonly T[]): T[] {
  if (moments.length <= 1) return [...moments];
  const best = moments[0]!.score;
  const weakest = Math.min(...moments.map((m) => m.score));
  const line = best - (best - weakest) / 2;
  return moments.filter((m, k) => k === 0 || m.score >= line);
}
