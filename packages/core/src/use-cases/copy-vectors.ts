import { GlimpseError } from '../errors.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { VectorPoint, VectorStore } from '../ports/vector-store.js';
import { contentPages } from './content-pages.js';

export interface CopyProgress {
  /** Contents looked at so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** Of those, copied in this run, and found already in the target (an earlier, interrupted run). */
  readonly copied: number;
  readonly alreadyThere: number;
}

export interface CopyVectorsOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: CopyProgress) => void;
  /** Contents per step (read, then one write). Default 200. */
  readonly pageSize?: number;
}

/**
 * Moves an index to another vector store without embedding anything again: every content's points are read from
 * one store and written to the other, with the content's current paths from the file database (so folder filters
 * and released contents behave the same). Resumable: a content the target already holds is left as it is, so an
 * interrupted copy run again goes on where it stopped. Nothing is deleted from the source.
 */
export class CopyVectors {
  constructor(
    private readonly files: FileRepository,
    private readonly from: VectorStore,
    private readonly to: VectorStore,
  ) {
    if (from.modelId !== to.modelId || from.dimension !== to.dimension)
      throw new GlimpseError(
        'invalid-input',
        `Vectors of ${from.modelId} (${from.dimension} dimensions) cannot go into a store for ${to.modelId} ` +
          `(${to.dimension} dimensions).`,
      );
  }

  async run(options: CopyVectorsOptions = {}): Promise<CopyProgress> {
    const { signal, onProgress } = options;
    const total = (await this.from.count()).contents;
    let progress: CopyProgress = { done: 0, total, copied: 0, alreadyThere: 0 };
    onProgress?.(progress);
    for await (const page of contentPages(this.from, options.pageSize ?? 200)) {
      if (signal?.aborted)
        throw new GlimpseError(
          'cancelled',
          `The copy was stopped after ${progress.done} of ${total} items; run it again to go on.`,
        );
      const there = await this.to.hasContents(page);
      const todo = page.filter((h) => !there.has(h));
      if (todo.length > 0) {
        const [points, files] = await Promise.all([this.from.pointsOf(todo), this.files.findByContent(todo)]);
        const paths = new Map<string, string[]>();
        for (const f of files)
          if (f.contentHash) paths.set(f.contentHash, [...(paths.get(f.contentHash) ?? []), f.path]);
        // Every point of a content in one write, as the port asks.
        await this.to.upsert(points.map((p): VectorPoint => ({ ...p, paths: paths.get(p.contentHash) ?? [] })));
      }
      progress = {
        done: progress.done + page.length,
        total,
        copied: progress.copied + todo.length,
        alreadyThere: progress.alreadyThere + there.size,
      };
      onProgress?.(progress);
    }
    return progress;
  }
}
