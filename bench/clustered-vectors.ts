import { normalize } from '@glimpse/core';
import { rng } from './library-generator.js';

/**
 * Clustered vectors, like real embeddings: unit cluster centres, each point its centre plus Gaussian noise, so a
 * point's cosine similarity to its centre is about 0.75 (photos of one event, one pet, one beach). Seeded: the
 * same centres, points and queries in every run.
 */
export function clusteredVectors(dimension: number, clusters: number) {
  const gaussOf = (g: () => number) => () =>
    Math.sqrt(-2 * Math.log(Math.max(g(), 1e-12))) * Math.cos(2 * Math.PI * g());
  const r = rng(1234);
  const gauss = gaussOf(r);
  const centres = Array.from({ length: clusters }, () => normalize(Float32Array.from({ length: dimension }, gauss)));
  const sigma = 0.9 / Math.sqrt(dimension);
  return {
    /** The next query: a fresh point of a random cluster. */
    query(): Float32Array {
      const c = centres[Math.floor(r() * clusters)]!;
      return normalize(Float32Array.from(c, (x) => x + sigma * gauss()));
    },
    /** Point `i`, drawn from its own seed: every store (and every run) gets the same points. */
    pointAt(i: number): Float32Array {
      const g = rng(1_000_003 + i);
      const noise = gaussOf(g);
      const c = centres[Math.floor(g() * clusters)]!;
      return normalize(Float32Array.from(c, (x) => x + sigma * noise()));
    },
  };
}
