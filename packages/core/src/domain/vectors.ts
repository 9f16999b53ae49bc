import { GlimpseError } from '../errors.js';

/** Unit-length copy of `v` (a zero vector stays zero). */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(v.length);
  if (norm === 0) return out;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Cosine similarity in [-1, 1]; 0 when either vector is zero. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/** Normalized mean of unit vectors (the centroid direction). */
export function meanDirection(vectors: readonly Float32Array[]): Float32Array {
  const first = vectors[0];
  if (!first) throw new RangeError('meanDirection needs at least one vector');
  const sum = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) sum[i]! += v[i]!;
  return normalize(sum);
}

/** Throws `invalid-input` unless every vector has `dimension` components (stores check what they are given). */
export function assertDimension(vectors: Iterable<Float32Array>, dimension: number, what = 'vector'): void {
  for (const v of vectors) {
    if (v.length !== dimension) {
      throw new GlimpseError(
        'invalid-input',
        `${what} of dimension ${v.length} given to a store of dimension ${dimension}`,
      );
    }
  }
}

/**
 * Scores are compared at 6 decimal places: float32 vectors carry about 7 significant digits, and each store's
 * arithmetic (pgvector in single precision, JavaScript in double) differs below that, so finer differences are
 * noise, not relevance.
 */
export const SCORE_DECIMALS = 6;

/** A score as compared for ranking: rounded to {@link SCORE_DECIMALS} places. */
export function rankScore(score: number): number {
  return Math.round(score * 10 ** SCORE_DECIMALS);
}

/**
 * The ranking order of every vector store: higher score first; equal scores (at {@link SCORE_DECIMALS} places)
 * by content hash, ascending in code unit order; so results, and pages of them, are the same on every store and
 * every run.
 */
export function compareRanked(
  a: { readonly score: number; readonly contentHash: string },
  b: { readonly score: number; readonly contentHash: string },
): number {
  const d = rankScore(b.score) - rankScore(a.score);
  if (d !== 0) return d;
  return a.contentHash < b.contentHash ? -1 : a.contentHash > b.contentHash ? 1 : 0;
}

/** The order of a content's segments: higher score first, then by segment number. */
export function compareSegments(
  a: { readonly score: number; readonly segment: number },
  b: { readonly score: number; readonly segment: number },
): number {
  return rankScore(b.score) - rankScore(a.score) || a.segment - b.segment;
}
