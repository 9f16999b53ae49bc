import { describe, expect, it } from 'vitest';
import { wordVector } from '../testing/index.js';
import { frameTimes, segmentVideo } from './segment-video.js';

const D = 32;
const framesOf = (scenes: [string, number][]) => {
  const times = frameTimes(scenes.reduce((s, [, d]) => s + d, 0));
  return times.map((t) => {
    let start = 0;
    for (const [word, d] of scenes) {
      if (t < start + d) return { timeSec: t, vector: wordVector(word, D) };
      start += d;
    }
    throw new Error('unreachable');
  });
};

describe('segmentVideo', () => {
  it('splits red/green/blue thirds at 3 s and 6 s', () => {
    const segs = segmentVideo(
      framesOf([
        ['red', 3],
        ['green', 3],
        ['blue', 3],
      ]),
      9,
    );
    expect(segs.map((s) => [s.startSec, s.endSec])).toEqual([
      [0, 3],
      [3, 6],
      [6, 9],
    ]);
    expect(segs[1]!.frameSec).toBeGreaterThanOrEqual(3);
    expect(segs[1]!.frameSec).toBeLessThanOrEqual(6);
    for (const s of segs) expect(Math.hypot(...s.vector)).toBeCloseTo(1, 5);
  });

  it('gives one segment for a single scene', () => {
    expect(segmentVideo(framesOf([['sea', 30]]), 30)).toHaveLength(1);
  });

  it('merges flashes shorter than the minimum into a neighbour', () => {
    const segs = segmentVideo(
      framesOf([
        ['sea', 10],
        ['flash', 1],
        ['sea', 10],
      ]),
      21,
    );
    expect(segs).toHaveLength(1);
  });

  it('caps the number of segments per minute', () => {
    const scenes = Array.from({ length: 60 }, (_, i) => [`scene${i}`, 2] as [string, number]);
    const segs = segmentVideo(framesOf(scenes), 120, { threshold: 0.85, minSegmentSec: 0, maxSegmentsPerMinute: 10 });
    expect(segs).toHaveLength(20);
    expect(segs[0]!.startSec).toBe(0);
    expect(segs[segs.length - 1]!.endSec).toBe(120);
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.startSec).toBe(segs[i - 1]!.endSec);
  });

  it('returns nothing for no frames', () => {
    expect(segmentVideo([], 10)).toEqual([]);
  });
});

describe('frameTimes', () => {
  it('samples one frame a second, centred', () => {
    expect(frameTimes(3)).toEqual([0.5, 1.5, 2.5]);
  });

  it('spreads a capped number of frames over a long video', () => {
    const t = frameTimes(7200, 1, 240);
    expect(t).toHaveLength(240);
    expect(t[0]).toBe(15);
    expect(t[239]).toBe(7185);
  });

  it('samples a very short or unknown-length video once', () => {
    expect(frameTimes(0.2)).toEqual([0.1]);
    expect(frameTimes(0)).toEqual([0]);
  });
});
