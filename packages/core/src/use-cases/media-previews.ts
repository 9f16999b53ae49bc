import type { Content } from '../domain/content.js';
import type { MediaFile } from '../domain/media-file.js';
import { GlimpseError } from '../errors.js';
import { cameraName, type Place, type TakenAtSource } from '../domain/media-metadata.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { ImageCodec, ImageFacts } from '../ports/image-codec.js';
import type { MediaSource } from '../ports/media-source.js';
import type { PreviewCache } from '../ports/preview-cache.js';
import type { VideoSampler } from '../ports/video-sampler.js';

/** An indexed file as a person sees it: where it is, what it is, and what Glimpse knows about it. */
export interface MediaItem {
  readonly id: string;
  readonly path: string;
  /** Every current path holding the same bytes. */
  readonly paths: readonly string[];
  readonly kind: MediaFile['kind'];
  readonly size: number;
  readonly status: MediaFile['status'];
  readonly error: string | null;
  readonly contentHash: string | null;
  /** Whether its vectors are written (searchable). */
  readonly indexed: boolean;
  readonly width: number | null;
  readonly height: number | null;
  readonly takenAt: Date | null;
  readonly durationSec: number | null;
  /** The camera, for pictures whose EXIF names it; null otherwise. */
  readonly camera: string | null;
  /** Where `takenAt` comes from: the file's metadata, or its modification time; null until read. */
  readonly takenAtSource: TakenAtSource | null;
  /** Minutes east of UTC of the local time it was taken at, when recorded. */
  readonly takenAtOffsetMin: number | null;
  readonly lens: string | null;
  /** Its GPS position, when recorded. */
  readonly location: { readonly latitude: number; readonly longitude: number } | null;
  readonly place: Place | null;
  /** The text read in the picture (OCR), one line per line; '' when it has none; null until read (or a video). */
  readonly text: string | null;
}

/** The original file to send, as found on disk now. */
export interface MediaOriginal {
  readonly path: string;
  readonly kind: MediaFile['kind'];
  readonly size: number;
  /** Modification time as the file system reports it now (nanoseconds), for validators. */
  readonly mtimeNs: bigint;
  readonly contentHash: string | null;
}

export interface Preview {
  readonly bytes: Uint8Array;
  /** The content the preview shows: a key for caching headers. */
  readonly contentHash: string;
}

export const THUMBNAIL_SIZES: readonly number[] = [160, 320, 640];
/** Ids are opaque, but never contain a slash, a dot or anything else a path would need. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Media by id: facts, the original file, thumbnails and video frames. Only ids name media, never paths from the
 * caller, so nothing outside the index can be reached. Thumbnails are made once per content and size and cached;
 * a file that changed on disk since it was indexed gets a fresh preview that is not cached under the old hash.
 */
export class MediaPreviews {
  constructor(
    private readonly files: FileRepository,
    private readonly source: MediaSource,
    private readonly codec: ImageCodec,
    private readonly videos: VideoSampler | null,
    private readonly cache: PreviewCache,
  ) {}

  async describe(id: string, modelId: string): Promise<MediaItem> {
    const file = await this.file(id);
    const [content] = file.contentHash ? await this.files.findContents([file.contentHash]) : [];
    const copies = file.contentHash ? await this.files.findByContent([file.contentHash]) : [file];
    // What the scan read from the file; else from its header on demand (an index whose metadata is not read yet).
    const known = content?.meta ? cameraName(content.meta) : null;
    const camera =
      known ??
      (file.kind === 'image' && file.status === 'ok' && !content?.meta
        ? await this.codec.probeFile(file.path).then(
            (f) => f.camera,
            () => null,
          )
        : null);
    return toItem(file, content ?? null, copies, modelId, camera);
  }

  /** Format and size of an uploaded picture, from its header (nothing decoded). */
  inspectUpload(bytes: Uint8Array): Promise<ImageFacts> {
    return this.codec.probe(bytes);
  }

  /** The original of an indexed file; a file that failed to index is never served (it may not be media at all). */
  async original(id: string): Promise<MediaOriginal> {
    const file = await this.readable(id);
    const stat = await this.source.stat(file.path);
    if (!stat) {
      throw new GlimpseError(
        'not-found',
        `"${file.path}" is no longer there (moved, deleted, or its disk is not mounted); the next scan will update the index.`,
      );
    }
    return { path: file.path, kind: file.kind, size: stat.size, mtimeNs: stat.mtimeNs, contentHash: file.contentHash };
  }

  /** A JPEG thumbnail fitting `size` (one of {@link THUMBNAIL_SIZES}); for a video, a frame near its start. */
  async thumbnail(id: string, size: number): Promise<Preview> {
    if (!THUMBNAIL_SIZES.includes(size))
      throw new GlimpseError('invalid-input', `The thumbnail size must be one of ${THUMBNAIL_SIZES.join(', ')}.`);
    const file = await this.readable(id);
    const key = `thumb-${file.contentHash}-${size}.jpg`;
    return this.cached(file, key, async () => {
      if (file.kind === 'image') return this.codec.thumbnail(file.path, size);
      const [content] = await this.files.findContents([file.contentHash]);
      const duration = content?.durationSec ?? null;
      // A frame a little in: the very first is often black or a fade.
      const at = duration && duration > 2 ? Math.min(duration * 0.1, 10) : 0;
      return this.frameBytes(file, at, size);
    });
  }

