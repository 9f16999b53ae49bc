import { describe, expect, it } from 'vitest';
import { closeMoments } from './segment.js';

const m = (...scores: number[]) => scores.map((score, segment) => ({ segment, score }));

describe('closeMoments', () => {
  it("keeps the best and the moments at least halfway from the video's weakest to it", () => {
    // "green" on the red/green/blue clip: 0.68 beside two at 0.002.
    expect(closeMoments(m(0.685, 0.002, 0.002))).toEqual(m(0.685));
    expect(closeMoments(m(1, 0.6, 0.4, 0)).map((x) => x.score)).toEqual([1, 0.6]);
  });

  it('shows scenes that match alike, and a single moment', () => {
    expect(closeMoments(m(0.5, 0.5))).toEqual(m(0.5, 0.5));
    expect(closeMoments(m(0.3))).toEqual(m(0.3));
    expect(closeMoments([])).toEqual([]);
  });
});
