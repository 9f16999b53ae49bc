import { statfs } from 'node:fs/promises';
import { GlimpseError } from '../errors.js';
import type { StorageSpace } from '../ports/storage-space.js';

/**
 * Free space on the disk holding a folder (the data directory), from statfs. The embedded database must never run
 * out of room in the middle of a write: PGlite, out of space while it extends its write-ahead log, spins forever
 * and ignores signals (seen: 44 MB disk, 2,010 images). So a scan stops before that, while `reserveBytes` are left,
 * with a message that says what to do; the index stays consistent and the next scan goes on.
 */
export class NodeStorageSpace implements StorageSpace {
  constructor(
    private readonly dir: string,
    /** Room kept free: a write-ahead log segment (16 MB) several times over. */
    private readonly reserveBytes = 64 * 1024 * 1024,
  ) {}

  async ensureRoom(): Promise<void> {
    let free: number;
    try {
      const s = await statfs(this.dir);
      free = Number(s.bavail) * Number(s.bsize);
    } catch {
      return; // no statfs here (or the folder vanished): the write itself will say what is wrong
    }
    if (free < this.reserveBytes) {
      throw new GlimpseError(
        'unavailable',
        `The disk holding ${this.dir} is full (${Math.floor(free / 1024 / 1024)} MB free; Glimpse keeps ` +
          `${Math.round(this.reserveBytes / 1024 / 1024)} MB in reserve so its index is never cut off mid-write). ` +
          'Free some space and run the scan again: the index is consistent, and the scan goes on from where it stopped.',
      );
    }
  }
}
