import { pendingContent, type Content } from '../domain/content.js';
import type { FileWrite } from '../domain/media-file.js';
import { normalize } from '../domain/vectors.js';
import type { VectorPoint } from '../ports/vector-store.js';

let n = 0;

/** A file row to write, with plausible defaults. */
export function aFileWrite(overrides: Partial<FileWrite> = {}): FileWrite {
  n++;
  return {
    path: `/photos/img-${n}.jpg`,
    size: 1000 + n,
    mtimeNs: 1_700_000_000_000_000_000n + BigInt(n),
    kind: 'image',
    contentHash: null,
    status: 'ok',
    error: null,
    ...overrides,
  };
}

export function aContent(overrides: Partial<Content> & { hash?: string } = {}): Content {
  n++;
  return {
    ...pendingContent(overrides.hash ?? `h${String(n).padStart(6, '0')}`, overrides.kind ?? 'image'),
    ...overrides,
  };
}

/** A unit vector pointing mostly along `axis`, with a small tilt towards `tilt` (for ranking tests). */
export function axisVector(dimension: number, axis: number, tilt = -1, amount = 0): Float32Array {
  const v = new Float32Array(dimension);
  v[axis % dimension] = 1;
  if (tilt >= 0) v[tilt % dimension] = (v[tilt % dimension] ?? 0) + amount;
  return normalize(v);
}

export function aPoint(overrides: Partial<VectorPoint> & { contentHash: string; vector: Float32Array }): VectorPoint {
  return {
    segment: 0,
    kind: 'image',
    takenAt: null,
    startSec: null,
    endSec: null,
    frameSec: null,
    paths: [`/photos/${overrides.contentHash}.jpg`],
    ...overrides,
  };
}
