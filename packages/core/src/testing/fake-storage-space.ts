import { GlimpseError } from '../errors.js';
import type { StorageSpace } from '../ports/storage-space.js';

/** A disk of `freeBytes` free, which a test can fill; refuses below the reserve as the real one does. */
export class FakeStorageSpace implements StorageSpace {
  constructor(
    public freeBytes: number,
    private readonly reserveBytes = 64 * 1024 * 1024,
  ) {}

  async ensureRoom(): Promise<void> {
    if (this.freeBytes < this.reserveBytes)
      throw new GlimpseError(
        'unavailable',
        `The disk holding the index is full (${Math.floor(this.freeBytes / 1024 / 1024)} MB free). Free some space and run the scan again.`,
      );
  }
}
