import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlimpseError } from '../errors.js';
import type { PreviewCache } from '../ports/preview-cache.js';

const KEY = /^[A-Za-z0-9._-]{1,200}$/;

/**
 * Previews as files in a folder, spread over 256 sub-folders by the key's hash part. Written to a temporary
 * name and renamed, so a reader never sees half a file; a failed write only loses the cache entry.
 */
export class NodePreviewCache implements PreviewCache {
  private readonly reported = new Set<string>();

  constructor(
    private readonly dir: string,
    /** Told when a preview cannot be written (once per kind of failure): speed is lost, and the owner should know. */
    private readonly onWriteError: (message: string) => void = () => undefined,
  ) {}

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (e) {
      // Nothing readable under that key (absent, or its place taken by a folder): a miss; the preview is made again.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
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
    } catch (e) {
      // A cache that cannot be written (disk full, read-only) costs speed, not correctness: the preview is still
      // served. No half-written file is left behind, and the owner hears of it once per kind of failure.
      await rm(tmp, { force: true }).catch(() => undefined);
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      if (!this.reported.has(code)) {
        this.reported.add(code);
        this.onWriteError(
          `Thumbnails cannot be cached in ${this.dir} (${code}: ${(e as Error).message}); they are made again ` +
            'for each request until that is fixed (free space, or set GLIMPSE_CACHE_DIR to a writable folder).',
        );
      }
    }
  }

  private pathOf(key: string): string {
    if (!KEY.test(key) || key.includes('..')) throw new GlimpseError('invalid-input', `Bad cache key "${key}".`);
    const shard = (key.split('-')[1] ?? key).slice(0, 2).padEnd(2, '_');
    return join(this.dir, shard, key);
  }
}
