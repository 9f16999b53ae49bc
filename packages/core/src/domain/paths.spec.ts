import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  comparePaths,
  extensionOf,
  isNormalAbsolutePath,
  isUnder,
  relativeTo,
  subtreeRange,
} from './paths.js';

describe('comparePaths', () => {
  it('orders like the UTF-8 bytes (Postgres COLLATE "C"), not like UTF-16 code units', () => {
    const samples = [
      '/a',
      '/a/b',
      '/a.jpg',
      '/a-b',
      '/A',
      '/é',
      '/\uFFFD',
      '/😀',
      '/\uE000',
      '/z',
      '/a/😀',
      '/a/\uFFFF',
      '/',
    ];
    for (let i = 0; i < 200; i++) {
      let s = '/';
      for (let k = 0; k < 4; k++) s += samples[Math.floor(Math.random() * samples.length)]!.slice(1);
      samples.push(s);
    }
    const byBytes = [...samples].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...samples].sort(comparePaths)).toEqual(byBytes);
  });

  it("sorts a folder's subtree as one block after same-prefix names", () => {
    expect(['/p/a/x.jpg', '/p/a.jpg', '/p/a-b.jpg'].sort(comparePaths)).toEqual([
      '/p/a-b.jpg',
      '/p/a.jpg',
      '/p/a/x.jpg',
    ]);
  });
});

describe('path helpers', () => {
  it('subtreeRange bounds exactly the paths below a folder', () => {
    const r = subtreeRange('/p');
    const inside = (p: string) => comparePaths(p, r.from) >= 0 && comparePaths(p, r.to) < 0;
    expect(['/p/a', '/p/😀/x', '/p/\uFFFF'].every(inside)).toBe(true);
    expect(['/p', '/p0', '/p-x', '/o', '/q'].some(inside)).toBe(false);
    expect(subtreeRange('/')).toEqual({ from: '/', to: '0' });
  });

  it('isUnder, ancestors, relative paths and extensions', () => {
    expect(isUnder('/a/b/c', '/a')).toBe(true);
    expect(isUnder('/ab/c', '/a')).toBe(false);
    expect(isUnder('/a', '/a')).toBe(false);
    expect(isUnder('/x', '/')).toBe(true);
    expect(ancestorsOf('/a/b/c.jpg')).toEqual(['/', '/a', '/a/b']);
    expect(relativeTo('/a', '/a/b/c.jpg')).toBe('b/c.jpg');
    expect(relativeTo('/', '/a/b')).toBe('a/b');
    expect(extensionOf('/a/IMG.JPG')).toBe('jpg');
    expect(extensionOf('/a/.hidden')).toBe('');
    expect(extensionOf('/a/noext')).toBe('');
  });

  it('recognises normal absolute paths', () => {
    expect(isNormalAbsolutePath('/a/b')).toBe(true);
    expect(isNormalAbsolutePath('/')).toBe(true);
    for (const bad of ['a/b', '/a/../b', '/a/./b', '/a//b', '/a/', '', '/a\0b'])
      expect(isNormalAbsolutePath(bad)).toBe(false);
  });
});
