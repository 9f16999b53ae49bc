import type { VideoSegment } from '../domain/segment.js';
import { cosine, meanDirection } from '../domain/vectors.js';

export interface SegmentVideoOptions {
  /** A frame whose cosine similarity to the running segment's mean falls below this starts a new segment. */
  readonly threshold: number;
  /** Segments shorter than this (seconds) are merged into their most similar neighbour. */
  readonly minSegmentSec: number;
  /** At most this many segments per minute of video (at least one per video); the most similar neighbours merge first. */
  readonly maxSegmentsPerMinute: number;
}

export const DEFAULT_SEGMENT_OPTIONS: SegmentVideoOptions = {
  threshold: 0.85,
  minSegmentSec: 1.5,
  maxSegmentsPerMinute: 20,
};

export interface EmbeddedFrame {
  readonly timeSec: number;
  readonly vector: Float32Array;
}

interface Group {
  frames: EmbeddedFrame[];
  start: number;
  end: number;
}

/**
 * Groups consecutive frame embeddings of a video into scenes, one unit vector per scene with its time range and
 * the most representative frame. Boundaries lie halfway between the last frame of one scene and the first of the
 * next; the first scene starts at 0 and the last ends at `durationSec`.
 */
export function segmentVideo(
  frames: readonly EmbeddedFrame[],
  durationSec: number,
  options: SegmentVideoOptions = DEFAULT_SEGMENT_OPTIONS,
): VideoSegment[] {
  const sorted = [...frames].sort((a, b) => a.timeSec - b.timeSec);
  if (sorted.length === 0) return [];
  let groups: Group[] = [];
  let current: EmbeddedFrame[] = [];
  for (const frame of sorted) {
    if (current.length > 0 && cosine(frame.vector, meanDirection(current.map((f) => f.vector))) < options.threshold) {
      groups.push({ frames: current, start: 0, end: 0 });
      current = [];
    }
    current.push(frame);
  }
  groups.push({ frames: current, start: 0, end: 0 });
  assignBounds(groups, durationSec);

  // Merge segments that are too short into their most similar neighbour.
  for (let i = shortest(groups, options.minSegmentSec); i !== -1; i = shortest(groups, options.minSegmentSec)) {
    if (groups.length === 1) break;
    groups = mergeAt(groups, bestNeighbour(groups, i));
  }
  // Neighbours that look alike (e.g. both sides of a merged flash) become one; then cap the number of segments.
  const cap = Math.max(1, Math.ceil((options.maxSegmentsPerMinute * durationSec) / 60));
  while (groups.length > 1) {
    const [i, sim] = mostSimilarNeighbours(groups);
    if (sim < options.threshold && groups.length <= cap) break;
    groups = mergeAt(groups, i);
  }

  return groups.map((g, index) => {
    const vector = centroid(g);
    let frameSec = g.frames[0]!.timeSec;
    let bestSim = -Infinity;
    for (const f of g.frames) {
      const sim = cosine(f.vector, vector);
      if (sim > bestSim) [frameSec, bestSim] = [f.timeSec, sim];
    }
    return { index, startSec: g.start, endSec: g.end, frameSec, vector };
  });
}

function mostSimilarNeighbours(groups: readonly Group[]): [number, number] {
  let best = 0;
  let bestSim = -Infinity;
  for (let i = 0; i + 1 < groups.length; i++) {
    const sim = cosine(centroid(groups[i]!), centroid(groups[i + 1]!));
    if (sim > bestSim) [best, bestSim] = [i, sim];
  }
  return [best, bestSim];
}

function centroid(g: Group): Float32Array {
  return meanDirection(g.frames.map((f) => f.vector));
}

function assignBounds(groups: Group[], durationSec: number): void {
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const prev = groups[i - 1];
    const next = groups[i + 1];
    g.start = prev ? (prev.frames[prev.frames.length - 1]!.timeSec + g.frames[0]!.timeSec) / 2 : 0;
    g.end = next
      ? (g.frames[g.frames.length - 1]!.timeSec + next.frames[0]!.timeSec) / 2
      : Math.max(durationSec, g.frames[g.frames.length - 1]!.timeSec);
  }
}

function shortest(groups: readonly Group[], minSec: number): number {
  let found = -1;
  let len = minSec;
  groups.forEach((g, i) => {
    if (g.end - g.start < len) [found, len] = [i, g.end - g.start];
  });
  return found;
}

/** Index of the left member of the pair to merge so that group `i` joins its more similar neighbour. */
function bestNeighbour(groups: readonly Group[], i: number): number {
  if (i === 0) return 0;
  if (i === groups.length - 1) return i - 1;
  const c = centroid(groups[i]!);
  return cosine(c, centroid(groups[i - 1]!)) >= cosine(c, centroid(groups[i + 1]!)) ? i - 1 : i;
}

/** Merges groups `i` and `i + 1`. */
function mergeAt(groups: readonly Group[], i: number): Group[] {
  const a = groups[i]!;
  const b = groups[i + 1]!;
  const merged: Group = { frames: [...a.frames, ...b.frames], start: a.start, end: b.end };
  return [...groups.slice(0, i), merged, ...groups.slice(i + 2)];
}

/**
 * When to sample a video: one frame every `intervalSec` (centred in its interval), or, when that would exceed
 * `maxFrames`, `maxFrames` frames spread evenly over the whole duration.
 */
export function frameTimes(durationSec: number, intervalSec = 1, maxFrames = 240): number[] {
  if (!(durationSec > 0)) return [0];
  const n = Math.max(1, Math.min(maxFrames, Math.ceil(durationSec / intervalSec)));
  const step = durationSec / n;
  return Array.from({ length: n }, (_, i) => Math.round((i + 0.5) * step * 1000) / 1000);
}
