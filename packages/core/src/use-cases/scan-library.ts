import type { Content } from '../domain/content.js';
import type { MediaFile } from '../domain/media-file.js';
import type { ScanMode, ScanProgress, ScanReport } from '../domain/scan-report.js';
import type { Scope } from '../domain/scope.js';
import type { Embedder } from '../ports/embedder.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { Hasher } from '../ports/hasher.js';
import type { MediaSource } from '../ports/media-source.js';
import type { StorageSpace } from '../ports/storage-space.js';
import type { VectorStore } from '../ports/vector-store.js';
import type { VideoSampler } from '../ports/video-sampler.js';
import { chunks } from './concurrency.js';
import { DeltaMonitor, type DeltaMonitorOptions } from './delta-monitor.js';
import { DeltaPrefilter } from './delta-prefilter.js';
import type { WorkersOption } from '../ports/embedding-queue.js';
import type { MetadataReader, PlaceFinder } from '../ports/metadata-reader.js';
import type { TextReader } from '../ports/text-reader.js';
import { CatchUpMetadata } from './catch-up-metadata.js';
import { ReadText } from './read-text.js';
import { DEFAULT_VIDEO_SAMPLING, IndexContents, type VideoSamplingOptions } from './index-contents.js';
import { ScanContext, throwIfCancelled } from './scan-context.js';
import { deleteReleasedVectors, dropReleasedVectors, syncVectorPaths } from './vector-paths.js';
import { contentPages } from './content-pages.js';

export interface ScanLibraryDeps {
  readonly files: FileRepository;
  readonly vectors: VectorStore;
  readonly embedder: Embedder;
  readonly source: MediaSource;
  readonly hasher: Hasher;
  /** Without a sampler, videos are recorded as failed with a reason. */
  readonly videos?: VideoSampler | null;
  /** Room left where the index is written: the scan stops (consistent) before a write could run out of it. */
  readonly storage?: StorageSpace | null;
  /** Milliseconds, for the report's duration. */
  readonly now?: () => number;
  /**
   * Embedding workers: when given, the scan queues its contents for `glimpse worker` processes instead of
   * embedding them itself, and writes what they hand back.
   */
  readonly workers?: WorkersOption | null;
  /** Pictures' metadata reader (videos' comes from their probe); null: the decoder's date only. */
  readonly metadata?: MetadataReader | null;
  /** Names the places of GPS positions; null: positions are kept unnamed. */
  readonly places?: PlaceFinder | null;
  /** Reads the text in pictures (OCR) after embedding; null: text is not read. */
  readonly text?: TextReader | null;
}

/** How long the vectors of contents that left the index are kept by default: 30 days. */
export const DEFAULT_RELEASE_GRACE_MS = 30 * 24 * 3600 * 1000;

export interface ScanLibraryOptions {
  /**
   * How long the vectors of a content whose last file left the index are kept (milliseconds), so that a file that
   * comes back is linked without being embedded; after that a scan deletes them. Default 30 days.
   */
  readonly releaseGraceMs?: number;
  readonly prefilterPageSize?: number;
  readonly monitor?: DeltaMonitorOptions;
  readonly video?: VideoSamplingOptions;
}

export interface ScanRunOptions {
  /** `incremental` (default): only what changed. `reindex`: hash every file and embed every content again. */
  readonly mode?: ScanMode;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Names the scan's jobs in the embedding queue (default: made up). */
  readonly scanId?: string;
}

const PAGE = 1000;

/**
 * The whole scan: prefilter (walk vs stored) → monitor (hash candidates, link moves and copies) → index (embed
 * new contents) → cleanup (delete vanished paths, then vectors of contents no path references). Also finishes
 * what an interrupted scan left: queued vector deletions, pending contents, and orphan vectors. The two stores are
 * compared (a count on each, then a sweep when they differ) on the first run of an instance, after a run that did
 * not complete, and on a reindex; a rescan in a long-running process skips that check.
 * Every step writes in an order that leaves the index consistent if the process dies there.
 */
export class ScanLibrary {
  private readonly prefilter: DeltaPrefilter;
  private readonly monitor: DeltaMonitor;
  private readonly indexer: IndexContents;
  private readonly now: () => number;
  private readonly graceMs: number;
  /** Whether the next run must check the two stores against each other (first run, or after an interrupted one). */
  private reconcileNext = true;
  private readonly catchUp: CatchUpMetadata;
  private readonly readText: ReadText | null;

  constructor(
    private readonly deps: ScanLibraryDeps,
    options: ScanLibraryOptions = {},
  ) {
    this.prefilter = new DeltaPrefilter(deps.files, deps.source, options.prefilterPageSize);
    this.monitor = new DeltaMonitor(deps.files, deps.vectors, deps.source, deps.hasher, options.monitor);
    this.indexer = new IndexContents(
      deps.files,
      deps.vectors,
      deps.embedder,
      deps.source,
      deps.videos ?? null,
      options.video ?? DEFAULT_VIDEO_SAMPLING,
      deps.workers ?? null,
      { reader: deps.metadata ?? null, places: deps.places ?? null },
    );
    this.catchUp = new CatchUpMetadata(deps.files, deps.vectors, deps.videos ?? null, {
      reader: deps.metadata ?? null,
      places: deps.places ?? null,
    });
    this.readText = deps.text ? new ReadText(deps.files, deps.text) : null;
    this.now = deps.now ?? (() => Date.now());
    this.graceMs = options.releaseGraceMs ?? DEFAULT_RELEASE_GRACE_MS;
  }

