import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import type { VectorFilter, VectorStore } from '../ports/vector-store.js';
import { aPoint, axisVector } from '../testing/mothers.js';
import { allContents } from '../use-cases/content-pages.js';

export interface VectorStoreHarness {
  readonly store: VectorStore;
  close(): Promise<void>;
}

export const CONTRACT_DIMENSION = 8;
export const CONTRACT_MODEL = 'contract-model';

/**
 * The behaviour every VectorStore must have. `setup` returns a fresh, empty store for
 * {@link CONTRACT_MODEL} with dimension {@link CONTRACT_DIMENSION}.
 */
export function describeVectorStoreContract(name: string, setup: () => Promise<VectorStoreHarness>): void {
  describe(`VectorStore contract: ${name}`, () => {
    let h: VectorStoreHarness;
    let store: VectorStore;
    const D = CONTRACT_DIMENSION;
    beforeEach(async () => {
      h = await setup();
      store = h.store;
    });
    afterEach(async () => {
      await h.close();
    });

    it('reports its model and dimension, and starts empty', async () => {
      expect(store.modelId).toBe(CONTRACT_MODEL);
      expect(store.dimension).toBe(D);
      expect(await store.count()).toEqual({ points: 0, contents: 0 });
      expect(await store.search({ vector: axisVector(D, 0), limit: 5 })).toEqual([]);
    });

    it('upserts idempotently and reports what it holds', async () => {
      const pts = [
        aPoint({ contentHash: 'a', vector: axisVector(D, 0) }),
        aPoint({ contentHash: 'b', vector: axisVector(D, 1) }),
      ];
      await store.upsert(pts);
      await store.upsert(pts);
      expect(await store.count()).toEqual({ points: 2, contents: 2 });
      expect(await store.hasContents(['a', 'x', 'b'])).toEqual(new Set(['a', 'b']));
      const [v] = await store.vectorsOf('a');
      expect(Array.from(v!).map((x) => Math.round(x * 1e5) / 1e5)).toEqual(Array.from(axisVector(D, 0)));
      expect(await store.vectorsOf('x')).toEqual([]);
    });

    it('replaces all earlier points of a content it names', async () => {
      const seg = (s: number) =>
        aPoint({
          contentHash: 'v',
          kind: 'video',
          segment: s,
          vector: axisVector(D, s),
          startSec: s * 3,
          endSec: s * 3 + 3,
          frameSec: s * 3 + 1,
        });
      await store.upsert([seg(0), seg(1), seg(2)]);
      expect(await store.count()).toEqual({ points: 3, contents: 1 });
      await store.upsert([seg(0)]);
      expect(await store.count()).toEqual({ points: 1, contents: 1 });
    });

    it('gives back every point of the contents asked for, as written, but not their paths', async () => {
      const video = [0, 1].map((s) =>
        aPoint({
          contentHash: 'v',
          kind: 'video',
          segment: s,
          vector: axisVector(D, s, 2, 0.5),
          startSec: s * 2,
          endSec: s * 2 + 2,
          frameSec: s * 2 + 1,
          takenAt: new Date('2021-05-06T07:08:09Z'),
        }),
      );
      const image = aPoint({ contentHash: 'i', vector: axisVector(D, 3) });
      await store.upsert([...video, image, aPoint({ contentHash: 'other', vector: axisVector(D, 4) })]);
      const got = await store.pointsOf(['v', 'i', 'unknown']);
      expect(got.map((p) => [p.contentHash, p.segment])).toEqual([
        ['i', 0],
        ['v', 0],
        ['v', 1],
      ]);
      for (const [p, want] of [image, ...video].map((w, k) => [got[k]!, w] as const)) {
        const { vector, paths: _paths, ...rest } = want;
        const { vector: gotVector, ...gotRest } = p;
        expect(gotRest).toEqual(rest);
        expect(Array.from(gotVector).map((x) => Math.round(x * 1e5) / 1e5)).toEqual(
          Array.from(vector).map((x) => Math.round(x * 1e5) / 1e5),
        );
      }
      expect(await store.pointsOf([])).toEqual([]);
    });

    it('rejects a vector of the wrong dimension', async () => {
      const err = await store
        .upsert([aPoint({ contentHash: 'a', vector: new Float32Array(D + 1).fill(0.1) })])
        .catch((e: unknown) => e);
      expect(GlimpseError.is(err, 'invalid-input')).toBe(true);
      expect(await store.count()).toEqual({ points: 0, contents: 0 });
    });

    it('ranks contents by cosine similarity, best first, with offset paging', async () => {
      await store.upsert([
        aPoint({ contentHash: 'near', vector: axisVector(D, 0, 1, 0.1) }),
        aPoint({ contentHash: 'mid', vector: axisVector(D, 0, 1, 1) }),
        aPoint({ contentHash: 'far', vector: axisVector(D, 1) }),
      ]);
      const hits = await store.search({ vector: axisVector(D, 0), limit: 3 });
      expect(hits.map((x) => x.contentHash)).toEqual(['near', 'mid', 'far']);
      expect(hits[0]!.score).toBeGreaterThan(0.99);
      expect(hits[1]!.score).toBeCloseTo(Math.SQRT1_2, 3);
      expect(hits[2]!.score).toBeCloseTo(0, 3);
      const page = await store.search({ vector: axisVector(D, 0), limit: 1, offset: 1 });
      expect(page.map((x) => x.contentHash)).toEqual(['mid']);
    });

    it('groups a video once, with its segments best first', async () => {
      await store.upsert([
        aPoint({
          contentHash: 'vid',
          kind: 'video',
          segment: 0,
          vector: axisVector(D, 1),
          startSec: 0,
          endSec: 3,
          frameSec: 1,
        }),
        aPoint({
          contentHash: 'vid',
          kind: 'video',
          segment: 1,
          vector: axisVector(D, 0),
          startSec: 3,
          endSec: 6,
          frameSec: 4,
        }),
        aPoint({
          contentHash: 'vid',
          kind: 'video',
          segment: 2,
          vector: axisVector(D, 0, 1, 1),
          startSec: 6,
          endSec: 9,
          frameSec: 7,
        }),
        aPoint({ contentHash: 'img', vector: axisVector(D, 0, 2, 0.5) }),
      ]);
      const hits = await store.search({ vector: axisVector(D, 0), limit: 10 });
      expect(hits.map((x) => x.contentHash)).toEqual(['vid', 'img']);
      const vid = hits[0]!;
      expect(vid.kind).toBe('video');
      expect(vid.segments.map((s) => s.segment).slice(0, 2)).toEqual([1, 2]);
      expect(vid.segments[0]).toMatchObject({ startSec: 3, endSec: 6, frameSec: 4 });
      expect(vid.score).toBeCloseTo(vid.segments[0]!.score, 6);
    });

    it('applies filters inside the search, not by cutting a top-k afterwards', async () => {
      // 30 images right on the query, and 3 videos far from it: a filtered top-3 must still find the 3 videos.
      await store.upsert(
        Array.from({ length: 30 }, (_, i) => aPoint({ contentHash: `img${i}`, vector: axisVector(D, 0, 1, i / 100) })),
      );
      await store.upsert(
        ['v1', 'v2', 'v3'].map((c, i) =>
          aPoint({
            contentHash: c,
            kind: 'video',
            vector: axisVector(D, 3, 0, 0.1 * (i + 1)),
            startSec: 0,
            endSec: 1,
            frameSec: 0,
          }),
        ),
      );
      const hits = await store.search({ vector: axisVector(D, 0), limit: 3, filter: { kind: 'video' } });
      expect(hits.map((x) => x.contentHash)).toEqual(['v3', 'v2', 'v1']);
      expect((await store.search({ vector: axisVector(D, 0), limit: 50, filter: { kind: 'image' } })).length).toBe(30);
    });

    it('filters by date range (inclusive; unknown dates excluded)', async () => {
      await store.upsert([
        aPoint({ contentHash: 'y2019', vector: axisVector(D, 0), takenAt: new Date('2019-07-01T00:00:00Z') }),
        aPoint({ contentHash: 'y2021', vector: axisVector(D, 0, 1, 0.1), takenAt: new Date('2021-07-01T00:00:00Z') }),
        aPoint({ contentHash: 'edge', vector: axisVector(D, 0, 1, 0.2), takenAt: new Date('2022-01-01T00:00:00Z') }),
        aPoint({ contentHash: 'undated', vector: axisVector(D, 0, 1, 0.3) }),
      ]);
      const q = (filter: { takenFrom?: Date; takenTo?: Date }) =>
        store.search({ vector: axisVector(D, 0), limit: 10, filter }).then((hs) => hs.map((x) => x.contentHash).sort());
      expect(await q({ takenFrom: new Date('2020-01-01T00:00:00Z') })).toEqual(['edge', 'y2021']);
      expect(await q({ takenTo: new Date('2022-01-01T00:00:00Z') })).toEqual(['edge', 'y2019', 'y2021']);
      expect(
        await q({ takenFrom: new Date('2020-01-01T00:00:00Z'), takenTo: new Date('2021-12-31T00:00:00Z') }),
      ).toEqual(['y2021']);
    });

    it('filters by folder on current paths, and follows setPaths', async () => {
      await store.upsert([
        aPoint({ contentHash: 'a', vector: axisVector(D, 0), paths: ['/lib/2020/a.jpg'] }),
        aPoint({
          contentHash: 'b',
          vector: axisVector(D, 0, 1, 0.1),
          paths: ['/lib/2021/b.jpg', '/lib/2020/copy-of-b.jpg'],
        }),
        aPoint({ contentHash: 'c', vector: axisVector(D, 0, 1, 0.2), paths: ['/lib/2020x/c.jpg'] }),
      ]);
      const q = (folder: string) =>
        store
          .search({ vector: axisVector(D, 0), limit: 10, filter: { folder } })
          .then((hs) => hs.map((x) => x.contentHash));
      expect(await q('/lib/2020')).toEqual(['a', 'b']);
      expect(await q('/lib')).toEqual(['a', 'b', 'c']);
      await store.setPaths([
        { contentHash: 'a', paths: ['/lib/2021/a.jpg'] },
        { contentHash: 'unknown', paths: ['/x'] },
      ]);
      expect(await q('/lib/2020')).toEqual(['b']);
      expect(await q('/lib/2021')).toEqual(['a', 'b']);
    });

    it('never returns a content whose paths are empty (released), and returns it again when it has paths', async () => {
      await store.upsert([
        aPoint({ contentHash: 'kept', vector: axisVector(D, 0) }),
        aPoint({ contentHash: 'gone', vector: axisVector(D, 0, 1, 0.1) }),
        aPoint({ contentHash: 'born-gone', vector: axisVector(D, 0, 1, 0.2), paths: [] }),
      ]);
      const q = () => store.search({ vector: axisVector(D, 0), limit: 10 }).then((hs) => hs.map((x) => x.contentHash));
      expect(await q()).toEqual(['kept', 'gone']);
      await store.setPaths([{ contentHash: 'gone', paths: [] }]);
      expect(await q()).toEqual(['kept']);
      await store.setPaths([{ contentHash: 'kept', paths: [] }]);
      expect(await q()).toEqual([]);
      expect(await store.vectorsOf('gone')).toHaveLength(1); // the vectors stay
      expect(await store.count()).toEqual({ points: 3, contents: 3 });
      await store.setPaths([{ contentHash: 'gone', paths: ['/back/again.jpg'] }]);
      expect(await q()).toEqual(['gone']);
      const filtered = await store.search({ vector: axisVector(D, 0), limit: 10, filter: { kind: 'image' } });
      expect(filtered.map((x) => x.contentHash)).toEqual(['gone']);
    });

    it('orders equal scores by content hash, the same on every page', async () => {
      // 45 contents on one vector (scores equal), more than a first page reads, in a shuffled order of writes.
      const names = Array.from({ length: 45 }, (_, i) => `t${String((i * 17) % 45).padStart(2, '0')}`);
      await store.upsert([
        aPoint({ contentHash: 'zz-best', vector: axisVector(D, 0) }),
        ...names.map((n) => aPoint({ contentHash: n, vector: axisVector(D, 0, 1, 0.5) })),
      ]);
      const sorted = [...names].sort();
      const first = await store.search({ vector: axisVector(D, 0), limit: 4 });
      expect(first.map((x) => x.contentHash)).toEqual(['zz-best', ...sorted.slice(0, 3)]);
      const paged: string[] = [];
      for (let offset = 0; offset < 46; offset += 5) {
        const page = await store.search({ vector: axisVector(D, 0), limit: 5, offset });
        paged.push(...page.map((x) => x.contentHash));
      }
      expect(paged).toEqual(['zz-best', ...sorted]);
    });

    it('excludes given contents', async () => {
      await store.upsert([
        aPoint({ contentHash: 'a', vector: axisVector(D, 0) }),
        aPoint({ contentHash: 'b', vector: axisVector(D, 0, 1, 0.5) }),
      ]);
      const hits = await store.search({ vector: axisVector(D, 0), limit: 10, filter: { excludeContents: ['a'] } });
      expect(hits.map((x) => x.contentHash)).toEqual(['b']);
    });

    it('keeps to a list of contents when given one, with the other filters; an empty list matches nothing', async () => {
      await store.upsert([
        aPoint({ contentHash: 'a', vector: axisVector(D, 0) }),
        aPoint({ contentHash: 'b', vector: axisVector(D, 0, 1, 0.5), kind: 'video', segment: 0 }),
        aPoint({ contentHash: 'c', vector: axisVector(D, 0, 1, 0.7) }),
      ]);
      const only = (onlyContents: string[], more: VectorFilter = {}) =>
        store
          .search({ vector: axisVector(D, 0), limit: 10, filter: { ...more, onlyContents } })
          .then((hits) => hits.map((x) => x.contentHash));
      expect(await only(['c', 'b', 'zz'])).toEqual(['b', 'c']);
      expect(await only(['a', 'b', 'c'], { kind: 'image' })).toEqual(['a', 'c']);
      expect(await only(['a', 'b'], { excludeContents: ['a'] })).toEqual(['b']);
      expect(await only([])).toEqual([]);
    });

    it('lists every content once, a page at a time, whatever its segments', async () => {
      expect(await store.listContents(null, 10)).toEqual({ hashes: [], next: null });
      const names = Array.from({ length: 23 }, (_, i) => `c${String((i * 7) % 23).padStart(2, '0')}`);
      await store.upsert(names.map((c, i) => aPoint({ contentHash: c, vector: axisVector(D, i % D) })));
      // A video of three segments is listed once; so is one whose lowest segment is not 0.
      const video = (hash: string, segments: number[]) =>
        segments.map((s) =>
          aPoint({
            contentHash: hash,
            kind: 'video',
            segment: s,
            vector: axisVector(D, s % D),
            startSec: s,
            endSec: s + 1,
            frameSec: s,
          }),
        );
      await store.upsert([...video('vid', [0, 1, 2]), ...video('late', [3, 4])]);
      await store.upsert(video('vid', [1, 2])); // re-embedded without its first segment
      const seen: string[] = [];
      let pages = 0;
      for (let cursor: string | null = null; ;) {
        const page = await store.listContents(cursor, 5);
        expect(page.hashes.length).toBeLessThanOrEqual(5);
        seen.push(...page.hashes);
        pages++;
        if (page.next === null) break;
        cursor = page.next;
        expect(pages).toBeLessThan(20);
      }
      expect([...seen].sort()).toEqual([...names, 'late', 'vid'].sort());
      expect(await store.count()).toEqual({ points: 27, contents: 25 });
      await store.deleteContents(['vid', ...names.slice(0, 10)]);
      expect((await allContents(store)).sort()).toEqual([...names.slice(10), 'late'].sort());
    });

    it('deletes contents idempotently, and resets', async () => {
      await store.upsert(['c', 'a', 'b', 'd'].map((c, i) => aPoint({ contentHash: c, vector: axisVector(D, i) })));
      await store.deleteContents(['a', 'zz']);
      await store.deleteContents(['a']);
      expect(await store.count()).toEqual({ points: 3, contents: 3 });
      await store.reset();
      await store.reset();
      expect(await store.count()).toEqual({ points: 0, contents: 0 });
      expect(await store.listContents(null, 10)).toEqual({ hashes: [], next: null });
    });
  });
}
