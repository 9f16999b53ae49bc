import { GlimpseError } from '../errors.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { FileStat, MediaSource } from '../ports/media-source.js';

/**
 * What a worker on another machine may read through the server: a file the index holds, at the path and with the
 * content the index records for it, unchanged since it was hashed. Anything else is refused: a path the index does
 * not hold (`not-found`, whatever is on the disk there), or a file changed since (`conflict`).
 */
export class WorkerFiles {
  constructor(
    private readonly files: FileRepository,
    private readonly source: MediaSource,
  ) {}

  async locate(contentHash: string, path: string): Promise<{ path: string } & FileStat> {
    const [file] = await this.files.findByPaths([path]);
    if (!file || file.contentHash !== contentHash)
      throw new GlimpseError('not-found', `The index holds no file "${path}" with that content.`);
    const now = await this.source.stat(file.path);
    if (!now || now.size !== file.size || now.mtimeNs !== file.mtimeNs)
      throw new GlimpseError('conflict', `"${file.path}" changed after it was hashed; the next scan indexes it.`);
    return { path: file.path, ...now };
  }
}
