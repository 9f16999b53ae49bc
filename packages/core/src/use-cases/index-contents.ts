import type { Content } from '../domain/content.js';
import type { FileWrite, MediaFile } from '../domain/media-file.js';
import { GlimpseError } from '../errors.js';
import type { Embedder, ImageEmbedding } from '../ports/embedder.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { MediaSource } from '../ports/media-source.js';
import type { VectorPoint, VectorStore } from '../ports/vector-store.js';
import type { VideoSampler } from '../ports/video-sampler.js';
import { chunks } from './concurrency.js';
import type { ScanContext } from './scan-context.js';
import { DEFAULT_SEGMENT_OPTIONS, frameTimes, segmentVideo, type SegmentVideoOptions } from './segment-video.js';

export interface VideoSamplingOptions {
  /** Seconds between sampled frames. */
  readonly intervalSec: number;
  /** At most this many frames per video; long videos are sampled evenly over their whole length. */
  readonly maxFrames: number;
  readonly segments: SegmentVideoOptions;
}

export const DEFAULT_VIDEO_SAMPLING: VideoSamplingOptions = {
  intervalSec: 1,
  maxFrames: 240,
  segments: DEFAULT_SEGMENT_OPTIONS,
};

type Embedded = { readonly content: Content; readonly points: VectorPoint[]; readonly meta: Partial<Content> };
type Failed = { readonly content: Content; readonly file: MediaFile; readonly error: GlimpseError };

/**
 * Stage 3 of a scan: writes vectors for pending contents. For each content one current file is read (its size and
 * mtime checked first, so a file that changed since hashing is left for the next scan). Order, so that a crash at
 * any point leaves a consistent index: vectors are written first (idempotent, keyed by content), then the content
 * is marked indexed. A content found to have vectors already (a crash between those two writes) is marked indexed
 * without embedding it again.
 */
export class IndexContents {
  constructor(
    private readonly files: FileRepository,
    private readonly vectors: VectorStore,
    private readonly embedder: Embedder,
    private readonly source: MediaSource,
    private readonly videos: VideoSampler | null,
    private readonly sampling: VideoSamplingOptions = DEFAULT_VIDEO_SAMPLING,
  ) {}

  async index(contents: readonly Content[], ctx: ScanContext): Promise<void> {
    const todo = contents.filter((c) => !ctx.attempted.has(c.hash));
    for (const c of todo) ctx.attempted.add(c.hash);
    for (const batch of chunks(todo, Math.max(1, this.embedder.batchSize))) {
      ctx.checkCancelled();
      await ctx.ensureRoom();
      await this.indexBatch(batch, ctx);
      ctx.progress('embedding', ctx.counts.embedded, null);
    }
  }

