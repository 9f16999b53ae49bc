import { describe, expect, it } from 'vitest';
import { compileScope, makeScope } from '../domain/scope.js';
import { fromWire, mtimeNsOf, resolveBatch, type PendingBatch } from './walk-tree.js';

describe('a walk batch in columns', () => {
  const filter = compileScope(makeScope({ roots: ['/r'], maxFileSize: 1000 }), '/r');
  const pending: PendingBatch = {
    items: [
      { type: 'pending', path: '/r/a.jpg', kind: 'image' },
      { type: 'unreadable', path: '/r/b', reason: 'permission denied' },
      { type: 'pending', path: '/r/c.mp4', kind: 'video' },
      { type: 'pending', path: '/r/d.jpg', kind: 'image' },
      { type: 'pending', path: '/r/e.jpg', kind: 'image' },
      { type: 'pending', path: '/r/f.jpg', kind: 'image' },
    ],
    paths: ['/r/a.jpg', '/r/c.mp4', '/r/d.jpg', '/r/e.jpg', '/r/f.jpg'],
    skipped: 2,
    unsupported: 1,
    links: 1,
    notes: [{ path: '/r/link', reason: 'skipped: a linked folder' }],
  };
  // a.jpg 10 bytes; c.mp4 999; d.jpg over the limit; e.jpg not a regular file; f.jpg could not be stat'ed.
  const numbers = Float64Array.from([10, 1_700_000_000_123.456, 999, 1_600_000_000_000.001, 1001, 1, -1, 1, 0, 0]);
  const stats = { numbers, errors: new Map([[4, 'input/output error (failing disk?)']]) };

  it('keeps entries in walk order, with sizes, microsecond mtimes, kinds and unreadable folders', () => {
    const batch = fromWire(resolveBatch(filter, pending, stats));
    expect(batch.entries).toEqual([
      { type: 'file', path: '/r/a.jpg', size: 10, mtimeNs: mtimeNsOf(1_700_000_000_123.456), kind: 'image' },
      { type: 'unreadable', path: '/r/b', reason: 'permission denied' },
      { type: 'file', path: '/r/c.mp4', size: 999, mtimeNs: 1_600_000_000_000_001_000n, kind: 'video' },
    ]);
    expect(mtimeNsOf(1_700_000_000_123.456)).toBe(1_700_000_000_123_456_000n);
  });

  it('counts what it skipped and says why for the size limit and a failed stat', () => {
    const batch = fromWire(resolveBatch(filter, pending, stats));
    expect(batch.skipped).toBe(2 + 3);
    expect(batch.unsupported).toBe(1);
    expect(batch.links).toBe(1);
    expect(batch.notes).toEqual([
      { path: '/r/link', reason: 'skipped: a linked folder' },
      { path: '/r/d.jpg', reason: "skipped: 1001 bytes is over the scope's size limit" },
      { path: '/r/f.jpg', reason: 'skipped: could not read its size and date (input/output error (failing disk?))' },
    ]);
  });
});
