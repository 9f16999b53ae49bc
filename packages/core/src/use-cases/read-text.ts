import type { Content } from '../domain/content.js';
import type { TextLine } from '../domain/image-text.js';
import type { MediaFile } from '../domain/media-file.js';
import { GlimpseError, reasonOf } from '../errors.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { TextReader } from '../ports/text-reader.js';
import { mapConcurrent } from './concurrency.js';
import type { ScanContext } from './scan-context.js';

export interface ReadTextOptions {
  /** Pictures read at once; default 1 (the reader's models use every core already). */
  readonly atOnce?: number;
  /** Contents per page (and per write); default 32. */
  readonly page?: number;
}

/**
 * A scan's text phase, after embedding: every indexed picture whose text this reader has not read yet (new
 * pictures, and all of them when the reader changed) is read, one page at a time, and its lines written with its
 * content. So a scan's pictures are searchable by meaning first and by their text as this phase catches up; a
 * cancelled or interrupted scan leaves what it read, and the next one goes on from there. What is read belongs to
 * the content: a moved, renamed or copied file is never read again. A picture the reader cannot decode is
 * recorded with its reason (not tried again by the same reader) and noted in the scan's issues; a file that cannot
 * be opened now is left for the next scan.
 */
export class ReadText {
  private readonly atOnce: number;
  private readonly page: number;

  constructor(
    private readonly files: FileRepository,
    private readonly reader: TextReader,
    options: ReadTextOptions = {},
  ) {
    this.atOnce = Math.max(1, options.atOnce ?? 1);
    this.page = Math.max(1, options.page ?? 32);
  }

  /** How many pictures it read. */
  async run(ctx: ScanContext): Promise<number> {
    let done = 0;
    const total = await this.files.countContentsNeedingText(this.reader.id);
    if (total === 0) return 0;
    ctx.progress('text', 0, total);
    for (let after: string | null = null; ;) {
      ctx.checkCancelled();
      const page: Content[] = await this.files.listContentsNeedingText(this.reader.id, after, this.page);
      if (page.length === 0) break;
      after = page[page.length - 1]!.hash;
      const rows = await this.files.findByContent(page.map((c) => c.hash));
      const fileOf = new Map<string, MediaFile>();
      for (const f of rows)
        if (f.contentHash && f.status === 'ok' && !fileOf.has(f.contentHash)) fileOf.set(f.contentHash, f);
      const read = await mapConcurrent(page, this.atOnce, async (content) => {
        const file = fileOf.get(content.hash);
        if (!file) return null;
        try {
          const lines: TextLine[] = await this.reader.read(file.path, ctx.signal);
          return { hash: content.hash, reader: this.reader.id, lines, error: null };
        } catch (e) {
          if (ctx.signal?.aborted) throw e;
          const media = GlimpseError.is(e) && (e.kind === 'corrupt-media' || e.kind === 'unsupported-media');
          if (GlimpseError.is(e) && e.kind === 'unavailable') throw e; // the reader itself is broken: say so once
          ctx.issue(
            file.path,
            media
              ? `Its text could not be read: ${reasonOf(e)}`
              : `Its text could not be read now (${reasonOf(e)}); the next scan tries again.`,
          );
          return media ? { hash: content.hash, reader: this.reader.id, lines: [], error: reasonOf(e) } : null;
        }
      });
      const entries = read.filter((e) => e !== null);
      if (entries.length > 0) {
        await ctx.ensureRoom();
        await this.files.writeText(entries);
      }
      done += entries.length;
      ctx.counts.textRead += entries.length;
      ctx.progress('text', Math.min(done, total), total);
    }
    return done;
  }
}
