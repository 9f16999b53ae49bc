import type { Content } from '../domain/content.js';
import type { FileWrite, MediaFile } from '../domain/media-file.js';
import type { EmbedItem, EmbedItemResult, WorkersOption } from '../ports/embedding-queue.js';
import type { Embedder } from '../ports/embedder.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { MediaSource } from '../ports/media-source.js';
import type { VectorPoint, VectorStore } from '../ports/vector-store.js';
import type { VideoSampler } from '../ports/video-sampler.js';
import { chunks, pause } from './concurrency.js';
import { DEFAULT_VIDEO_SAMPLING, EmbedMedia, InPlaceJobFiles, type VideoSamplingOptions } from './embed-media.js';
import { contentMeta } from './content-metadata.js';
import type { ScanContext } from './scan-context.js';
import type { ContentMeta } from '../domain/media-metadata.js';
import type { MetadataReader, PlaceFinder } from '../ports/metadata-reader.js';

/** Where a scan reads metadata (pictures'; videos' come from their probe) and names places. */
export interface MetadataDeps {
  readonly reader: MetadataReader | null;
  readonly places: PlaceFinder | null;
}

export const NO_METADATA_DEPS: MetadataDeps = { reader: null, places: null };

export { DEFAULT_VIDEO_SAMPLING, type VideoSamplingOptions } from './embed-media.js';

type Embedded = { readonly content: Content; readonly points: VectorPoint[]; readonly meta: Partial<Content> };
type Failed = { readonly content: Content; readonly file: MediaFile; readonly reason: string };

/**
 * Stage 3 of a scan: writes vectors for pending contents. For each content one current file is read (its size and
 * mtime checked first, so a file that changed since hashing is left for the next scan). Order, so that a crash at
 * any point leaves a consistent index: vectors are written first (idempotent, keyed by content), then the content
 * is marked indexed. A content found to have vectors already (a crash between those two writes) is marked indexed
 * without embedding it again.
 */
export class IndexContents {
  private readonly media: EmbedMedia;

  constructor(
    private readonly files: FileRepository,
    private readonly vectors: VectorStore,
    private readonly embedder: Embedder,
    source: MediaSource,
    videos: VideoSampler | null,
    sampling: VideoSamplingOptions = DEFAULT_VIDEO_SAMPLING,
    private readonly workers: WorkersOption | null = null,
    private readonly meta: MetadataDeps = NO_METADATA_DEPS,
  ) {
    this.media = new EmbedMedia(embedder, new InPlaceJobFiles(source), videos, sampling, meta.reader);
  }

  async index(contents: readonly Content[], ctx: ScanContext): Promise<void> {
    const todo = contents.filter((c) => !ctx.attempted.has(c.hash));
    for (const c of todo) ctx.attempted.add(c.hash);
    // Done of total: the contents handed to this phase so far (hashing hands them on as it finds them).
    ctx.embedding.queued += todo.length;
    if (this.workers) return this.indexQueued(todo, ctx, this.workers);
    for (const batch of chunks(todo, Math.max(1, this.embedder.batchSize))) {
      ctx.checkCancelled();
      await ctx.ensureRoom();
      await this.indexBatch(batch, ctx);
      ctx.embedding.done += batch.length;
      ctx.progress('embedding', ctx.embedding.done, ctx.embedding.queued);
    }
  }

  private async indexBatch(batch: readonly Content[], ctx: ScanContext): Promise<void> {
    const prepared = await this.prepare(batch, ctx);
    const results = await this.media.embed(prepared.todo.map(itemOf), ctx.signal);
    await this.record(prepared, results, ctx);
  }

  /**
   * A batch's contents with the file each is read from; those found with vectors already (a crash between
   * writing them and marking the content) are `recovered`: marked indexed without embedding them again.
   */
  private async prepare(batch: readonly Content[], ctx: ScanContext): Promise<Prepared> {
    const unforced = batch.filter((c) => !ctx.forced.has(c.hash)).map((c) => c.hash);
    const already = unforced.length ? await this.vectors.hasContents(unforced) : new Set<string>();
    const rows = await this.files.findByContent(batch.map((c) => c.hash));
    const sourceOf = new Map<string, MediaFile>();
    const pathsOf = new Map<string, string[]>();
    for (const f of rows) {
      if (!f.contentHash) continue;
      if (!sourceOf.has(f.contentHash)) sourceOf.set(f.contentHash, f);
      pathsOf.set(f.contentHash, [...(pathsOf.get(f.contentHash) ?? []), f.path]);
    }

    const recovered: Content[] = [];
    const todo: { content: Content; file: MediaFile }[] = [];
    for (const content of batch) {
      const file = sourceOf.get(content.hash);
      if (!file) continue; // no file holds it any more: released by the cleanup
      if (already.has(content.hash)) {
        const segments = (await this.vectors.vectorsOf(content.hash)).length;
        recovered.push({ ...content, status: 'indexed', modelId: this.vectors.modelId, segments, error: null });
        continue;
      }
      todo.push({ content, file });
    }
    return { recovered, todo, rows, pathsOf };
  }

