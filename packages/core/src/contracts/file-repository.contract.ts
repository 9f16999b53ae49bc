import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingContent, type Content } from '../domain/content.js';
import { comparePaths, subtreeRange } from '../domain/paths.js';
import { GlimpseError } from '../errors.js';
import { NO_METADATA, type ContentMeta } from '../domain/media-metadata.js';
import type { FileRepository } from '../ports/file-repository.js';
import { aContent, aFileWrite } from '../testing/mothers.js';

export interface FileRepositoryHarness {
  readonly repo: FileRepository;
  /** Releases the repository and whatever the setup created (a temp database, a connection). */
  close(): Promise<void>;
}

const MODEL = 'model-a';
const EMPTY_STATS = {
  files: 0,
  failedFiles: 0,
  contents: 0,
  indexedContents: 0,
  releasedContents: 0,
  releasedPoints: 0,
  oldestRelease: null,
};

function indexed(hash: string, modelId = MODEL): Content {
  return { ...pendingContent(hash, 'image'), status: 'indexed', modelId, segments: 1 };
}

/**
 * The behaviour every FileRepository must have. Run it from an adapter's tests:
 * `describeFileRepositoryContract('KyselyFileRepository on PGlite', async () => ({ repo, close }))`.
 * Each test gets a fresh, empty repository from `setup`.
 */