  /**
   * A JPEG of the video's frame at `timeSec`, fitting `size`. A time past the end of a video whose length is known
   * is `invalid-input` (saying the length); up to the end, the last frame.
   */
  async frame(id: string, timeSec: number, size = 640): Promise<Preview> {
    if (!Number.isFinite(timeSec) || timeSec < 0)
      throw new GlimpseError('invalid-input', 'The time t must be a number of seconds, 0 or more (e.g. t=12.5).');
    if (!THUMBNAIL_SIZES.includes(size))
      throw new GlimpseError('invalid-input', `The frame size must be one of ${THUMBNAIL_SIZES.join(', ')}.`);
    const file = await this.readable(id);
    if (file.kind !== 'video') throw new GlimpseError('invalid-input', `"${file.path}" is a picture, not a video.`);
    const [content] = await this.files.findContents([file.contentHash]);
    const duration = content?.durationSec ?? null;
    if (duration !== null && timeSec > duration) {
      const name = file.path.slice(file.path.lastIndexOf('/') + 1);
      throw new GlimpseError(
        'invalid-input',
        `t=${timeSec} is past the end of "${name}" (${duration.toFixed(1)} s long); ` +
          `give a time from 0 to ${(Math.floor(duration * 10) / 10).toFixed(1)}.`,
      );
    }
    // Frames are cached at a tenth of a second: a video timeline asks for the same moments again.
    const last = duration !== null ? Math.max(0, Math.floor((duration - 0.05) * 10) / 10) : Infinity;
    const t = Math.min(Math.round(timeSec * 10) / 10, last);
    return this.cached(file, `frame-${file.contentHash}-${t.toFixed(1)}-${size}.jpg`, () =>
      this.frameBytes(file, t, size),
    );
  }

  private async frameBytes(file: MediaFile, timeSec: number, size: number): Promise<Uint8Array> {
    if (!this.videos)
      throw new GlimpseError('unavailable', 'Video frames need ffmpeg, which was not found; install ffmpeg.');
    for await (const frame of this.videos.frames(file.path, [timeSec], size)) {
      return this.codec.encodeFrame(frame, size);
    }
    for await (const frame of this.videos.frames(file.path, [0], size)) return this.codec.encodeFrame(frame, size);
    throw new GlimpseError('corrupt-media', `No frame could be read from "${file.path}".`);
  }

  private async cached(
    file: MediaFile & { contentHash: string },
    key: string,
    make: () => Promise<Uint8Array>,
  ): Promise<Preview> {
    const hit = await this.cache.get(key);
    if (hit) return { bytes: hit, contentHash: file.contentHash };
    const bytes = await make();
    // Cache only when the file on disk is still the one indexed under this hash.
    const stat = await this.source.stat(file.path);
    if (stat && stat.size === file.size && stat.mtimeNs === file.mtimeNs) await this.cache.put(key, bytes);
    return { bytes, contentHash: file.contentHash };
  }

  private async readable(id: string): Promise<MediaFile & { contentHash: string }> {
    const file = await this.file(id);
    if (file.status !== 'ok' || !file.contentHash) {
      throw new GlimpseError(
        'not-found',
        `"${file.path}" is not served: it could not be indexed as a picture or video (${file.error ?? 'unreadable'}).`,
      );
    }
    return file as MediaFile & { contentHash: string };
  }

  private async file(id: string): Promise<MediaFile> {
    if (!ID.test(id)) throw new GlimpseError('invalid-input', `"${id.slice(0, 80)}" is not a media id.`);
    const file = await this.files.findById(id);
    if (!file) throw new GlimpseError('not-found', `No indexed file has the id "${id}".`);
    return file;
  }
}

function toItem(
  file: MediaFile,
  content: Content | null,
  copies: readonly MediaFile[],
  modelId: string,
  camera: string | null,
): MediaItem {
  return {
    id: file.id,
    path: file.path,
    paths: copies.map((f) => f.path),
    kind: file.kind,
    size: file.size,
    status: file.status,
    error: file.error ?? content?.error ?? null,
    contentHash: file.contentHash,
    indexed: content?.status === 'indexed' && content.modelId === modelId,
    width: content?.width ?? null,
    height: content?.height ?? null,
    takenAt: content?.takenAt ?? null,
    durationSec: content?.durationSec ?? null,
    camera,
    takenAtSource: content?.meta?.takenAtSource ?? null,
    takenAtOffsetMin: content?.meta?.takenAtOffsetMin ?? null,
    lens: content?.meta?.lens ?? null,
    location:
      content?.meta?.latitude != null && content.meta.longitude != null
        ? { latitude: content.meta.latitude, longitude: content.meta.longitude }
        : null,
    place: content?.meta?.place ?? null,
    text: content?.text ?? null,
  };
}