  async run(scope: Scope, options: ScanRunOptions = {}): Promise<ScanReport> {
    const reconcile = this.reconcileNext || options.mode === 'reindex';
    this.reconcileNext = true; // until this run completes
    let report: ScanReport;
    try {
      report = await this.runOnce(scope, options, reconcile);
    } catch (e) {
      // Whatever a step threw when it was stopped (a read's AbortError, a decoder killed), it was a cancel.
      if (options.signal?.aborted) throwIfCancelled(options.signal);
      throw e;
    }
    this.reconcileNext = false;
    return report;
  }

  private async runOnce(scope: Scope, options: ScanRunOptions, reconcile: boolean): Promise<ScanReport> {
    const started = this.now();
    const { files } = this.deps;
    const modelId = this.deps.embedder.modelId;
    const ctx = new ScanContext(
      options.mode ?? 'incremental',
      modelId,
      options.signal,
      options.onProgress,
      new Date(started),
      async () => this.deps.storage?.ensureRoom(),
      options.scanId,
    );
    await ctx.ensureRoom();

    await this.flushVectorDeletions();
    const found = await this.prefilter.run(scope, ctx);

    const vanished = new Map<string, MediaFile[]>();
    const lost: MediaFile[] = []; // vanished files without a hash cannot be the source of a move
    for (const v of found.vanished) {
      if (v.contentHash) vanished.set(v.contentHash, [...(vanished.get(v.contentHash) ?? []), v]);
      else lost.push(v);
    }
    await this.monitor.run(found.candidates, vanished, ctx, (contents) => this.indexer.index(contents, ctx));

    ctx.progress('cleaning', 0, null);
    await this.deleteFiles([...lost, ...[...vanished.values()].flat()], ctx);

    // Pending contents left by an interrupted scan, and everything when the model changed.
    for (let after: string | null = null; ;) {
      ctx.checkCancelled();
      const page: Content[] = await files.listContentsNeedingVectors(modelId, after, PAGE);
      if (page.length === 0) break;
      await this.indexer.index(page, ctx);
      after = page[page.length - 1]!.hash;
    }
    await this.catchUp.run(ctx);
    // Searchable by meaning from here; by the text in its pictures as this phase catches up.
    await this.readText?.run(ctx);
    ctx.counts.swept += await dropReleasedVectors(files, this.deps.vectors, new Date(started - this.graceMs));
    const orphansRemoved = reconcile ? await this.reconcile(ctx) : 0;

    ctx.progress('done', 1, 1);
    return {
      mode: ctx.mode,
      counts: ctx.counts,
      offlineRoots: found.offlineRoots,
      durationMs: this.now() - started,
      errors: ctx.errors,
      orphansRemoved,
    };
  }

  private async deleteFiles(gone: readonly MediaFile[], ctx: ScanContext): Promise<void> {
    for (const part of chunks(gone, PAGE)) {
      await ctx.ensureRoom();
      const hashes = [...new Set(part.flatMap((f) => (f.contentHash ? [f.contentHash] : [])))];
      const { releasedContents, retainedContents } = await this.deps.files.apply({
        deleteFiles: part.map((f) => f.id),
        releaseContents: hashes,
        releasedAt: ctx.startedAt,
      });
      ctx.counts.deleted += part.length;
      ctx.counts.released += retainedContents.length;
      await deleteReleasedVectors(this.deps.files, this.deps.vectors, releasedContents);
      const released = new Set(releasedContents);
      await syncVectorPaths(
        this.deps.files,
        this.deps.vectors,
        hashes.filter((h) => !released.has(h)),
      );
    }
  }

  /** Deletes the vectors of contents released by an earlier scan that stopped before deleting them. */
  private async flushVectorDeletions(): Promise<void> {
    for (;;) {
      const hashes = await this.deps.files.pendingVectorDeletions(PAGE);
      if (hashes.length === 0) return;
      await deleteReleasedVectors(this.deps.files, this.deps.vectors, hashes);
    }
  }

  /**
   * Makes the two stores agree when their counts differ: vectors whose content is unknown (or not indexed for this
   * model) are deleted; contents marked indexed whose vectors are missing are re-queued and embedded.
   */
  private async reconcile(ctx: ScanContext): Promise<number> {
    const { files, vectors } = this.deps;
    const modelId = vectors.modelId;
    // Released contents are hidden from search (no paths); a run that died between releasing one and telling the
    // vector store may have left it visible.
    for (let after: string | null = null; ;) {
      const page = await files.listReleased(after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!;
      await vectors.setPaths(page.map((contentHash) => ({ contentHash, paths: [] })));
    }
    const [stored, held] = await Promise.all([files.stats(modelId), vectors.count()]);
    if (stored.indexedContents + stored.releasedContents === held.contents) return 0;

    let removed = 0;
    for await (const page of contentPages(vectors, PAGE)) {
      const known = new Map((await files.findContents(page)).map((c) => [c.hash, c]));
      const orphans = page.filter((h) => {
        const c = known.get(h);
        return !c || c.status !== 'indexed' || c.modelId !== modelId;
      });
      if (orphans.length > 0) await vectors.deleteContents(orphans);
      removed += orphans.length;
    }

    const missing: Content[] = [];
    for (let after: string | null = null; ;) {
      const page = await files.listContentHashes(after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!;
      const have = await vectors.hasContents(page);
      const contents = await files.findContents(page.filter((h) => !have.has(h)));
      for (const c of contents) {
        // A released content without its vectors has nothing left to keep: the next sweep drops it.
        if (c.status === 'indexed' && c.modelId === modelId && c.releasedAt === null)
          missing.push({ ...c, status: 'pending', modelId: null });
      }
    }
    if (missing.length > 0) {
      await files.apply({ contents: missing });
      for (const c of missing) ctx.attempted.delete(c.hash);
      await this.indexer.index(missing, ctx);
    }
    return removed;
  }
}
