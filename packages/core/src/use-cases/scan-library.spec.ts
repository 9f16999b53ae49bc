import { cp, mkdir, rename, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import type { Embedder, ImageEmbedding, ImageInput, Outcome } from '../ports/embedder.js';
import type { MediaSource } from '../ports/media-source.js';
import type { ScanProgress } from '../domain/scan-report.js';
import { aPoint, FakeEmbedder, InMemoryVectorStore } from '../testing/index.js';
import { TempLibrary } from './scan-library.fixture.js';

let lib: TempLibrary;
afterEach(async () => {
  await lib?.close();
});

/** A media source that records every file it opens. */
function recordingReads(log: string[]) {
  return (inner: MediaSource): MediaSource => ({
    probeRoot: (r) => inner.probeRoot(r),
    walk: (scope, root, s) => inner.walk(scope, root, s),
    stat: (p) => inner.stat(p),
    read: (p, s) => {
      log.push(p);
      return inner.read(p, s);
    },
  });
}

describe('first scan', () => {
  beforeEach(async () => {
    lib = await TempLibrary.create();
    await lib.write('2023/beach.jpg', 'dog beach sunset');
    await lib.write('2023/deep/er/cat.PNG', 'cat sofa');
    await lib.write('copy-of-beach.jpg', 'dog beach sunset');
    await lib.write('party.mp4', 'candles 3\ncake arrives 3\ndancing 3');
    await lib.write('notes.txt', 'not media');
  });

  it('counts every in-scope file new and embeds each distinct content once', async () => {
    const report = await lib.scan();
    expect(report.counts).toMatchObject({
      seen: 4,
      new: 4,
      unchanged: 0,
      modified: 0,
      moved: 0,
      deleted: 0,
      embedded: 3,
      failed: 0,
      skipped: 1,
      hashed: 4,
    });
    expect(lib.embedder.embedded.filter((p) => !p.startsWith('<'))).toHaveLength(2); // two distinct images; the copy is linked
    expect(await lib.vectors.count()).toEqual({ points: 2 + 3, contents: 3 });
    expect(report.offlineRoots).toEqual([]);
    expect(report.durationMs).toBeGreaterThanOrEqual(0);
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('reports progress through the phases', async () => {
    const phases: ScanProgress['phase'][] = [];
    await lib.scan({ onProgress: (p) => phases.push(p.phase) });
    expect(phases).toContain('walking');
    expect(phases).toContain('hashing');
    expect(phases).toContain('embedding');
    expect(phases[phases.length - 1]).toBe('done');
  });

  it('says how many of the contents found so far the embedding phase has been through', async () => {
    const seen: { done: number; total: number | null }[] = [];
    const report = await lib.scan({ onProgress: (p) => p.phase === 'embedding' && seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) {
      expect(p.total).not.toBeNull();
      expect(p.done).toBeLessThanOrEqual(p.total!);
    }
    const last = seen[seen.length - 1]!;
    expect(last.done).toBe(last.total);
    expect(last.total).toBe(report.counts.embedded + report.counts.failed);
  });

  it('finds a video with its moment', async () => {
    await lib.scan();
    const [hit] = await lib.search().byText('cake arrives', { kind: 'video' });
    expect(hit!.path).toBe(lib.path('party.mp4'));
    expect(hit!.segments[0]).toMatchObject({ startSec: 3, endSec: 6 });
  });
});

describe('rescans', () => {
  beforeEach(async () => {
    lib = await TempLibrary.create();
    await lib.write('a/red.jpg', 'red apple');
    await lib.write('a/blue.jpg', 'blue sky');
    await lib.write('b/green.jpg', 'green field');
    await lib.scan();
    lib.hasher.calls = 0;
    lib.embedder.embedded.length = 0;
  });

  it('with nothing changed: hashes nothing, embeds nothing, writes nothing', async () => {
    const writes: string[] = [];
    const files = lib.files;
    const apply = files.apply.bind(files);
    files.apply = async (b) => {
      writes.push(JSON.stringify(Object.keys(b)));
      return apply(b);
    };
    const report = await lib.scan();
    expect(report.counts).toMatchObject({
      seen: 3,
      unchanged: 3,
      new: 0,
      modified: 0,
      moved: 0,
      deleted: 0,
      embedded: 0,
      hashed: 0,
    });
    expect(lib.hasher.calls).toBe(0);
    expect(lib.embedder.embedded).toEqual([]);
    expect(writes).toEqual([]);
  });

  it('content changed: re-embedded once; the old vectors are hidden, then gone after the grace period', async () => {
    const [old] = await lib.files.findByPaths([lib.path('a/red.jpg')]);
    await lib.write('a/red.jpg', 'yellow banana');
    const report = await lib.scan();
    expect(report.counts).toMatchObject({ modified: 1, embedded: 1, hashed: 1, unchanged: 2, released: 1 });
    expect(lib.embedder.embedded).toEqual([lib.path('a/red.jpg')]);
    const [hit] = await lib.search().byText('yellow banana');
    expect(hit!.path).toBe(lib.path('a/red.jpg'));
    expect((await lib.search().byText('red apple')).map((r) => r.contentHash)).not.toContain(old!.contentHash);
    expect(await lib.consistencyProblems()).toEqual([]);
    lib.advanceClock(lib.graceMs + 1);
    expect((await lib.scan()).counts).toMatchObject({ swept: 1, embedded: 0 });
    expect(await lib.vectors.hasContents([old!.contentHash!])).toEqual(new Set());
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('touch only: hashed, not re-embedded', async () => {
    await lib.touch('a/red.jpg');
    const report = await lib.scan();
    expect(report.counts).toMatchObject({ hashed: 1, embedded: 0, unchanged: 3, modified: 0 });
    expect(lib.embedder.embedded).toEqual([]);
    lib.hasher.calls = 0;
    expect((await lib.scan()).counts.hashed).toBe(0); // the new mtime was recorded
  });

  it('move and rename into another folder: nothing embedded, counted moved, id kept, search finds the new path', async () => {
    const [before] = await lib.files.findByPaths([lib.path('a/red.jpg')]);
    await mkdir(lib.path('c/sub'), { recursive: true });
    await rename(lib.path('a/red.jpg'), lib.path('c/sub/renamed.jpg'));
    await rename(lib.path('a/blue.jpg'), lib.path('a/blue-renamed.jpg'));
    const report = await lib.scan();
    expect(report.counts).toMatchObject({ moved: 2, new: 0, deleted: 0, embedded: 0 });
    expect(lib.embedder.embedded).toEqual([]);
    const [after] = await lib.files.findByPaths([lib.path('c/sub/renamed.jpg')]);
    expect(after!.id).toBe(before!.id);
    const [hit] = await lib.search().byText('red apple');
    expect(hit!.path).toBe(lib.path('c/sub/renamed.jpg'));
    expect(hit!.id).toBe(before!.id);
    expect((await lib.search().byText('red apple', { folder: lib.path('c') }))[0]!.path).toBe(
      lib.path('c/sub/renamed.jpg'),
    );
    expect(
      await lib
        .search()
        .byText('red apple', { folder: lib.path('a') })
        .then((r) => r.map((x) => x.path)),
    ).not.toContain(lib.path('c/sub/renamed.jpg'));
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('copy: embedded once; deleting one copy keeps the vectors; deleting both removes them', async () => {
    await cp(lib.path('a/red.jpg'), lib.path('b/red-copy.jpg'));
    let report = await lib.scan();
    expect(report.counts).toMatchObject({ new: 1, embedded: 0 });
    const [f] = await lib.files.findByPaths([lib.path('b/red-copy.jpg')]);
    const hash = f!.contentHash!;
    const hit = (await lib.search().byText('red apple'))[0]!;
    expect(hit.paths).toEqual([lib.path('a/red.jpg'), lib.path('b/red-copy.jpg')]);

    await lib.remove('a/red.jpg');
    report = await lib.scan();
    expect(report.counts).toMatchObject({ deleted: 1, embedded: 0 });
    expect(await lib.vectors.hasContents([hash])).toEqual(new Set([hash]));
    expect((await lib.search().byText('red apple', { ranking: 'meaning' }))[0]!.path).toBe(lib.path('b/red-copy.jpg'));

    await lib.remove('b/red-copy.jpg');
    report = await lib.scan();
    expect(report.counts).toMatchObject({ deleted: 1, released: 1 });
    expect((await lib.search().byText('red apple')).map((r) => r.contentHash)).not.toContain(hash);
    lib.advanceClock(lib.graceMs + 1);
    expect((await lib.scan()).counts.swept).toBe(1);
    expect(await lib.vectors.hasContents([hash])).toEqual(new Set());
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('delete: counted deleted, gone from search at once, vectors removed after the grace period', async () => {
    const [f] = await lib.files.findByPaths([lib.path('b/green.jpg')]);
    await lib.remove('b');
    const report = await lib.scan();
    expect(report.counts).toMatchObject({ deleted: 1, seen: 2, released: 1, swept: 0 });
    expect((await lib.search().byText('green field')).map((r) => r.contentHash)).not.toContain(f!.contentHash);
    expect(await lib.files.stats(lib.vectors.modelId)).toMatchObject({ contents: 2, releasedContents: 1 });
    lib.advanceClock(lib.graceMs - 60_000); // not yet
    expect((await lib.scan()).counts.swept).toBe(0);
    lib.advanceClock(120_000);
    expect((await lib.scan()).counts.swept).toBe(1);
    expect(await lib.vectors.hasContents([f!.contentHash!])).toEqual(new Set());
    expect(await lib.vectors.count()).toEqual({ points: 2, contents: 2 });
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it("a swap of two files' contents is two modifications and embeds nothing", async () => {
    await rename(lib.path('a/red.jpg'), lib.path('tmp.jpg'));
    await rename(lib.path('a/blue.jpg'), lib.path('a/red.jpg'));
    await rename(lib.path('tmp.jpg'), lib.path('a/blue.jpg'));
    await lib.touch('a/red.jpg');
    await lib.touch('a/blue.jpg');
    const report = await lib.scan();
    expect(report.counts).toMatchObject({ modified: 2, embedded: 0 });
    expect((await lib.search().byText('red apple', { ranking: 'meaning' }))[0]!.path).toBe(lib.path('a/blue.jpg'));
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('a model switch re-embeds everything for the new model', async () => {
    const embedder = new FakeEmbedder(lib.source, { modelId: 'fake-words-v2', dimension: 16 });
    const vectors = new InMemoryVectorStore(embedder.modelId, embedder.dimension);
    const report = await lib.scanner({ embedder, vectors }).run(lib.scope());
    expect(report.counts).toMatchObject({ embedded: 3, hashed: 0, unchanged: 3 });
    expect(await vectors.count()).toEqual({ points: 3, contents: 3 });
    expect((await lib.files.stats('fake-words-v2')).indexedContents).toBe(3);
  });

  it('finds and removes orphan vectors, and re-embeds indexed contents whose vectors went missing', async () => {
    const [vector] = await lib.embedder.embedTexts(['something long gone']);
    await lib.vectors.upsert([aPoint({ contentHash: 'orphan', vector: vector! })]);
    let report = await lib.scan();
    expect(report.orphansRemoved).toBe(1);
    expect(await lib.vectors.hasContents(['orphan'])).toEqual(new Set());

    const [f] = await lib.files.findByPaths([lib.path('b/green.jpg')]);
    await lib.vectors.deleteContents([f!.contentHash!]); // e.g. a vector database restored from an old backup
    report = await lib.scan();
    expect(report.counts).toMatchObject({ embedded: 1, hashed: 0 });
    expect(lib.embedder.embedded).toEqual([lib.path('b/green.jpg')]);
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it("checks the stores against each other on an instance's first run and after an interrupted one, not on every rescan", async () => {
    const scanner = lib.scanner();
    await scanner.run(lib.scope());
    const [vector] = await lib.embedder.embedTexts(['stray']);
    await lib.vectors.upsert([aPoint({ contentHash: 'stray', vector: vector! })]);
    expect((await scanner.run(lib.scope())).orphansRemoved).toBe(0); // a quiet rescan stays cheap
    const ac = new AbortController();
    ac.abort();
    await expect(scanner.run(lib.scope(), { signal: ac.signal })).rejects.toThrow(/cancelled/);
    expect((await scanner.run(lib.scope())).orphansRemoved).toBe(1);
  });

  it('reindex hashes every file and embeds every content once again', async () => {
    const report = await lib.scan({ mode: 'reindex' });
    expect(report.counts).toMatchObject({ hashed: 3, embedded: 3, unchanged: 3 });
    expect(lib.embedder.embedded).toHaveLength(3);
    expect(await lib.consistencyProblems()).toEqual([]);
  });
});

describe('scope', () => {
  beforeEach(async () => {
    lib = await TempLibrary.create();
  });

  it('applies roots, globs, extensions (any case), hidden entries and size limits, and never opens what is out of scope', async () => {
    const reads: string[] = [];
    await lib.close();
    lib = await TempLibrary.create(recordingReads(reads));
    await lib.write('keep/a.jpg', 'a');
    await lib.write('keep/B.JPEG', 'b');
    await lib.write('keep/c.Mp4', 'c 2');
    await lib.write('keep/notes.txt', 'x');
    await lib.write('keep/raw.xyz', 'x');
    await lib.write('.hidden/in-hidden-folder.jpg', 'x');
    await lib.write('keep/.hidden.jpg', 'x');
    await lib.write('node_modules/pkg/logo.png', 'x');
    await lib.write('keep/drafts/draft.jpg', 'x');
    await lib.write('keep/big.jpg', 'x'.repeat(5000));
    const report = await lib.scan({
      scope: lib.scope({ exclude: ['**/node_modules/**', '**/drafts'], maxFileSize: 1000 }),
    });
    const indexed = (await lib.files.list({}, 100)).map((f) => f.path);
    expect(indexed).toEqual([lib.path('keep/B.JPEG'), lib.path('keep/a.jpg'), lib.path('keep/c.Mp4')]);
    expect([...new Set(reads)].sort()).toEqual([...indexed].sort());
    expect(report.counts.skipped).toBe(4); // notes.txt, raw.xyz, .hidden.jpg, big.jpg
    expect(report.errors.some((e) => e.path === lib.path('keep/big.jpg') && /size limit/.test(e.reason))).toBe(true);
  });

  it('include globs keep only matching files', async () => {
    await lib.write('2023/a.jpg', 'a');
    await lib.write('2024/b.jpg', 'b');
    await lib.scan({ scope: lib.scope({ include: ['2024/**'] }) });
    expect((await lib.files.list({}, 10)).map((f) => f.path)).toEqual([lib.path('2024/b.jpg')]);
  });

  it('hidden files are indexed when asked for', async () => {
    await lib.write('.trip/a.jpg', 'a');
    await lib.scan({ scope: lib.scope({ includeHidden: true }) });
    expect((await lib.files.list({}, 10)).map((f) => f.path)).toEqual([lib.path('.trip/a.jpg')]);
  });

  it('a pathological exclude glob scans in bounded time (no exponential backtracking)', async () => {
    await lib.write(`${'a'.repeat(36)}.jpg`, 'red apple');
    await lib.write(`${'a'.repeat(30)}b.jpg`, 'blue sky');
    const t0 = performance.now();
    const report = await lib.scan({ scope: lib.scope({ exclude: [`**/${'*a'.repeat(25)}*b.jpg`] }) });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(report.counts).toMatchObject({ new: 1, skipped: 1 });
  });

  it('narrowing the scope removes what is now outside it', async () => {
    await lib.write('2023/a.jpg', 'a');
    await lib.write('2024/b.jpg', 'b');
    await lib.write('2024/c.mov', 'c 2');
    await lib.scan();
    let report = await lib.scan({ scope: lib.scope({ extensions: { image: ['jpg'], video: [] } }) });
    expect(report.counts).toMatchObject({ deleted: 1, embedded: 0 });
    report = await lib.scan({
      scope: lib.scope({ roots: [lib.path('2024')], extensions: { image: ['jpg'], video: [] } }),
    });
    expect(report.counts).toMatchObject({ deleted: 1, unchanged: 1 });
    expect((await lib.files.list({}, 10)).map((f) => f.path)).toEqual([lib.path('2024/b.jpg')]);
    const all = await lib.vectors.search({ vector: (await lib.embedder.embedTexts(['a']))[0]!, limit: 10 });
    expect(all).toHaveLength(1); // the others are released: hidden, their vectors kept for the grace period
    expect((await lib.files.stats(lib.vectors.modelId)).releasedContents).toBe(2);
  });

  it('a missing root is offline and its entries are kept', async () => {
    await lib.write('a.jpg', 'a');
    await lib.scan();
    await rename(lib.root, `${lib.root}-unplugged`);
    const report = await lib.scan();
    expect(report.offlineRoots).toEqual([lib.root]);
    expect(report.counts.deleted).toBe(0);
    expect((await lib.files.stats(lib.vectors.modelId)).files).toBe(1);
    expect(await lib.vectors.count()).toEqual({ points: 1, contents: 1 });
  });

  it("an empty root while the index holds files under it is offline (an unmounted disk's mount point)", async () => {
    await lib.write('a.jpg', 'a');
    await lib.scan();
    await lib.remove('a.jpg');
    const report = await lib.scan();
    expect(report.offlineRoots).toEqual([lib.root]);
    expect(report.counts.deleted).toBe(0);
    await lib.write('b.jpg', 'b'); // the disk is back with a change: a normal scan again
    expect((await lib.scan()).counts).toMatchObject({ deleted: 1, new: 1 });
  });

  it('an unreadable root is offline, and an unreadable sub-folder keeps its entries', async () => {
    await lib.write('a/1.jpg', '1');
    await lib.write('b/2.jpg', '2');
    await lib.scan();
    const broken = (inner: MediaSource): MediaSource => ({
      ...inner,
      probeRoot: async () => 'unreadable',
      walk: (scope, root, s) => inner.walk(scope, root, s),
      stat: (p) => inner.stat(p),
      read: (p, s) => inner.read(p, s),
    });
    const report = await lib.scanner({ source: broken(lib.source) }).run(lib.scope());
    expect(report.offlineRoots).toEqual([lib.root]);
    expect((await lib.files.stats(lib.vectors.modelId)).files).toBe(2);

    const hideA = (inner: MediaSource): MediaSource => ({
      probeRoot: (r) => inner.probeRoot(r),
      stat: (p) => inner.stat(p),
      read: (p, s) => inner.read(p, s),
      async *walk(scope, root, s) {
        for await (const b of inner.walk(scope, root, s)) {
          const entries = b.entries.flatMap((e) =>
            e.path.startsWith(lib.path('a/'))
              ? e.path === lib.path('a/1.jpg')
                ? [{ type: 'unreadable' as const, path: lib.path('a'), reason: 'permission denied' }]
                : []
              : [e],
          );
          yield { ...b, entries };
        }
      },
    });
    const r2 = await lib.scanner({ source: hideA(lib.source) }).run(lib.scope());
    expect(r2.counts.deleted).toBe(0);
    expect(r2.errors.some((e) => e.path === lib.path('a') && /kept/.test(e.reason))).toBe(true);
    expect((await lib.files.stats(lib.vectors.modelId)).files).toBe(2);
  });
});

describe('vectors outlive a mistake (the grace period of released contents)', () => {
  beforeEach(async () => {
    lib = await TempLibrary.create();
    await lib.write('trip/beach.jpg', 'dog beach sunset');
    await lib.write('trip/clip.mp4', 'waves 2\nsurfer 2');
    await lib.write('home/cat.jpg', 'cat sofa');
    await lib.scan();
    lib.embedder.embedded.length = 0;
  });

  it('a folder removed from the scope and added back within the grace period is linked, not embedded', async () => {
    const trip = lib.path('trip');
    const home = lib.path('home');
    let report = await lib.scan({ scope: lib.scope({ roots: [home] }) });
    expect(report.counts).toMatchObject({ deleted: 2, released: 2, embedded: 0 });
    expect((await lib.search().byText('dog beach sunset')).map((r) => r.path)).toEqual([lib.path('home/cat.jpg')]);
    expect(await lib.consistencyProblems()).toEqual([]);

    lib.advanceClock(29 * 24 * 3600 * 1000);
    lib.hasher.calls = 0;
    report = await lib.scan({ scope: lib.scope({ roots: [home, trip] }) });
    expect(report.counts).toMatchObject({ new: 2, restored: 2, embedded: 0, hashed: 2, swept: 0 });
    expect(lib.embedder.embedded).toEqual([]);
    const [hit] = await lib.search().byText('dog beach sunset');
    expect(hit!.path).toBe(lib.path('trip/beach.jpg'));
    const [video] = await lib.search().byText('surfer', { kind: 'video' });
    expect(video!.segments[0]!.startSec).toBe(2);
    expect(await lib.files.stats(lib.vectors.modelId)).toMatchObject({ contents: 3, releasedContents: 0 });
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('files restored from a backup after being deleted are linked, not embedded', async () => {
    await lib.remove('trip');
    expect((await lib.scan()).counts).toMatchObject({ deleted: 2, released: 2 });
    await lib.write('restored/beach.jpg', 'dog beach sunset');
    const report = await lib.scan();
    expect(report.counts).toMatchObject({ new: 1, restored: 1, embedded: 0 });
    expect((await lib.search().byText('dog beach sunset'))[0]!.path).toBe(lib.path('restored/beach.jpg'));
    expect(await lib.files.stats(lib.vectors.modelId)).toMatchObject({ releasedContents: 1, releasedPoints: 2 });
  });

  it('after the grace period the vectors are gone, and a file that comes back is embedded again', async () => {
    await lib.remove('trip');
    await lib.scan();
    lib.advanceClock(lib.graceMs + 1);
    expect((await lib.scan()).counts).toMatchObject({ swept: 2 });
    expect(await lib.vectors.count()).toEqual({ points: 1, contents: 1 });
    await lib.write('trip/beach.jpg', 'dog beach sunset');
    expect((await lib.scan()).counts).toMatchObject({ new: 1, restored: 0, embedded: 1 });
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('a grace period of 0 drops the vectors in the same scan', async () => {
    lib.graceMs = 0;
    await lib.remove('trip');
    expect((await lib.scan()).counts).toMatchObject({ deleted: 2, released: 2, swept: 2 });
    expect(await lib.vectors.count()).toEqual({ points: 1, contents: 1 });
    expect(await lib.files.stats(lib.vectors.modelId)).toMatchObject({ releasedContents: 0 });
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('a reindex re-embeds what comes back from a released content', async () => {
    await lib.remove('home');
    await lib.scan();
    await lib.write('home/cat.jpg', 'cat sofa');
    const report = await lib.scan({ mode: 'reindex' });
    expect(report.counts).toMatchObject({ restored: 1, embedded: 3 });
    expect(await lib.consistencyProblems()).toEqual([]);
  });
});

describe('failures', () => {
  beforeEach(async () => {
    lib = await TempLibrary.create();
  });

  it('a file that cannot be read is recorded failed with the reason, the scan goes on, and it is retried only when it changes', async () => {
    const broken = new Set<string>();
    await lib.close();
    lib = await TempLibrary.create((inner) => ({
      probeRoot: (r) => inner.probeRoot(r),
      walk: (scope, root, s) => inner.walk(scope, root, s),
      stat: (p) => inner.stat(p),
      read: (p, s) => {
        if (!broken.has(p)) return inner.read(p, s);
        return (async function* () {
          yield* [];
          throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
        })();
      },
    }));
    await lib.write('ok.jpg', 'fine');
    const bad = await lib.write('bad.jpg', 'unlucky sector');
    broken.add(bad);
    let report = await lib.scan();
    expect(report.counts).toMatchObject({ failed: 1, new: 1, embedded: 1 });
    expect(report.errors).toEqual([
      { path: bad, reason: expect.stringMatching(/could not read the file: EIO/) as unknown as string },
    ]);
    expect((await lib.files.listFailed(10, 0)).map((f) => [f.path, f.status])).toEqual([[bad, 'failed']]);

    lib.hasher.calls = 0;
    report = await lib.scan();
    expect(report.counts).toMatchObject({ failed: 0, unchanged: 2 });
    expect(lib.hasher.calls).toBe(0);

    broken.clear();
    await lib.touch('bad.jpg');
    report = await lib.scan();
    expect(report.counts).toMatchObject({ failed: 0, modified: 1, embedded: 1 });
    expect(await lib.files.listFailed(10, 0)).toEqual([]);
  });

  it('corrupt media is recorded failed; retried on change or on a full reindex, not on every scan', async () => {
    await lib.write('bad.jpg', 'CORRUPT bytes');
    await lib.write('good.jpg', 'good');
    let report = await lib.scan();
    expect(report.counts).toMatchObject({ failed: 1, embedded: 1 });
    expect(report.errors[0]).toMatchObject({
      path: lib.path('bad.jpg'),
      reason: expect.stringMatching(/corrupt/) as unknown as string,
    });
    lib.embedder.embedded.length = 0;
    report = await lib.scan();
    expect(report.counts.failed).toBe(0);
    expect(lib.embedder.embedded).toEqual([]);
    await lib.touch('bad.jpg');
    report = await lib.scan();
    expect(lib.embedder.embedded).toEqual([lib.path('bad.jpg')]);
    expect(report.counts.failed).toBe(1);
    lib.embedder.embedded.length = 0;
    await lib.scan({ mode: 'reindex' });
    expect(lib.embedder.embedded.sort()).toEqual([lib.path('bad.jpg'), lib.path('good.jpg')]);
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('videos without a video stream, or unparsable, fail with a reason and the scan goes on', async () => {
    await lib.write('voice.mp4', 'AUDIO only');
    await lib.write('broken.mov', 'this is not a video');
    await lib.write('ok.mp4', 'sea 4');
    const report = await lib.scan();
    expect(report.counts).toMatchObject({ failed: 2, embedded: 1 });
    const reasons = Object.fromEntries(report.errors.map((e) => [e.path, e.reason]));
    expect(reasons[lib.path('voice.mp4')]).toMatch(/no video stream/);
    expect(reasons[lib.path('broken.mov')]).toMatch(/not a video/);
  });

  it('a file that changes while it is hashed is not indexed with a stale hash', async () => {
    let sabotage: string | null = null;
    await lib.close();
    lib = await TempLibrary.create((inner) => ({
      probeRoot: (r) => inner.probeRoot(r),
      walk: (scope, root, s) => inner.walk(scope, root, s),
      stat: (p) => inner.stat(p),
      read: (p, s) => {
        if (p !== sabotage) return inner.read(p, s);
        return (async function* () {
          yield* inner.read(p, s);
          await writeFile(p, 'rewritten while reading'); // another program saves the file meanwhile
        })();
      },
    }));
    const p = await lib.write('live.jpg', 'first version');
    sabotage = p;
    let report = await lib.scan();
    expect(report.counts).toMatchObject({ deferred: 1, new: 0, embedded: 0 });
    expect(await lib.files.findByPaths([p])).toEqual([]);
    sabotage = null;
    report = await lib.scan();
    expect(report.counts).toMatchObject({ new: 1, embedded: 1 });
    expect((await lib.search().byText('rewritten while reading'))[0]!.path).toBe(p);
  });

  it('a cancelled scan throws "cancelled" and leaves a consistent index that the next scan completes', async () => {
    for (let i = 0; i < 30; i++) await lib.write(`f${i}.jpg`, `photo number ${i}`);
    const ac = new AbortController();
    const err = await lib
      .scan({ signal: ac.signal, onProgress: (p) => p.phase === 'embedding' && ac.abort() })
      .catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'cancelled')).toBe(true);
    expect(await lib.consistencyProblems()).toEqual([]);
    const before = lib.embedder.embedded.length;
    expect(before).toBeLessThan(30);
    await lib.scan();
    expect((await lib.vectors.count()).contents).toBe(30);
    expect(new Set(lib.embedder.embedded).size).toBe(lib.embedder.embedded.length); // nothing embedded twice
    expect(await lib.consistencyProblems()).toEqual([]);
  });

  it('stops within a second of a cancel, in the middle of hashing slow files and in the middle of embedding', async () => {
    for (let i = 0; i < 8; i++) await lib.write(`slow${i}.jpg`, `picture ${i} `.repeat(20_000));
    // A disk that gives 4 KB every 20 ms (a sleeping USB drive, a network share): each file takes seconds.
    const slow = (inner: MediaSource): MediaSource => ({
      probeRoot: (r) => inner.probeRoot(r),
      walk: (scope, root, sig) => inner.walk(scope, root, sig),
      stat: (p) => inner.stat(p),
      async *read(p, sig) {
        for await (const chunk of inner.read(p, sig)) {
          for (let o = 0; o < chunk.length; o += 4096) {
            await new Promise((r) => setTimeout(r, 20));
            if (sig?.aborted) throw sig.reason;
            yield chunk.subarray(o, o + 4096);
          }
        }
      },
    });
    const ac = new AbortController();
    const scanner = lib.scanner({ source: slow(lib.source) });
    const started = scanner.run(lib.scope(), { signal: ac.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    ac.abort();
    expect(GlimpseError.is(await started, 'cancelled')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);

    // An embedder that takes 5 s a batch unless told to stop.
    const patient: Embedder = Object.create(lib.embedder) as Embedder;
    patient.embedImages = (inputs: readonly ImageInput[], sig?: AbortSignal) =>
      new Promise<Outcome<ImageEmbedding>[]>((resolve, reject) => {
        const timer = setTimeout(() => resolve(lib.embedder.embedImages(inputs)), 5000);
        sig?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(sig.reason);
        });
      });
    const ac2 = new AbortController();
    const second = lib
      .scanner({ embedder: patient })
      .run(lib.scope(), {
        signal: ac2.signal,
        onProgress: (p) => p.phase === 'hashing' && p.done > 0 && setTimeout(() => ac2.abort(), 100),
      })
      .catch((e: unknown) => e);
    const t1 = performance.now();
    const err = await second;
    expect(GlimpseError.is(err, 'cancelled')).toBe(true);
    expect(performance.now() - t1).toBeLessThan(1000); // cancelled 100 ms into embedding, not after the 5 s batch
    expect(await lib.consistencyProblems()).toEqual([]);
  });
});
