import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob.js';

// picomatch (what the scope used before) is the oracle for ordinary globs: the same answers, without its
// exponential worst case.
const PATTERNS = [
  '*.tmp',
  '**/*.tmp',
  '**/node_modules',
  '**/node_modules/**',
  '**/@eaDir',
  '**/#recycle',
  '**/$RECYCLE.BIN',
  '2024/**',
  '**/2024/**',
  'a/*/c',
  'a/**/c',
  '**',
  '*',
  '**/*.{jpg,png}',
  '**/IMG_????.JPG',
  '**/[abc]*.jpg',
  '**/[a-c]?.jpg',
  'trip {2023,2024}/**',
  '**/{raw,{tmp,cache}}/**',
  '**/*.JPG',
  'photos/*/thumbs/*',
  '**/.thumbnails/**',
  '**/*~',
];
const PATHS = [
  'a.tmp',
  'x/a.tmp',
  'x/y/z.tmp',
  'node_modules',
  'p/node_modules',
  'p/node_modules/q/r.js',
  'p/@eaDir',
  'p/@eaDir/x.jpg',
  '#recycle',
  'p/$RECYCLE.BIN',
  '2024/a.jpg',
  '2024',
  'x/2024/b.png',
  'x/2023/b.png',
  'a/b/c',
  'a/b/b/c',
  'a/c',
  'IMG_1234.JPG',
  'd/IMG_12.JPG',
  'd/IMG_123A.JPG',
  'b1.jpg',
  'z1.jpg',
  'c9.jpg',
  'trip 2024/x.jpg',
  'trip 2025/x.jpg',
  'q/cache/x',
  'q/raw/y',
  'q/tmp/z/w',
  'photos/rome/thumbs/1.jpg',
  'photos/rome/2/thumbs/1.jpg',
  '.thumbnails/x.png',
  'a/.thumbnails/b/c.png',
  'notes.txt~',
  'Ünïcode/ä.jpg',
  'a/b.JPG',
];

describe('globs', () => {
  it('answer as picomatch does for ordinary patterns', () => {
    const differences: string[] = [];
    for (const pattern of PATTERNS) {
      const ours = compileGlob(pattern);
      const theirs = picomatch(pattern, { dot: true });
      for (const path of PATHS) {
        if (ours(path) !== theirs(path)) differences.push(`${pattern} on ${path}: ours ${ours(path)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('match a pathological pattern in linear time, where a regular expression backtracks for hours', () => {
    const pattern = `**/${'*a'.repeat(25)}*b`;
    const name = `dir/${'a'.repeat(36)}`;
    const t0 = performance.now();
    expect(compileGlob(pattern)(name)).toBe(false);
    expect(compileGlob(pattern)(`dir/${'a'.repeat(30)}b`)).toBe(true);
    const ours = performance.now() - t0;
    expect(ours).toBeLessThan(50);
    // picomatch's regular expression for a far smaller version already takes longer (not run at full size)
    const small = picomatch.makeRe(`**/${'*a'.repeat(12)}*b`, { dot: true });
    const r0 = performance.now();
    expect(small.test(`dir/${'a'.repeat(26)}`)).toBe(false);
    expect(performance.now() - r0).toBeGreaterThan(ours);
  });

  it('reads [!abc] as "none of a, b, c", as shells and .gitignore do (picomatch takes the ! literally)', () => {
    expect(compileGlob('**/[!abc]*.jpg')('x/z1.jpg')).toBe(true);
    expect(compileGlob('**/[!abc]*.jpg')('x/b1.jpg')).toBe(false);
    expect(compileGlob('**/[^abc]*.jpg')('b1.jpg')).toBe(false);
  });

  it('refuses patterns it cannot read, saying why', () => {
    expect(() => compileGlob('')).toThrow(/must not be empty/);
    expect(() => compileGlob('abc\\')).toThrow(/lone backslash/);
    expect(() => compileGlob('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}')).toThrow(/more than 256 alternatives/);
    expect(compileGlob('[abc')('[abc')).toBe(true); // no closing bracket: literal
    expect(compileGlob('{x}')('{x}')).toBe(true); // a brace without a comma: literal
    expect(compileGlob('a\\*b')('a*b')).toBe(true);
    expect(compileGlob('a\\*b')('axb')).toBe(false);
  });
});
