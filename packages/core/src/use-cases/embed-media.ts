import type { Content } from '../domain/content.js';
import { GlimpseError } from '../errors.js';
import type { EmbedItem, EmbedItemResult } from '../ports/embedding-queue.js';
import type { Embedder } from '../ports/embedder.js';
import type { JobFiles, OpenedFile } from '../ports/job-files.js';
import type { MediaSource } from '../ports/media-source.js';
import type { MetadataReader } from '../ports/metadata-reader.js';
import type { StoredPoint } from '../ports/vector-store.js';
import type { VideoSampler } from '../ports/video-sampler.js';
import { mapConcurrent } from './concurrency.js';
import { readMetadata, videoMetadata } from './content-metadata.js';
import { throwIfCancelled } from './scan-context.js';
import { frameTimes, segmentVideo, DEFAULT_SEGMENT_OPTIONS, type SegmentVideoOptions } from './segment-video.js';

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

const CHANGED = 'the file changed after it was hashed; it will be indexed by the next scan';
/** Files fetched at once for a job (a worker reading over HTTP); the files in place are only stat'ed. */
const OPEN_AT_ONCE = 4;

/** A job's files read where they are: each checked (size, mtime) against what was hashed. */
export class InPlaceJobFiles implements JobFiles {
  constructor(private readonly source: MediaSource) {}

  async open(item: EmbedItem): Promise<OpenedFile | 'changed'> {
    const now = await this.source.stat(item.path);
    if (!now || now.size !== item.size || now.mtimeNs !== item.mtimeNs) return 'changed';
    return { path: item.path, release: async () => {} };
  }
}

/**
 * Turns files into vectors: a picture into one point, a video into one point per scene. What is one file's
 * fault (not a picture, a video the decoder cannot read, a file changed since it was hashed) is that file's
 * result; anything else (the model, cancellation) is thrown. Used by the scan in process and by a worker.
 */
export class EmbedMedia {
  constructor(
    private readonly embedder: Embedder,
    private readonly files: JobFiles,
    private readonly videos: VideoSampler | null,
    private readonly sampling: VideoSamplingOptions = DEFAULT_VIDEO_SAMPLING,
    /** Reads pictures' metadata (camera, lens, GPS, the date with its offset); null: only the decoder's date. */
    private readonly metadata: MetadataReader | null = null,
  ) {}

  get modelId(): string {
    return this.embedder.modelId;
  }

  /** One result per item, in order. */
  async embed(items: readonly EmbedItem[], signal?: AbortSignal): Promise<EmbedItemResult[]> {
    const results = new Map<string, EmbedItemResult>();
    const opened = new Map<string, OpenedFile>();
    let stop: unknown = null; // what ends the whole job; files in flight still land in `opened` and are released
    try {
      await mapConcurrent(items, OPEN_AT_ONCE, async (item) => {
        if (stop !== null || signal?.aborted) return;
        try {
          const file = await this.files.open(item, signal);
          if (file === 'changed')
            results.set(item.contentHash, { contentHash: item.contentHash, ok: false, reason: CHANGED, changed: true });
          else opened.set(item.contentHash, file);
        } catch (e) {
          // One file the source cannot give (unreadable, no longer in the index) is that file's failure.
          if (!signal?.aborted && isMediaFailure(e))
            results.set(item.contentHash, { contentHash: item.contentHash, ok: false, reason: e.message });
          else stop ??= e;
        }
      });
      if (stop !== null) throw stop;
      throwIfCancelled(signal);
      await this.embedOpened(
        items.filter((i) => opened.has(i.contentHash)),
        (i) => opened.get(i.contentHash)!.path,
        results,
        signal,
      );
    } finally {
      await Promise.all([...opened.values()].map((f) => f.release()));
    }
    return items.map((i) => results.get(i.contentHash)!);
  }