export function describeFileRepositoryContract(name: string, setup: () => Promise<FileRepositoryHarness>): void {
  describe(`FileRepository contract: ${name}`, () => {
    let h: FileRepositoryHarness;
    let repo: FileRepository;
    beforeEach(async () => {
      h = await setup();
      repo = h.repo;
    });
    afterEach(async () => {
      await h.close();
    });

    it('starts empty', async () => {
      expect(await repo.list({}, 10)).toEqual([]);
      expect(await repo.stats(MODEL)).toEqual(EMPTY_STATS);
      expect(await repo.findById('00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await repo.findById('../../etc/passwd')).toBeNull();
      expect(await repo.findById('')).toBeNull();
    });

    it('round-trips every field, including nanosecond mtimes beyond 2^53', async () => {
      await repo.apply({ contents: [indexed('aa')] });
      const w = aFileWrite({
        path: '/p/a.jpg',
        size: 123_456_789_012,
        mtimeNs: 1_732_000_000_123_456_789n,
        contentHash: 'aa',
      });
      await repo.apply({ files: [w] });
      const [f] = await repo.findByPaths(['/p/a.jpg']);
      expect(f).toMatchObject({
        path: '/p/a.jpg',
        size: 123_456_789_012,
        mtimeNs: 1_732_000_000_123_456_789n,
        kind: 'image',
        contentHash: 'aa',
        status: 'ok',
        error: null,
      });
      expect(typeof f!.id).toBe('string');
      expect(await repo.findById(f!.id)).toEqual(f);
      const [c] = await repo.findContents(['aa']);
      expect(c).toEqual(indexed('aa'));
    });

    it('round-trips content facts', async () => {
      const c: Content = {
        ...indexed('cc'),
        kind: 'video',
        segments: 3,
        width: 1920,
        height: 1080,
        durationSec: 12.5,
        takenAt: new Date('2021-06-01T10:00:00.123Z'),
        error: null,
      };
      await repo.apply({ contents: [c] });
      expect(await repo.findContents(['cc', 'missing'])).toEqual([c]);
    });

    it('lists in code point order, within a range, with keyset paging', async () => {
      const paths = [
        '/p/b.jpg',
        '/p/a.jpg',
        '/p/a/x.jpg',
        '/p/a-b.jpg',
        '/p/é.jpg',
        '/p/z.jpg',
        '/p/😀.jpg',
        '/p/\uFFFD.jpg',
        '/p0',
        '/o.jpg',
        '/p/Z.jpg',
      ];
      await repo.apply({ files: paths.map((path) => aFileWrite({ path })) });
      const all = (await repo.list({}, 100)).map((f) => f.path);
      expect(all).toEqual([...paths].sort(comparePaths));
      expect(all.indexOf('/p/\uFFFD.jpg')).toBeLessThan(all.indexOf('/p/😀.jpg'));
      const under = (await repo.list(subtreeRange('/p'), 100)).map((f) => f.path);
      expect(under).not.toContain('/p0');
      expect(under).not.toContain('/o.jpg');
      expect(under).toHaveLength(paths.length - 2);
      const page1 = await repo.list(subtreeRange('/p'), 4);
      const page2 = await repo.list(subtreeRange('/p'), 4, page1[3]!.path);
      expect([...page1, ...page2].map((f) => f.path)).toEqual(under.slice(0, 8));
      expect(await repo.list({ from: '/q' }, 10)).toEqual([]);
    });

    it('lists stamps as it lists files: the same paths in the same order, with their size, mtime and kind', async () => {
      const paths = ['/s/b.mp4', '/s/a.jpg', '/s/é.jpg', '/s/😀.jpg', '/s/\uFFFD.jpg', '/s0/x.jpg', '/s/sub/c.jpg'];
      await repo.apply({
        files: paths.map((path, i) =>
          aFileWrite({
            path,
            size: i === 0 ? 6_000_000_000 : 1000 + i, // a video over 4 GiB
            mtimeNs: 1_700_000_000_123_456_000n + BigInt(i),
            kind: path.endsWith('.mp4') ? 'video' : 'image',
          }),
        ),
      });
      const files = await repo.list(subtreeRange('/s'), 100);
      const stamps = await repo.listStamps(subtreeRange('/s'), 100);
      expect(stamps).toEqual(files.map(({ path, size, mtimeNs, kind }) => ({ path, size, mtimeNs, kind })));
      expect(stamps.map((s) => s.path)).toEqual(paths.filter((p) => p.startsWith('/s/')).sort(comparePaths));
      expect(stamps.find((s) => s.path === '/s/b.mp4')).toEqual({
        path: '/s/b.mp4',
        size: 6_000_000_000,
        mtimeNs: 1_700_000_000_123_456_000n,
        kind: 'video',
      });
      const page1 = await repo.listStamps(subtreeRange('/s'), 4);
      const page2 = await repo.listStamps(subtreeRange('/s'), 4, page1[3]!.path);
      expect([...page1, ...page2]).toEqual(stamps);
      expect(await repo.listStamps({ from: '/t' }, 10)).toEqual([]);
    });

    it('finds many paths in one call', async () => {
      const writes = Array.from({ length: 3000 }, (_, i) =>
        aFileWrite({ path: `/many/${String(i).padStart(5, '0')}.jpg` }),
      );
      await repo.apply({ files: writes });
      const found = await repo.findByPaths([...writes.map((w) => w.path), '/many/nope.jpg']);
      expect(found).toHaveLength(3000);
      expect((await repo.stats(MODEL)).files).toBe(3000);
    });

    it('upserts by path, keeping the id', async () => {
      await repo.apply({ files: [aFileWrite({ path: '/p/a.jpg', size: 1 })] });
      const [before] = await repo.findByPaths(['/p/a.jpg']);
      await repo.apply({ files: [aFileWrite({ path: '/p/a.jpg', size: 2 })] });
      const [after] = await repo.findByPaths(['/p/a.jpg']);
      expect(after!.id).toBe(before!.id);
      expect(after!.size).toBe(2);
      expect((await repo.stats(MODEL)).files).toBe(1);
    });

    it('moves a file by id, keeping the id', async () => {
      await repo.apply({ contents: [indexed('aa')], files: [aFileWrite({ path: '/p/a.jpg', contentHash: 'aa' })] });
      const [f] = await repo.findByPaths(['/p/a.jpg']);
      await repo.apply({ files: [aFileWrite({ id: f!.id, path: '/q/b.jpg', contentHash: 'aa' })] });
      expect(await repo.findByPaths(['/p/a.jpg'])).toEqual([]);
      expect((await repo.findById(f!.id))!.path).toBe('/q/b.jpg');
      expect((await repo.findByContent(['aa'])).map((x) => x.path)).toEqual(['/q/b.jpg']);
    });

    it('rejects a move onto a taken path, and applies nothing of that batch', async () => {
      await repo.apply({ files: [aFileWrite({ path: '/p/a.jpg' }), aFileWrite({ path: '/p/b.jpg' })] });
      const [a] = await repo.findByPaths(['/p/a.jpg']);
      const err = await repo
        .apply({ files: [aFileWrite({ path: '/p/new.jpg' }), aFileWrite({ id: a!.id, path: '/p/b.jpg' })] })
        .catch((e: unknown) => e);
      expect(GlimpseError.is(err, 'conflict')).toBe(true);
      expect(await repo.findByPaths(['/p/new.jpg'])).toEqual([]);
      expect((await repo.findById(a!.id))!.path).toBe('/p/a.jpg');
    });

    it('rejects a file referencing unknown content, and a write by an unknown id', async () => {
      const e1 = await repo.apply({ files: [aFileWrite({ contentHash: 'nope' })] }).catch((e: unknown) => e);
      expect(GlimpseError.is(e1, 'conflict')).toBe(true);
      const e2 = await repo
        .apply({ files: [aFileWrite({ id: '00000000-0000-4000-8000-000000000000' })] })
        .catch((e: unknown) => e);
      expect(GlimpseError.is(e2)).toBe(true);
      expect((await repo.stats(MODEL)).files).toBe(0);
    });

    it('releases contents only when no file references them: indexed ones are kept, others deleted and queued', async () => {
      await repo.apply({
        contents: [indexed('aa'), indexed('bb'), aContent({ hash: 'cc' })],
        files: [
          aFileWrite({ path: '/p/1.jpg', contentHash: 'aa' }),
          aFileWrite({ path: '/p/2.jpg', contentHash: 'aa' }),
          aFileWrite({ path: '/p/3.jpg', contentHash: 'bb' }),
          aFileWrite({ path: '/p/4.jpg', contentHash: 'cc' }),
        ],
      });
      const [one, , three, four] = await repo
        .findByPaths(['/p/1.jpg', '/p/2.jpg', '/p/3.jpg', '/p/4.jpg'])
        .then((fs) => fs.sort((a, b) => comparePaths(a.path, b.path)));
      const at = new Date('2026-03-01T10:00:00Z');
      let r = await repo.apply({
        deleteFiles: [one!.id, three!.id, four!.id],
        releaseContents: ['aa', 'bb', 'cc', 'unknown'],
        releasedAt: at,
      });
      expect(r.releasedContents).toEqual(['cc']); // pending: nothing worth keeping
      expect(r.retainedContents).toEqual(['bb']); // indexed: its vectors are kept for the grace period
      const kept = await repo.findContents(['aa', 'bb', 'cc']);
      expect(kept.map((c) => [c.hash, c.releasedAt?.toISOString() ?? null]).sort()).toEqual([
        ['aa', null],
        ['bb', at.toISOString()],
      ]);
      expect(await repo.pendingVectorDeletions(10)).toEqual(['cc']);
      expect(await repo.stats(MODEL)).toEqual({
        ...EMPTY_STATS,
        files: 1,
        contents: 1,
        indexedContents: 1,
        releasedContents: 1,
        releasedPoints: 1,
        oldestRelease: at,
      });
      expect(await repo.listContentsNeedingVectors('another-model', null, 10)).toEqual([indexed('aa')]);
      r = await repo.apply({ clearVectorDeletions: ['cc'] });
      expect(r.releasedContents).toEqual([]);
      expect(await repo.pendingVectorDeletions(10)).toEqual([]);
    });

    it('a file that links to a released content takes it back, keeping its vectors state', async () => {
      await repo.apply({ contents: [indexed('aa')], files: [aFileWrite({ path: '/p/1.jpg', contentHash: 'aa' })] });
      const [one] = await repo.findByPaths(['/p/1.jpg']);
      await repo.apply({ deleteFiles: [one!.id], releaseContents: ['aa'], releasedAt: new Date('2026-01-01') });
      expect((await repo.findContents(['aa']))[0]!.releasedAt).not.toBeNull();
      await repo.apply({ files: [aFileWrite({ path: '/q/1.jpg', contentHash: 'aa' })] });
      expect(await repo.findContents(['aa'])).toEqual([indexed('aa')]);
      expect((await repo.stats(MODEL)).releasedContents).toBe(0);
      // Releasing again keeps the first release time when it was never taken back; a new release gets a new time.
      const [back] = await repo.findByPaths(['/q/1.jpg']);
      await repo.apply({ deleteFiles: [back!.id], releaseContents: ['aa'], releasedAt: new Date('2026-02-01') });
      await repo.apply({ releaseContents: ['aa'], releasedAt: new Date('2026-03-01') });
      expect((await repo.findContents(['aa']))[0]!.releasedAt).toEqual(new Date('2026-02-01'));
    });

    it('drops contents released up to a time, in pages, and queues their vector deletion', async () => {
      const hashes = ['r1', 'r2', 'r3', 'r4'];
      await repo.apply({
        contents: hashes.map((h) => indexed(h)),
        files: hashes.map((h) => aFileWrite({ path: `/p/${h}.jpg`, contentHash: h })),
      });
      const rows = await repo.findByPaths(hashes.map((h) => `/p/${h}.jpg`));
      const idOf = (h: string) => rows.find((f) => f.contentHash === h)!.id;
      await repo.apply({
        deleteFiles: [idOf('r1'), idOf('r2')],
        releaseContents: ['r1', 'r2'],
        releasedAt: new Date(1000),
      });
      await repo.apply({ deleteFiles: [idOf('r3')], releaseContents: ['r3'], releasedAt: new Date(5000) });
      expect(await repo.listReleased(null, 10)).toEqual(['r1', 'r2', 'r3']);
      expect(await repo.listReleased('r1', 1)).toEqual(['r2']);
      expect(await repo.dropReleased(new Date(999), 10)).toEqual([]);
      expect(await repo.dropReleased(new Date(1000), 1)).toEqual(['r1']); // at the time given, too
      expect(await repo.dropReleased(new Date(2000), 10)).toEqual(['r2']);
      expect(await repo.dropReleased(new Date(2000), 10)).toEqual([]);
      expect(await repo.pendingVectorDeletions(10)).toEqual(['r1', 'r2']);
      expect((await repo.findContents(hashes)).map((c) => c.hash).sort()).toEqual(['r3', 'r4']);
      expect(await repo.dropReleased(new Date('2100-01-01'), 10)).toEqual(['r3']); // r4 is still held by a file
      expect(await repo.stats(MODEL)).toMatchObject({ contents: 1, indexedContents: 1, releasedContents: 0 });
    });

    it('re-pointing a file to new content releases the old one in the same batch', async () => {
      await repo.apply({ contents: [indexed('aa')], files: [aFileWrite({ path: '/p/1.jpg', contentHash: 'aa' })] });
      const r = await repo.apply({
        contents: [aContent({ hash: 'bb' })],
        files: [aFileWrite({ path: '/p/1.jpg', contentHash: 'bb' })],
        releaseContents: ['aa'],
      });
      expect(r.retainedContents).toEqual(['aa']);
      expect(r.releasedContents).toEqual([]);
      expect((await repo.findByPaths(['/p/1.jpg']))[0]!.contentHash).toBe('bb');
    });

    it('lists contents needing vectors for a model, with paging', async () => {
      await repo.apply({
        contents: [
          aContent({ hash: 'a1' }),
          indexed('a2'),
          indexed('a3', 'other-model'),
          { ...aContent({ hash: 'a4' }), status: 'failed', error: 'bad' },
          aContent({ hash: 'a5' }),
        ],
      });
      expect((await repo.listContentsNeedingVectors(MODEL, null, 10)).map((c) => c.hash)).toEqual(['a1', 'a3', 'a5']);
      expect((await repo.listContentsNeedingVectors(MODEL, 'a1', 1)).map((c) => c.hash)).toEqual(['a3']);
      expect((await repo.stats(MODEL)).indexedContents).toBe(1);
      expect(await repo.listContentHashes('a2', 2)).toEqual(['a3', 'a4']);
    });

    it('lists failed files with their reasons', async () => {
      await repo.apply({
        files: [
          aFileWrite({ path: '/p/ok.jpg' }),
          aFileWrite({ path: '/p/bad.jpg', status: 'failed', error: 'permission denied' }),
          aFileWrite({ path: '/p/a-bad.jpg', status: 'failed', error: 'truncated' }),
        ],
      });
      const failed = await repo.listFailed(10, 0);
      expect(failed.map((f) => [f.path, f.error])).toEqual([
        ['/p/a-bad.jpg', 'truncated'],
        ['/p/bad.jpg', 'permission denied'],
      ]);
      expect((await repo.listFailed(10, 1)).map((f) => f.path)).toEqual(['/p/bad.jpg']);
      expect((await repo.stats(MODEL)).failedFiles).toBe(2);
    });

    it('applies a repeated batch idempotently', async () => {
      const batch = { contents: [indexed('aa')], files: [aFileWrite({ path: '/p/a.jpg', contentHash: 'aa' })] };
      await repo.apply(batch);
      await repo.apply(batch);
      expect(await repo.stats(MODEL)).toEqual({ ...EMPTY_STATS, files: 1, contents: 1, indexedContents: 1 });
    });

    it('keeps what files say about their contents, lists the contents still to read, and finds by it', async () => {
      await repo.apply({
        contents: [indexed('aa'), indexed('bb'), indexed('cc'), { ...pendingContent('dd', 'image') }],
        files: ['aa', 'bb', 'cc', 'dd'].map((h) => aFileWrite({ path: `/p/${h}.jpg`, contentHash: h })),
      });
      expect((await repo.listContentsNeedingMetadata(null, 10)).map((c) => c.hash)).toEqual(['aa', 'bb', 'cc']);
      const paris: ContentMeta = {
        ...NO_METADATA,
        takenAt: new Date('2023-07-14T16:30:05Z'),
        takenAtOffsetMin: 120,
        takenAtSource: 'metadata',
        cameraMake: 'Canon',
        cameraModel: 'Canon EOS R6',
        lens: 'RF24-105mm F4 L IS USM',
        latitude: 48.858233,
        longitude: 2.3522,
        orientation: 6,
        place: { city: 'Paris', region: 'Île-de-France', country: 'France', countryCode: 'FR' },
      };
      const phone: ContentMeta = {
        ...NO_METADATA,
        takenAtSource: 'file-modified',
        cameraMake: 'Apple',
        cameraModel: 'iPhone 15 Pro',
        place: null,
      };
      await repo.writeMetadata([
        { hash: 'aa', meta: paris },
        { hash: 'bb', meta: phone },
        { hash: 'zz', meta: phone }, // no such content: ignored
      ]);
      const [a] = await repo.findContents(['aa']);
      expect(a).toEqual({ ...indexed('aa'), meta: paris });
      expect((await repo.findContents(['cc']))[0]).toEqual(indexed('cc')); // not read yet: no meta
      expect((await repo.listContentsNeedingMetadata(null, 10)).map((c) => c.hash)).toEqual(['cc']);
      expect((await repo.listContentsNeedingMetadata('cc', 10)).map((c) => c.hash)).toEqual([]);

      expect(await repo.contentsMatching({ camera: 'canon' }, 10)).toEqual(['aa']);
      expect(await repo.contentsMatching({ camera: 'IPHONE' }, 10)).toEqual(['bb']);
      expect(await repo.contentsMatching({ camera: 'apple' }, 10)).toEqual(['bb']);
      expect(await repo.contentsMatching({ lens: '24-105' }, 10)).toEqual(['aa']);
      expect(await repo.contentsMatching({ place: 'paris' }, 10)).toEqual(['aa']);
      expect(await repo.contentsMatching({ place: 'île-de' }, 10)).toEqual(['aa']);
      expect(await repo.contentsMatching({ place: 'FR' }, 10)).toEqual(['aa']);
      expect(await repo.contentsMatching({ place: 'fra' }, 10)).toEqual(['aa']);
      expect(await repo.contentsMatching({ place: 'Lisbon' }, 10)).toEqual([]);
      expect(await repo.contentsMatching({ camera: 'canon', place: 'paris' }, 10)).toEqual(['aa']);
      expect(await repo.contentsMatching({ camera: 'apple', place: 'paris' }, 10)).toEqual([]);
      expect(await repo.contentsMatching({ camera: '%' }, 10)).toEqual([]); // no wildcards
      expect(await repo.contentsMatching({ camera: 'n' }, 1)).toEqual(['aa']);

      expect(await repo.knownPlaces()).toEqual(['france', 'paris', 'île-de-france']);

      // Replaced, not merged; and gone with its content.
      await repo.writeMetadata([{ hash: 'aa', meta: { ...paris, lens: null } }]);
      expect(await repo.contentsMatching({ lens: '24-105' }, 10)).toEqual([]);
      await repo.apply({ deleteFiles: [(await repo.findByPaths(['/p/bb.jpg']))[0]!.id], releaseContents: ['bb'] });
      await repo.dropReleased(new Date(Date.now() + 60_000), 10);
      expect(await repo.contentsMatching({ camera: 'apple' }, 10)).toEqual([]);
      await repo.reset();
      expect(await repo.contentsMatching({ camera: 'canon' }, 10)).toEqual([]);
    });

    it('lists the library newest first, by month, only what is indexed for the model and held by a file', async () => {
      const at = (iso: string | null) => (iso ? new Date(iso) : null);
      const items: [string, string | null, 'image' | 'video'][] = [
        ['aa', '2024-07-14T18:30:00Z', 'image'],
        ['bb', '2024-07-01T00:00:00Z', 'video'],
        ['cc', '2023-12-31T23:59:59Z', 'image'],
        ['dd', null, 'image'],
        ['ee', '2024-07-14T18:30:00Z', 'image'], // the same moment as aa: by hash
      ];
      await repo.apply({
        contents: [
          ...items.map(([h, t, kind]) => ({ ...indexed(h), kind, takenAt: at(t) })),
          { ...indexed('ff', 'model-b'), takenAt: at('2025-01-01T00:00:00Z') }, // another model's
          { ...pendingContent('gg', 'image'), takenAt: at('2025-01-01T00:00:00Z') }, // not indexed yet
          { ...indexed('hh'), takenAt: at('2025-02-01T00:00:00Z') }, // held by a failed file only
        ],
        files: [
          ...items.map(([h]) => aFileWrite({ path: `/p/${h}.jpg`, contentHash: h })),
          aFileWrite({ path: '/p/ff.jpg', contentHash: 'ff' }),
          aFileWrite({ path: '/p/gg.jpg', contentHash: 'gg' }),
          aFileWrite({ path: '/p/hh.jpg', contentHash: 'hh', status: 'failed', error: 'x' }),
        ],
      });
      expect(await repo.browse(MODEL, { offset: 0, limit: 10 })).toEqual(['aa', 'ee', 'bb', 'cc', 'dd']);
      expect(await repo.browse(MODEL, { offset: 1, limit: 2 })).toEqual(['ee', 'bb']);
      expect(await repo.browse(MODEL, { offset: 0, limit: 10, before: new Date('2024-07-01T00:00:00Z') })).toEqual([
        'cc',
      ]);
      expect(await repo.browse(MODEL, { offset: 0, limit: 10, kind: 'video' })).toEqual(['bb']);
      expect(await repo.libraryMonths(MODEL)).toEqual([
        { month: '2024-07', count: 3 },
        { month: '2023-12', count: 1 },
        { month: null, count: 1 },
      ]);
      expect(await repo.libraryMonths(MODEL, 'image')).toEqual([
        { month: '2024-07', count: 2 },
        { month: '2023-12', count: 1 },
        { month: null, count: 1 },
      ]);
      // A released content is not in the library.
      await repo.apply({ deleteFiles: [(await repo.findByPaths(['/p/aa.jpg']))[0]!.id], releaseContents: ['aa'] });
      expect(await repo.browse(MODEL, { offset: 0, limit: 10 })).toEqual(['ee', 'bb', 'cc', 'dd']);
      expect(await repo.libraryMonths('model-none')).toEqual([]);
    });

    it('finds keyword candidates by the words of file names, folders, cameras and places, as prefixes', async () => {
      await repo.apply({
        contents: ['aa', 'bb', 'cc', 'dd'].map((h) => indexed(h)),
        files: [
          aFileWrite({ path: '/photos/Trip Lisbon 2023/IMG_2041.JPG', contentHash: 'aa' }),
          aFileWrite({ path: '/photos/Trip Lisbon 2023/IMG_2042.JPG', contentHash: 'bb' }),
          aFileWrite({ path: '/docs/Fête à São Paulo/Invoice-2024.png', contentHash: 'cc' }),
          aFileWrite({ path: '/photos/broken/IMG_2041.JPG', contentHash: 'dd', status: 'failed', error: 'x' }),
        ],
      });
      await repo.writeMetadata([
        {
          hash: 'bb',
          meta: { ...NO_METADATA, takenAtSource: 'metadata', cameraMake: 'Canon', cameraModel: 'EOS R6', place: null },
        },
      ]);
      const paths = async (words: string[]) => (await repo.keywordCandidates(words, 10)).files.map((f) => f.path);
      expect(await paths(['img', '2041'])).toEqual([
        '/photos/Trip Lisbon 2023/IMG_2041.JPG', // both words
        '/photos/Trip Lisbon 2023/IMG_2042.JPG',
      ]); // not the failed file
      expect(await paths(['lisb'])).toHaveLength(2); // a folder's word, as a prefix
      expect(await paths(['invoice'])).toEqual(['/docs/Fête à São Paulo/Invoice-2024.png']);
      expect(await paths(['fete', 'sao'])).toEqual(['/docs/Fête à São Paulo/Invoice-2024.png']); // accents folded
      expect(await paths(['nothing'])).toEqual([]);
      expect((await repo.keywordCandidates(['canon'], 10)).contents).toEqual(['bb']);
      expect((await repo.keywordCandidates(['eos'], 10)).contents).toEqual(['bb']);
      expect(await repo.keywordCandidates([], 10)).toEqual({ files: [], contents: [] });
      expect(await paths(['img'])).toHaveLength(2);
      expect((await repo.keywordCandidates(['img'], 1)).files).toHaveLength(1);
      // A move changes the words.
      const [moved] = await repo.findByPaths(['/docs/Fête à São Paulo/Invoice-2024.png']);
      await repo.apply({ files: [{ ...moved!, path: '/docs/receipts/Invoice-2024.png' }] });
      expect(await paths(['sao'])).toEqual([]);
      expect(await paths(['receipts'])).toEqual(['/docs/receipts/Invoice-2024.png']);
    });

    it('keeps the text read in pictures per content, lists those still to read, and finds by its words', async () => {
      const video = { ...indexed('vv'), kind: 'video' as const };
      await repo.apply({
        contents: [indexed('aa'), indexed('bb'), indexed('cc'), pendingContent('dd', 'image'), video],
        files: ['aa', 'bb', 'cc', 'dd', 'vv'].map((h) => aFileWrite({ path: `/p/${h}.jpg`, contentHash: h })),
      });
      const needing = async (reader: string, after: string | null = null) =>
        (await repo.listContentsNeedingText(reader, after, 10)).map((c) => c.hash);
      expect(await needing('ocr/1')).toEqual(['aa', 'bb', 'cc']); // not the pending one, not the video
      expect(await repo.countContentsNeedingText('ocr/1')).toBe(3);
      const line = (text: string, y = 0) => ({ text, confidence: 0.9, box: [10, y, 200, 40] as const });
      await repo.writeText([
        { hash: 'aa', reader: 'ocr/1', lines: [line('INVOICE2024'), line('TOTAL 42.50', 50)] },
        { hash: 'bb', reader: 'ocr/1', lines: [] },
        { hash: 'zz', reader: 'ocr/1', lines: [line('nobody')] }, // no such content: ignored
      ]);
      expect(await needing('ocr/1')).toEqual(['cc']);
      expect(await repo.countContentsNeedingText('ocr/1')).toBe(1);
      expect(await needing('ocr/1', 'cc')).toEqual([]);
      expect(await needing('ocr/2')).toEqual(['aa', 'bb', 'cc']); // another reader reads everything again
      expect((await repo.findContents(['aa']))[0]!.text).toBe('INVOICE2024\nTOTAL 42.50');
      expect((await repo.findContents(['bb']))[0]!.text).toBe('');
      expect((await repo.findContents(['cc']))[0]!.text).toBeUndefined();
      expect(await repo.textStats()).toEqual({ read: 2, withText: 1 });

      const contents = async (words: string[]) => (await repo.keywordCandidates(words, 10)).contents;
      expect(await contents(['invoice'])).toEqual(['aa']); // a part of a word run together
      expect(await contents(['2024'])).toEqual(['aa']);
      expect(await contents(['tot'])).toEqual(['aa']);
      expect(await contents(['nobody'])).toEqual([]);

      // A copy of the file holds the same content: nothing to read again.
      await repo.apply({ files: [aFileWrite({ path: '/q/copy.jpg', contentHash: 'aa' })] });
      expect(await needing('ocr/1')).toEqual(['cc']);
      // A failure is recorded too (not retried by the same reader), replaced by a later read.
      await repo.writeText([{ hash: 'cc', reader: 'ocr/1', lines: [], error: 'could not be decoded' }]);
      expect(await needing('ocr/1')).toEqual([]);
      await repo.writeText([{ hash: 'aa', reader: 'ocr/1', lines: [line('receipt')] }]);
      expect(await contents(['invoice'])).toEqual([]);
      expect(await contents(['receipt'])).toEqual(['aa']);
      // Gone with its content.
      for (const f of await repo.findByContent(['aa']))
        await repo.apply({ deleteFiles: [f.id], releaseContents: ['aa'] });
      await repo.dropReleased(new Date(Date.now() + 60_000), 10);
      expect(await contents(['receipt'])).toEqual([]);
      await repo.reset();
      expect(await repo.textStats()).toEqual({ read: 0, withText: 0 });
    });

    it('resets everything', async () => {
      await repo.apply({ contents: [indexed('aa')], files: [aFileWrite({ contentHash: 'aa' })] });
      await repo.apply({ contents: [indexed('bb')], releaseContents: ['bb'] });
      await repo.reset();
      await repo.reset();
      expect(await repo.stats(MODEL)).toEqual(EMPTY_STATS);
      expect(await repo.pendingVectorDeletions(10)).toEqual([]);
    });
  });
}