  /** Writes a batch's results: the vectors first, then the contents marked (indexed, or failed with a reason). */
  private async record(prepared: Prepared, results: readonly EmbedItemResult[], ctx: ScanContext): Promise<void> {
    const { recovered, todo, rows, pathsOf } = prepared;
    const byHash = new Map(results.map((r) => [r.contentHash, r]));
    const done: Embedded[] = [];
    const failed: Failed[] = [];
    for (const { content, file } of todo) {
      const r = byHash.get(content.hash);
      if (!r) continue; // not handed back (cannot happen in process; a worker's partial answer is left pending)
      if (r.ok) {
        const paths = pathsOf.get(content.hash)!;
        done.push({ content, points: r.points.map((p) => ({ ...p, paths })), meta: r.facts });
      } else if (r.changed) {
        ctx.counts.deferred++;
        ctx.issue(file.path, r.reason);
      } else failed.push({ content, file, reason: r.reason });
    }

    if (done.length > 0) await this.vectors.upsert(done.flatMap((d) => d.points));
    const failedFiles: FileWrite[] = [];
    for (const f of failed) {
      for (const row of rows.filter((r) => r.contentHash === f.content.hash)) {
        // Copies share the content and its failure; each one's reason names that copy, not the file that was read.
        const reason = f.reason.split(f.file.path).join(row.path);
        failedFiles.push({ ...row, status: 'failed', error: reason });
        ctx.issue(row.path, reason);
        ctx.counts.failed++;
      }
    }
    await this.files.apply({
      contents: [
        ...recovered,
        ...done.map((d) => ({
          ...d.content,
          ...d.meta,
          status: 'indexed' as const,
          modelId: this.vectors.modelId,
          segments: d.points.length,
          error: null,
        })),
        ...failed.map((f) => ({ ...f.content, status: 'failed' as const, error: f.reason })),
      ],
      files: failedFiles,
    });
    // Then what the files say about themselves (a crash before this is caught up by the metadata phase).
    const described: { hash: string; meta: ContentMeta }[] = [];
    for (const { content } of todo) {
      const r = byHash.get(content.hash);
      if (r?.ok && r.metadata)
        described.push({ hash: content.hash, meta: await contentMeta(r.metadata, this.meta.places) });
    }
    if (described.length) await this.files.writeMetadata(described);
    ctx.counts.embedded += done.length;
  }

  /**
   * With workers: every batch is queued at once (so the workers share them), then their outcomes are written as
   * they come, in the same order of writes as in process. A job that failed on every try fails its files with the
   * reason. A cancel drops the jobs no worker holds yet.
   */
  private async indexQueued(todo: readonly Content[], ctx: ScanContext, workers: WorkersOption): Promise<void> {
    const { queue } = workers;
    const waiting = new Map<string, Prepared>();
    try {
      for (const batch of chunks(todo, Math.max(1, this.embedder.batchSize))) {
        ctx.checkCancelled();
        const prepared = await this.prepare(batch, ctx);
        ctx.embedding.done += batch.length - prepared.todo.length; // nothing to send for these
        if (prepared.todo.length === 0) {
          await this.record(prepared, [], ctx);
          ctx.progress('embedding', ctx.embedding.done, ctx.embedding.queued);
          continue;
        }
        const [id] = await queue.enqueue(ctx.scanId, this.embedder.modelId, [prepared.todo.map(itemOf)]);
        waiting.set(id!, prepared);
      }
      while (waiting.size > 0) {
        ctx.checkCancelled();
        const outcomes = await queue.outcomes(ctx.scanId, 100);
        if (outcomes.length === 0) {
          await pause(workers.pollMs ?? 200, ctx.signal);
          continue;
        }
        for (const o of outcomes) {
          const prepared = waiting.get(o.jobId);
          if (!prepared) continue; // an earlier call's job (this scan's, already written) or a cancelled one
          waiting.delete(o.jobId);
          if (o.ok && o.by) workers.onJob?.({ ...o.by, items: o.results.length });
          await ctx.ensureRoom();
          const results: EmbedItemResult[] = o.ok
            ? [...o.results]
            : prepared.todo.map(({ content }) => ({
                contentHash: content.hash,
                ok: false as const,
                reason: `no worker could embed it: ${o.reason}`,
              }));
          await this.record(prepared, results, ctx);
          ctx.embedding.done += prepared.todo.length;
          ctx.progress('embedding', ctx.embedding.done, ctx.embedding.queued);
        }
      }
    } catch (e) {
      if (ctx.signal?.aborted) await queue.cancel(ctx.scanId).catch(() => 0);
      throw e;
    } finally {
      // Nothing of this scan is left in the queue: what a worker still holds is ignored when it ends.
      await queue
        .release(ctx.scanId)
        .catch((e: Error) => ctx.issue('(the embedding queue)', `could not be cleaned up: ${e.message}`));
    }
  }
}

interface Prepared {
  readonly recovered: Content[];
  readonly todo: { content: Content; file: MediaFile }[];
  readonly rows: MediaFile[];
  readonly pathsOf: Map<string, string[]>;
}

function itemOf({ content, file }: { content: Content; file: MediaFile }): EmbedItem {
  return { contentHash: content.hash, kind: content.kind, path: file.path, size: file.size, mtimeNs: file.mtimeNs };
}
