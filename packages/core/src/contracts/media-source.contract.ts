import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { comparePaths } from '../domain/paths.js';
import { makeScope } from '../domain/scope.js';
import type { MediaSource, WalkEntry } from '../ports/media-source.js';

export interface MediaSourceHarness {
  readonly source: MediaSource;
  /**
   * Makes a tree of files (path relative to a new root: content) and empty folders (path ending in "/"); returns the
   * root. `remove` deletes one of its files again.
   */
  tree(files: Record<string, string>): Promise<string>;
  remove(root: string, rel: string): Promise<void>;
  /** A path in the same storage where nothing is. */
  readonly nowhere: string;
  close(): Promise<void>;
}

async function walk(source: MediaSource, root: string, options = {}) {
  const entries: WalkEntry[] = [];
  let skipped = 0;
  for await (const b of source.walk(makeScope({ roots: [root], ...options }), root)) {
    entries.push(...b.entries);
    skipped += b.skipped;
  }
  return { entries, skipped };
}

async function read(source: MediaSource, path: string): Promise<string> {
  let s = '';
  const d = new TextDecoder();
  for await (const c of source.read(path)) s += d.decode(c, { stream: true });
  return s;
}

/** The behaviour every MediaSource must have. */
export function describeMediaSourceContract(name: string, setup: () => Promise<MediaSourceHarness>): void {
  describe(`MediaSource contract: ${name}`, () => {
    let h: MediaSourceHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('walks in code point order of path, folder by folder, only what the scope takes', async () => {
      const root = await h.tree({
        'b.jpg': 'b',
        'a/z.png': 'z',
        'a/y.mp4': 'y video',
        'a-b.jpg': 'ab',
        'Z.JPG': 'upper',
        'é.jpg': 'e acute',
        'notes.txt': 'not media',
        '.hidden.jpg': 'hidden',
        'skip/x.jpg': 'excluded',
      });
      const { entries, skipped } = await walk(h.source, root, { exclude: ['skip'] });
      const rel = entries.map((e) => e.path.slice(root.length + 1));
      expect(rel).toEqual(['Z.JPG', 'a-b.jpg', 'a/y.mp4', 'a/z.png', 'b.jpg', 'é.jpg']);
      expect(entries.map((e) => e.path)).toEqual(entries.map((e) => e.path).sort(comparePaths));
      expect(skipped).toBe(2); // the text file and the hidden picture; an excluded folder is not even entered
      const video = entries.find((e) => e.path.endsWith('y.mp4'))!;
      expect(video).toMatchObject({ type: 'file', kind: 'video', size: 7 });
      expect(typeof (video as { mtimeNs: unknown }).mtimeNs).toBe('bigint');
    });

    it('tells an offline root from an empty folder and from a file', async () => {
      const root = await h.tree({ 'a.jpg': 'a', 'empty/': '' });
      expect(await h.source.probeRoot(root)).toBe('ok');
      expect(await h.source.probeRoot(`${root}/empty`)).toBe('empty');
      expect(await h.source.probeRoot(`${root}/a.jpg`)).toBe('not-a-folder');
      expect(await h.source.probeRoot(h.nowhere)).toBe('missing');
    });

    it('stats and reads files, and a vanished file stats as null', async () => {
      const root = await h.tree({ 'a.jpg': 'hello pictures' });
      const s = await h.source.stat(`${root}/a.jpg`);
      expect(s?.size).toBe(14);
      expect(await read(h.source, `${root}/a.jpg`)).toBe('hello pictures');
      await h.remove(root, 'a.jpg');
      expect(await h.source.stat(`${root}/a.jpg`)).toBeNull();
      expect(await h.source.stat(`${root}`)).toBeNull(); // a folder is not a file
      await expect(read(h.source, `${root}/a.jpg`)).rejects.toBeDefined();
    });
  });
}
