import { describe, expect, it } from 'vitest';
import { justify } from './results-grid.js';

const GAP = 6;
const widthOf = (row: { width: number }[]) => row.reduce((n, t) => n + t.width, 0) + GAP * (row.length - 1);

describe('justify (the rows of the grid)', () => {
  it("fills each full row to the width, one height per row, each tile at its picture's aspect ratio", () => {
    const aspects = [1.5, 0.75, 1, 16 / 9, 1.33, 0.66, 2, 1, 1, 1.5, 0.8];
    const { rows } = justify(aspects, 1000, 200);
    for (const row of rows.slice(0, -1)) {
      expect(widthOf(row)).toBeGreaterThan(1000 - row.length); // floors lose less than a pixel a tile
      expect(widthOf(row)).toBeLessThanOrEqual(1000);
      expect(new Set(row.map((t) => t.height)).size).toBe(1);
      for (const t of row) expect(t.width / t.height).toBeCloseTo(aspects[t.index]!, 1);
      expect(row[0]!.height).toBeLessThanOrEqual(200); // shrunk to fit, never stretched past the target
    }
    // The last row keeps the target height instead of being blown up.
    expect(rows.at(-1)![0]!.height).toBe(200);
    expect(rows.flat().map((t) => t.index)).toEqual(aspects.map((_, k) => k));
  });

  it('clamps panoramas and strips, and treats an unknown size as 4:3', () => {
    const { rows } = justify([20, 0.01, NaN, 0], 300, 100, 7);
    const all = rows.flat();
    expect(all.map((t) => t.index)).toEqual([7, 8, 9, 10]);
    expect(all[0]!.width / all[0]!.height).toBeCloseTo(3, 1);
    for (const t of all) expect(t.width).toBeGreaterThan(0);
  });
});
