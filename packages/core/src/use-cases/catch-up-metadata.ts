import type { Content } from '../domain/content.js';
import type { ContentMeta } from '../domain/media-metadata.js';
import type { MediaFile } from '../domain/media-file.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { VectorStore } from '../ports/vector-store.js';
import type { VideoSampler } from '../ports/video-sampler.js';
import { mapConcurrent } from './concurrency.js';
import { contentMeta, readMetadata } from './content-metadata.js';
import type { MetadataDeps } from './index-contents.js';
import type { ScanContext } from './scan-context.js';

const PAGE = 64;
const AT_ONCE = 4;

/**
 * A scan's metadata phase: indexed contents whose metadata was never read (an index from before Glimpse read it,
 * or a crash between a content's vectors and its metadata) or read by an older Glimpse are read now, from one of
 * their files, without embedding anything. A date found that differs from the one the content had (the file's
 * modification time, or the decoder's date without its offset) replaces it, in the content and in its vectors'
 * payload, so date filters agree with what is shown.
 */
export class CatchUpMetadata {
  constructor(
    private readonly files: FileRepository,
    private readonly vectors: VectorStore,
    private readonly videos: VideoSampler | null,
    private readonly meta: MetadataDeps,
  ) {}

  /** How many contents it read. */
  async run(ctx: ScanContext): Promise<number> {
    if (!this.meta.reader && !this.videos) return 0;
    let done = 0;
    for (let after: string | null = null; ;) {
      ctx.checkCancelled();
      const page: Content[] = await this.files.listContentsNeedingMetadata(after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.hash;
      const rows = await this.files.findByContent(page.map((c) => c.hash));
      const filesOf = new Map<string, MediaFile[]>();
      for (const f of rows) if (f.contentHash) filesOf.set(f.contentHash, [...(filesOf.get(f.contentHash) ?? []), f]);
      const read = await mapConcurrent(page, AT_ONCE, async (content) => {
        const file = filesOf.get(content.hash)?.find((f) => f.status === 'ok');
        if (!file) return null;
        const m = await readMetadata(file.path, content.kind, this.meta.reader, this.videos, ctx.signal);
        return m ? { content, meta: await contentMeta(m, this.meta.places) } : null;
      });
      const entries = read.filter((e): e is { content: Content; meta: ContentMeta } => e !== null);
      const redated = entries.filter(
        (e) => e.meta.takenAt !== null && e.meta.takenAt.getTime() !== e.content.takenAt?.getTime(),
      );
      if (redated.length > 0) {
        await ctx.ensureRoom();
        const dateOf = new Map(redated.map((e) => [e.content.hash, e.meta.takenAt!]));
        const points = await this.vectors.pointsOf([...dateOf.keys()]);
        // The vectors first, then the content: a crash between them is caught up by the next scan.
        await this.vectors.upsert(
          points.map((p) => ({
            ...p,
            takenAt: dateOf.get(p.contentHash)!,
            paths: (filesOf.get(p.contentHash) ?? []).map((f) => f.path),
          })),
        );
        await this.files.apply({ contents: redated.map((e) => ({ ...e.content, takenAt: e.meta.takenAt })) });
      }
      if (entries.length > 0)
        await this.files.writeMetadata(entries.map((e) => ({ hash: e.content.hash, meta: e.meta })));
      done += entries.length;
      ctx.progress('metadata', done, null);
    }
    return done;
  }
}
