import { describe, expect, it } from 'vitest';
import { PointCache, type PointMeta } from './point-cache.js';

const meta = (i: number): PointMeta => ({
  hash: `c${i}`,
  segment: 0,
  kind: i % 10 === 0 ? 'video' : 'image',
  taken: null,
  start: null,
  end: null,
  frame: null,
  // Every twentieth point in /rare: 5%.
  folders: ['/', i % 20 === 7 ? '/rare' : '/common'],
});
const rows = (from: number, n: number) => Array.from({ length: n }, (_, k) => [from + k, meta(from + k)] as const);
const inRare = (p: PointMeta) => p.folders.includes('/rare');

describe('PointCache.share (the estimate that sizes a filtered search)', () => {
  it('says nothing before the warm-up has read every row, or from fewer than 500 points', () => {
    const cache = new PointCache();
    cache.keep(rows(1, 400), cache.epoch, true);
    cache.warmed = true;
    expect(cache.share(inRare)).toBeNull();
    cache.keep(rows(401, 600), cache.epoch, true);
    expect(cache.share(inRare)).toBeCloseTo(0.05, 2);
    const cold = new PointCache();
    cold.keep(rows(1, 5000), cold.epoch, true);
    expect(cold.share(inRare)).toBeNull();
  });

  it('estimates a 5% share within a point from 100,000 rows, the same each time, from a sample of 4,096', () => {
    const estimate = () => {
      const cache = new PointCache();
      for (let i = 1; i <= 100_000; i += 5000) cache.keep(rows(i, 5000), cache.epoch, true);
      cache.warmed = true;
      expect(cache.size).toBe(100_000);
      return cache.share(inRare)!;
    };
    const first = estimate();
    expect(Math.abs(first - 0.05)).toBeLessThan(0.01);
    expect(estimate()).toBe(first);
  });

  it('is not moved by rows a search read (else an answer would depend on the searches before it)', () => {
    const cache = new PointCache();
    cache.keep(rows(1, 2000), cache.epoch, true);
    cache.warmed = true;
    const before = cache.share(inRare);
    // A search read 3,000 more, all of them in /rare.
    cache.keep(
      Array.from({ length: 3000 }, (_, k) => [10_000 + k, { ...meta(k), folders: ['/', '/rare'] }] as const),
      cache.epoch,
    );
    expect(cache.size).toBe(5000);
    expect(cache.share(inRare)).toBe(before);
    // Rows a search read before the warm-up reached them are sampled when it does.
    const late = new PointCache();
    late.keep(rows(1, 1000), late.epoch);
    late.keep(rows(1, 1000), late.epoch, true);
    late.warmed = true;
    expect(late.share(inRare)).toBeCloseTo(0.05, 2);
  });

  it('starts again when cleared; a table just emptied counts as read in full', () => {
    const cache = new PointCache();
    cache.keep(rows(1, 2000), cache.epoch, true);
    cache.warmed = true;
    cache.clear();
    expect(cache.warmed).toBe(false);
    cache.clear(true);
    expect(cache.warmed).toBe(true);
    expect(cache.share(inRare)).toBeNull();
    cache.keep(rows(1, 1000), cache.epoch, true);
    expect(cache.share(inRare)).toBeCloseTo(0.05, 2);
  });
});
