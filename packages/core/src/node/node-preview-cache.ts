import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlimpseError } from '../errors.js';
import type { PreviewCache } from '../ports/preview-cache.js';

const KEY = /^[A-Za-z0-9._-]{1,200}$/;

/**
 * Previews as files in a folder, spread over 256 sub-folders by the key's hash part. Written to a temporary
 * name and renamed, so a reader never sees half a file; a failed write only loses the cache entry.
 */
export class NodePreviewCache implements PreviewCache {
  constructor(private readonly dir: string) {}

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(tmp, bytes);
      await rename(tmp, file);
    } catch {
      /* a cache that cannot be written (disk full, read-only) costs speed, not correctness */
    }
  }

  private pathOf(key: string): string {
    if (!KEY.test(key) || key.includes('..')) throw new GlimpseError('invalid-input', `Bad cache key "${key}".`);
    const shard = (key.split('-')[1] ?? key).slice(0, 2).padEnd(2, '_');
    return join(this.dir, shard, key);
  }
}