  private async indexBatch(batch: readonly Content[], ctx: ScanContext): Promise<void> {
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
    const images: { content: Content; file: MediaFile }[] = [];
    const videos: { content: Content; file: MediaFile }[] = [];
    for (const content of batch) {
      const file = sourceOf.get(content.hash);
      if (!file) continue; // no file holds it any more: released by the cleanup
      if (already.has(content.hash)) {
        const segments = (await this.vectors.vectorsOf(content.hash)).length;
        recovered.push({ ...content, status: 'indexed', modelId: this.vectors.modelId, segments, error: null });
        continue;
      }
      const now = await this.source.stat(file.path);
      if (!now || now.size !== file.size || now.mtimeNs !== file.mtimeNs) {
        ctx.counts.deferred++;
        ctx.issue(file.path, 'the file changed after it was hashed; it will be indexed by the next scan');
        continue;
      }
      (content.kind === 'video' ? videos : images).push({ content, file });
    }

    const done: Embedded[] = [];
    const failed: Failed[] = [];
    if (images.length > 0) {
      const outcomes = await this.embedder.embedImages(
        images.map((i) => ({ type: 'file', path: i.file.path })),
        ctx.signal,
      );
      outcomes.forEach((o, k) => {
        const { content, file } = images[k]!;
        if (o.ok) done.push(imagePoints(content, file, pathsOf.get(content.hash)!, o.value));
        else failed.push({ content, file, error: o.error });
      });
    }
    for (const { content, file } of videos) {
      ctx.checkCancelled();
      try {
        done.push(await this.embedVideo(content, file, pathsOf.get(content.hash)!, ctx.signal));
      } catch (e) {
        // What the video sampler says about one video (a bad file, a decoder that cannot start for it) is that
        // video's failure; anything else (the model, cancellation) stops the scan.
        if (!ctx.signal?.aborted && e instanceof SamplerFailure) failed.push({ content, file, error: e.error });
        else throw e;
      }
    }

    if (done.length > 0) await this.vectors.upsert(done.flatMap((d) => d.points));
    const failedFiles: FileWrite[] = [];
    for (const f of failed) {
      for (const row of rows.filter((r) => r.contentHash === f.content.hash)) {
        // Copies share the content and its failure; each one's reason names that copy, not the file that was read.
        const reason = f.error.message.split(f.file.path).join(row.path);
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
        ...failed.map((f) => ({ ...f.content, status: 'failed' as const, error: f.error.message })),
      ],
      files: failedFiles,
    });
    ctx.counts.embedded += done.length;
  }

  private async embedVideo(
    content: Content,
    file: MediaFile,
    paths: string[],
    signal: AbortSignal | undefined,
  ): Promise<Embedded> {
    if (!this.videos) {
      throw new SamplerFailure(
        new GlimpseError('unsupported-media', 'videos cannot be indexed: no video decoder (ffmpeg) is configured'),
      );
    }
    const videos = this.videos;
    const info = await videos.probe(file.path, signal).catch((e: unknown) => {
      throw asMediaError(e, signal);
    });
    const times = frameTimes(info.durationSec, this.sampling.intervalSec, this.sampling.maxFrames);
    const frames: { timeSec: number; vector: Float32Array }[] = [];
    let pending: { timeSec: number; data: Uint8Array; width: number; height: number }[] = [];
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const outcomes = await this.embedder.embedImages(
        pending.map((f) => ({ type: 'pixels', width: f.width, height: f.height, data: f.data })),
        signal,
      );
      outcomes.forEach((o, k) => {
        if (o.ok) frames.push({ timeSec: pending[k]!.timeSec, vector: o.value.vector });
      });
      pending = [];
    };
    const sample = async (at: number[]) => {
      const it = videos.frames(file.path, at, this.embedder.frameSize, signal)[Symbol.asyncIterator]();
      for (;;) {
        const next = await it.next().catch((e: unknown) => {
          throw asMediaError(e, signal);
        });
        if (next.done) break;
        pending.push(next.value);
        if (pending.length >= this.embedder.batchSize) await flush();
      }
      await flush();
    };
    await sample(times);
    // A video of one frame (or a fraction of a second) may have no frame at the times planned for it: its first.
    if (frames.length === 0 && !times.includes(0)) await sample([0]);
    if (frames.length === 0) {
      throw new SamplerFailure(new GlimpseError('corrupt-media', 'no frame of the video could be decoded'));
    }
    const segments = segmentVideo(frames, info.durationSec, this.sampling.segments);
    const takenAt = info.createdAt ?? mtimeDate(file);
    const points = segments.map((s) => ({
      contentHash: content.hash,
      segment: s.index,
      vector: s.vector,
      kind: 'video' as const,
      takenAt,
      startSec: s.startSec,
      endSec: s.endSec,
      frameSec: s.frameSec,
      paths,
    }));
    return {
      content,
      points,
      meta: { width: info.width, height: info.height, durationSec: info.durationSec, takenAt },
    };
  }
}

/** An error of the video sampler about one video, recorded as that video's failure. */
class SamplerFailure extends Error {
  constructor(readonly error: GlimpseError) {
    super(error.message);
  }
}

/** A sampler error is the video's failure (a decoder error that is not a GlimpseError: `corrupt-media`). */
function asMediaError(e: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return e;
  return new SamplerFailure(GlimpseError.from(e, 'corrupt-media', 'could not read the video'));
}

/** When the capture date is unknown, the file's modification time stands in (as most photo tools do). */
function mtimeDate(file: MediaFile): Date {
  return new Date(Number(file.mtimeNs / 1_000_000n));
}

function imagePoints(content: Content, file: MediaFile, paths: string[], e: ImageEmbedding): Embedded {
  const takenAt = e.takenAt ?? mtimeDate(file);
  const point: VectorPoint = {
    contentHash: content.hash,
    segment: 0,
    vector: e.vector,
    kind: 'image',
    takenAt,
    startSec: null,
    endSec: null,
    frameSec: null,
    paths,
  };
  return { content, points: [point], meta: { width: e.width, height: e.height, takenAt } };
}