  private async embedOpened(
    items: readonly EmbedItem[],
    pathOf: (item: EmbedItem) => string,
    results: Map<string, EmbedItemResult>,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const images = items.filter((i) => i.kind !== 'video');
    const videos = items.filter((i) => i.kind === 'video');
    if (images.length > 0) {
      const [outcomes, metas] = await Promise.all([
        this.embedder.embedImages(
          images.map((i) => ({ type: 'file', path: pathOf(i) })),
          signal,
        ),
        mapConcurrent(images, OPEN_AT_ONCE, (i) => readMetadata(pathOf(i), i.kind, this.metadata, null, signal)),
      ]);
      outcomes.forEach((o, k) => {
        const item = images[k]!;
        if (!o.ok) {
          results.set(item.contentHash, { contentHash: item.contentHash, ok: false, reason: o.error.message });
          return;
        }
        const meta = metas[k];
        // The date: the metadata's (with its offset), else the decoder's EXIF date, else the file's mtime.
        const known = meta?.takenAt ?? o.value.takenAt ?? null;
        const takenAt = known ?? mtimeDate(item);
        results.set(item.contentHash, {
          contentHash: item.contentHash,
          ok: true,
          points: [
            {
              contentHash: item.contentHash,
              segment: 0,
              vector: o.value.vector,
              kind: 'image',
              takenAt,
              startSec: null,
              endSec: null,
              frameSec: null,
            },
          ],
          facts: { width: o.value.width, height: o.value.height, durationSec: null, takenAt },
          ...(meta ? { metadata: { ...meta, takenAt: known } } : {}),
        });
      });
    }
    for (const item of videos) {
      throwIfCancelled(signal);
      try {
        results.set(item.contentHash, await this.embedVideo(item, pathOf(item), signal));
      } catch (e) {
        // What the video sampler says about one video (a bad file, a decoder that cannot start for it) is that
        // video's failure; anything else (the model, cancellation) stops the work.
        if (!signal?.aborted && e instanceof SamplerFailure)
          results.set(item.contentHash, { contentHash: item.contentHash, ok: false, reason: e.error.message });
        else throw e;
      }
    }
  }

  private async embedVideo(item: EmbedItem, path: string, signal: AbortSignal | undefined): Promise<EmbedItemResult> {
    if (!this.videos) {
      throw new SamplerFailure(
        new GlimpseError('unsupported-media', 'videos cannot be indexed: no video decoder (ffmpeg) is configured'),
      );
    }
    const videos = this.videos;
    const info = await videos.probe(path, signal).catch((e: unknown) => {
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
      const it = videos.frames(path, at, this.embedder.frameSize, signal)[Symbol.asyncIterator]();
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
    const takenAt = info.createdAt ?? mtimeDate(item);
    const points: StoredPoint[] = segments.map((s) => ({
      contentHash: item.contentHash,
      segment: s.index,
      vector: s.vector,
      kind: 'video' as const,
      takenAt,
      startSec: s.startSec,
      endSec: s.endSec,
      frameSec: s.frameSec,
    }));
    const facts: Pick<Content, 'width' | 'height' | 'durationSec' | 'takenAt'> = {
      width: info.width,
      height: info.height,
      durationSec: info.durationSec,
      takenAt,
    };
    return { contentHash: item.contentHash, ok: true, points, facts, metadata: videoMetadata(info) };
  }
}

/** An error of the video sampler about one video, recorded as that video's failure. */
class SamplerFailure extends Error {
  constructor(readonly error: GlimpseError) {
    super(error.message);
  }
}

/** An error about one file (not the model, not the source as a whole): that file's failure. */
function isMediaFailure(e: unknown): e is GlimpseError {
  return (
    GlimpseError.is(e, 'corrupt-media') || GlimpseError.is(e, 'not-found') || GlimpseError.is(e, 'unsupported-media')
  );
}

/** A sampler error is the video's failure (a decoder error that is not a GlimpseError: `corrupt-media`). */
function asMediaError(e: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return e;
  return new SamplerFailure(GlimpseError.from(e, 'corrupt-media', 'could not read the video'));
}

/** When the capture date is unknown, the file's modification time stands in (as most photo tools do). */
function mtimeDate(item: EmbedItem): Date {
  return new Date(Number(item.mtimeNs / 1_000_000n));
}
