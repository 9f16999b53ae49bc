import { describe, expect, it } from 'vitest';
import { parseRange } from './http-range.js';

describe('parseRange', () => {
  it('reads the three forms of a single byte range', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 }); // clamped to the end
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange(' BYTES = 5 - 6 ', 1000)).toEqual({ start: 5, end: 6 });
  });

  it('says unsatisfiable for a range past the end', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=2000-3000', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('ignores what it does not serve as a range: no header, other units, several ranges, nonsense', () => {
    for (const h of [undefined, '', 'items=0-5', 'bytes=0-5,10-20', 'bytes=5-1', 'bytes=-', 'bytes=a-b', 'bytes=0x10-'])
      expect(parseRange(h, 1000)).toBeNull();
  });
});
