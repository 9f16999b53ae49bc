import { describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import { compileScope, makeScope, normalizeRoots } from './scope.js';

describe('scope', () => {
  it('merges nested and duplicate roots', () => {
    expect(normalizeRoots(['/b', '/a/x', '/a', '/b', '/ab'])).toEqual(['/a', '/ab', '/b']);
  });

  it('lists every problem in one invalid-input error', () => {
    let err: unknown;
    try {
      makeScope({
        roots: ['relative', '/ok', '/x/../y'],
        exclude: [''],
        extensions: { image: ['jpg', 'j.p'], video: ['jpg'] },
        maxFileSize: -1,
      });
    } catch (e) {
      err = e;
    }
    expect(GlimpseError.is(err, 'invalid-input')).toBe(true);
    const msg = (err as Error).message;
    for (const part of [
      '"relative"',
      '"/x/../y"',
      'globs must not be empty',
      '"j.p"',
      '"jpg" is listed as both',
      'maxFileSize',
    ])
      expect(msg).toContain(part);
  });

  it('classifies by extension (any case), hidden names, globs; prunes excluded folders', () => {
    const f = compileScope(
      makeScope({ roots: ['/r'], exclude: ['**/cache/**', '**/*.tmp.jpg', 'private'], include: [] }),
      '/r',
    );
    expect(f.classify('/r/a.JPG')).toEqual({ take: true, kind: 'image' });
    expect(f.classify('/r/a.MoV')).toEqual({ take: true, kind: 'video' });
    expect(f.classify('/r/a.txt').take).toBe(false);
    expect(f.classify('/r/.a.jpg').take).toBe(false);
    expect(f.classify('/r/x/a.tmp.jpg').take).toBe(false);
    expect(f.acceptsFolder('/r/x/cache')).toBe(false);
    expect(f.acceptsFolder('/r/private')).toBe(false);
    expect(f.acceptsFolder('/r/x/private')).toBe(true);
    expect(f.acceptsFolder('/r/.git')).toBe(false);
    expect(f.acceptsFolder('/r/photos')).toBe(true);
    expect(f.acceptsSize(10 ** 12)).toBe(true);
  });

  it('skips default system folders of NAS devices', () => {
    const f = compileScope(makeScope({ roots: ['/r'] }), '/r');
    expect(f.acceptsFolder('/r/a/@eaDir')).toBe(false);
    expect(f.acceptsFolder('/r/lost+found')).toBe(false);
  });
});
