import { describe, expect, it } from 'vitest';
import { closeMoments } from './segment.js';

const m = (...scores: number[]) => scores.map((score, segment) => ({ segment, score }));

describe('closeMoments', () => {
  it('keeps the best and the moments at least halfway from the floor to it', () => {
    // "green" on the red/green/blue clip: 0.68 beside two at 0.002; the floor 0.25.
    expect(closeMoments(m(0.685, 0.002, 0.002), 0.253)).toEqual(m(0.685));
    expect(closeMoments(m(0.9, 0.8, 0.5, 0.3), 0.3).map((x) => x.score)).toEqual([0.9, 0.8]);
  });

  it("without a floor, halfway from the video's weakest moment", () => {
    expect(closeMoments(m(1, 0.6, 0.4, 0), null).map((x) => x.score)).toEqual([1, 0.6]);
    expect(closeMoments(m(0.5, 0.5), null)).toEqual(m(0.5, 0.5)); // equals are both shown
  });

  it('always keeps the best, even below the floor (a weaker match asked for)', () => {
    expect(closeMoments(m(0.2, 0.19, 0.1), 0.25)).toEqual(m(0.2));
    expect(closeMoments([], 0.25)).toEqual([]);
    expect(closeMoments(m(0.3), 0.25)).toEqual(m(0.3));
  });
});
