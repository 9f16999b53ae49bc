import { describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import type { StorageSpace } from '../ports/storage-space.js';

/** The behaviour every StorageSpace must have: `roomy` has its reserve free, `full` does not. */
export function describeStorageSpaceContract(
  name: string,
  setup: () => { readonly roomy: StorageSpace; readonly full: StorageSpace },
): void {
  describe(`StorageSpace contract: ${name}`, () => {
    it('resolves while there is room, and says when the disk is full, in words', async () => {
      const { roomy, full } = setup();
      await expect(roomy.ensureRoom()).resolves.toBeUndefined();
      const e = await full.ensureRoom().catch((err: unknown) => err);
      expect(GlimpseError.is(e, 'unavailable')).toBe(true);
      expect((e as Error).message).toMatch(/is full .*free.*run the scan again/i);
    });
  });
}
