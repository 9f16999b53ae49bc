import { mkdir, mkdtemp, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { comparePaths } from '../domain/paths.js';
import { makeScope } from '../domain/scope.js';
import { generateLibrary } from '../../../../bench/library-generator.js';
import type { WalkEntry } from '../ports/media-source.js';
import { NodeCryptoHasher } from './node-crypto-hasher.js';
import { NodeMediaSource } from './node-media-source.js';

const isRoot = process.getuid?.() === 0;
if (isRoot)
  console.info('skipping the real permission-denied walk: it needs a non-root user (root may read any folder)');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-src-'));
});
afterEach(async () => {
  await chmod(join(dir, 'locked'), 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function walkAll(
  root: string,
  batchSize = 3,
  walker: 'worker' | 'thread' = 'thread',
  { statThreads, maxFileSize }: { statThreads?: 1 | 2; maxFileSize?: number } = {},
): Promise<{ entries: WalkEntry[]; skipped: number; links: number; unsupported: number; notes: string[] }> {
  await using src = new NodeMediaSource({ batchSize, walker, ...(statThreads ? { statThreads } : {}) });
  const entries: WalkEntry[] = [];
  const notes: string[] = [];
  let skipped = 0;
  let links = 0;
  let unsupported = 0;
  for await (const b of src.walk(makeScope({ roots: [root], maxFileSize: maxFileSize ?? null }), root)) {
    entries.push(...b.entries);
    skipped += b.skipped;
    links += b.links ?? 0;
    unsupported += b.unsupported ?? 0;
    notes.push(...b.notes.map((n) => `${n.path.slice(root.length + 1)}: ${n.reason}`));
  }
  return { entries, skipped, links, unsupported, notes };
}

describe('NodeMediaSource', () => {
  it('walks in code point order of full paths, with sizes and nanosecond mtimes', async () => {
    const names = ['a.jpg', 'a/x.jpg', 'a-b.jpg', 'B.jpg', 'é.jpg', '😀/z.jpg', 'a/b/c/d.png', 'z.mp4'];
    for (const n of names) {
      await mkdir(join(dir, n, '..'), { recursive: true });
      await writeFile(join(dir, n), n);
    }
    const { entries } = await walkAll(dir);
    const paths = entries.map((e) => e.path);
    expect(paths).toEqual(names.map((n) => join(dir, n)).sort(comparePaths));
    const first = entries[0]!;
    expect(
      first.type === 'file' &&
        first.size ===
          Buffer.byteLength(
            names
              .map((n) => join(dir, n))
              .sort(comparePaths)[0]!
              .slice(dir.length + 1),
          ),
    ).toBe(true);
    expect(first.type === 'file' && typeof first.mtimeNs).toBe('bigint');
  });

  it('does not follow symbolic links, and counts them, unread pictures and non-media files as skipped', async () => {
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'a.jpg'), 'a');
    await writeFile(join(dir, 'readme.txt'), 'x');
    await writeFile(join(dir, 'IMG_0001.X3F'), 'raw'); // a RAW format Glimpse does not read
    await symlink(join(dir, 'real'), join(dir, 'link'));
    await symlink(join(dir, 'real', 'a.jpg'), join(dir, 'alias.jpg'));
    const walked = await walkAll(dir);
    expect(walked.entries.map((e) => e.path)).toEqual([join(dir, 'real', 'a.jpg')]);
    expect(walked).toMatchObject({ skipped: 4, links: 2, unsupported: 1 });
    expect(walked.notes).toEqual([
      'link: skipped: a linked folder (links are not followed); add the folder it points to, to index it',
    ]);
  });

  it('reports a name that is not valid UTF-8, with its bytes, instead of missing it', async () => {
    await writeFile(
      Buffer.from(
        `${dir}/bad\xff\xfe.jpg`.replace(/\\x(..)/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ),
      'x',
    );
    await writeFile(join(dir, 'good.jpg'), 'y');
    const walked = await walkAll(dir);
    expect(walked.entries.map((e) => e.path)).toEqual([join(dir, 'good.jpg')]);
    expect(walked.skipped).toBe(1);
    expect(walked.notes).toEqual([
      'bad\\xff\\xfe.jpg: skipped: its name is not valid UTF-8 (shown here with its bytes escaped), so no program can be sure to open it by name; rename it to have it indexed',
    ]);
  });

  it('walks the same in a worker thread as on the calling thread', async () => {
    generateLibrary(join(dir, 'lib'), 1500, 3);
    await mkdir(join(dir, 'lib', 'z-last'));
    await writeFile(join(dir, 'lib', 'z-last', 'x.jpg'), 'x');
    const here = await walkAll(join(dir, 'lib'), 100, 'thread');
    const there = await walkAll(join(dir, 'lib'), 100, 'worker');
    expect(there).toEqual(here);
    expect(here.entries.length).toBeGreaterThan(1300);
    expect(here.entries.map((e) => e.path)).toEqual(here.entries.map((e) => e.path).sort(comparePaths));
  });

  it('walks the same with its stat helper thread as without it, size-limit notes included', async () => {
    generateLibrary(join(dir, 'lib'), 2000, 5);
    const limit = { maxFileSize: 3_000_000 };
    const here = await walkAll(join(dir, 'lib'), 300, 'thread', limit);
    const alone = await walkAll(join(dir, 'lib'), 300, 'worker', { ...limit, statThreads: 1 });
    const shared = await walkAll(join(dir, 'lib'), 300, 'worker', { ...limit, statThreads: 2 });
    expect(alone).toEqual(here);
    expect(shared).toEqual(here);
    expect(here.entries.length).toBeGreaterThan(500);
    expect(here.notes.filter((n) => n.includes("over the scope's size limit")).length).toBeGreaterThan(500);
    expect(here.entries.every((e) => e.type === 'file' && e.size <= 3_000_000 && e.mtimeNs > 0n)).toBe(true);
  });

  it('walks in full after a walk stopped early while its stat helper was busy', async () => {
    generateLibrary(join(dir, 'lib'), 3000, 6);
    const root = join(dir, 'lib');
    const full = await walkAll(root, 250, 'thread');
    await using src = new NodeMediaSource({ batchSize: 250 });
    const scope = makeScope({ roots: [root] });
    for await (const _ of src.walk(scope, root)) break; // the next batch's helper share is still out
    const again: WalkEntry[] = [];
    for await (const b of src.walk(scope, root)) again.push(...b.entries);
    expect(again).toEqual(full.entries);
  });

  it('lets a worker walk stop early, and walks again with the same worker', async () => {
    generateLibrary(join(dir, 'lib'), 800, 4);
    await using src = new NodeMediaSource({ batchSize: 50 });
    const scope = makeScope({ roots: [join(dir, 'lib')] });
    let seen = 0;
    for await (const b of src.walk(scope, join(dir, 'lib'))) {
      seen += b.entries.length;
      if (seen >= 100) break;
    }
    expect(seen).toBe(100);
    const ac = new AbortController();
    let batches = 0;
    for await (const _ of src.walk(scope, join(dir, 'lib'), ac.signal)) {
      batches++;
      ac.abort();
    }
    expect(batches).toBe(1);
    let all = 0;
    for await (const b of src.walk(scope, join(dir, 'lib'))) all += b.entries.length;
    expect(all).toBeGreaterThan(700);
  });

  it('probes root states', async () => {
    const src = new NodeMediaSource();
    expect(await src.probeRoot(join(dir, 'nope'))).toBe('missing');
    expect(await src.probeRoot(dir)).toBe('empty');
    await writeFile(join(dir, 'f.jpg'), 'x');
    expect(await src.probeRoot(dir)).toBe('ok');
    expect(await src.probeRoot(join(dir, 'f.jpg'))).toBe('not-a-folder');
  });

  it.skipIf(isRoot)('yields a folder it may not list as unreadable (needs a non-root user)', async () => {
    await mkdir(join(dir, 'locked'));
    await writeFile(join(dir, 'locked', 'a.jpg'), 'a');
    await writeFile(join(dir, 'ok.jpg'), 'b');
    await chmod(join(dir, 'locked'), 0o000);
    const { entries } = await walkAll(dir);
    expect(entries).toEqual([
      { type: 'unreadable', path: join(dir, 'locked'), reason: 'permission denied' },
      expect.objectContaining({ type: 'file', path: join(dir, 'ok.jpg') }),
    ]);
  });

  it('stats files, returns null for missing ones, and streams bytes that hash like sha256sum', async () => {
    const src = new NodeMediaSource({ readChunkBytes: 7 });
    const p = join(dir, 'f.jpg');
    await writeFile(p, 'hello world\n');
    expect(await src.stat(p)).toMatchObject({ size: 12 });
    expect(await src.stat(join(dir, 'missing.jpg'))).toBeNull();
    expect(await src.stat(dir)).toBeNull();
    const hash = await new NodeCryptoHasher().hash(src.read(p));
    expect(hash).toBe('a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447');
  });
});
