import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreviewCache } from '../ports/preview-cache.js';

export interface PreviewCacheHarness {
  readonly cache: PreviewCache;
  /** A cache over the same kind of storage that cannot write (a full or read-only disk), and what it holds after. */
  readonly broken: { readonly cache: PreviewCache; readonly leftovers: () => Promise<string[]> };
  close(): Promise<void>;
}

const bytes = (s: string) => new TextEncoder().encode(s);

/** The behaviour every PreviewCache must have. */
export function describePreviewCacheContract(name: string, setup: () => Promise<PreviewCacheHarness>): void {
  describe(`PreviewCache contract: ${name}`, () => {
    let h: PreviewCacheHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('gives back what was put, null for what was not, and the last put wins', async () => {
      expect(await h.cache.get('thumb-aaaa-160.jpg')).toBeNull();
      await h.cache.put('thumb-aaaa-160.jpg', bytes('first'));
      await h.cache.put('thumb-aaaa-160.jpg', bytes('second'));
      await h.cache.put('thumb-aaaa-160.jpg', bytes('second')); // idempotent
      await h.cache.put('thumb-bbbb-160.jpg', bytes('other'));
      expect(new TextDecoder().decode((await h.cache.get('thumb-aaaa-160.jpg'))!)).toBe('second');
      expect(new TextDecoder().decode((await h.cache.get('thumb-bbbb-160.jpg'))!)).toBe('other');
    });

    it('never shows a reader half of what concurrent writers put', async () => {
      const big = (c: string) => bytes(c.repeat(200_000));
      await Promise.all(['a', 'b', 'c', 'd'].map((c) => h.cache.put('frame-cccc-1.0-640.jpg', big(c))));
      const got = new TextDecoder().decode((await h.cache.get('frame-cccc-1.0-640.jpg'))!);
      expect(got.length).toBe(200_000);
      expect(new Set(got).size).toBe(1); // one writer's bytes, whole
    });

    it('loses only the entry when it cannot write, throwing nothing and leaving nothing half-written', async () => {
      await h.broken.cache.put('thumb-dddd-160.jpg', bytes('lost'));
      expect(await h.broken.cache.get('thumb-dddd-160.jpg')).toBeNull();
      expect(await h.broken.leftovers()).toEqual([]);
    });
  });
}
