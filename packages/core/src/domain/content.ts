import type { ContentMeta } from './media-metadata.js';
import type { MediaKind } from './media-file.js';

/**
 * `pending`: known, vectors not written for the current model yet. `indexed`: vectors written for `modelId`.
 * `failed`: the bytes cannot be embedded (corrupt or unsupported media); retried when a file holding it changes
 * or on a full reindex.
 */
export type ContentStatus = 'pending' | 'indexed' | 'failed';

/** Distinct bytes, addressed by their hash. Vectors belong to a content, not to a path. */
export interface Content {
  readonly hash: string;
  readonly kind: MediaKind;
  readonly status: ContentStatus;
  /** The model whose vectors are written, when `status` is `indexed`. */
  readonly modelId: string | null;
  /** Number of vector points (1 for an image, one per scene for a video); 0 until indexed. */
  readonly segments: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly durationSec: number | null;
  /** When the photo or video was taken (EXIF, container metadata); null when unknown. */
  readonly takenAt: Date | null;
  readonly error: string | null;
  /**
   * When the last file holding this content left the index; null while a file holds it. A released content keeps
   * its vectors for a grace period, so a file that comes back (a folder re-added, a disk remounted, a restore) is
   * linked again without being embedded. Kept by the file repository: set on release, cleared when a file
   * references the content again; the value written is ignored.
   */
  readonly releasedAt: Date | null;
  /**
   * What its file says about itself (camera, lens, place, the date's source), once read; kept by the file
   * repository (`writeMetadata`) and given back by `findContents` (absent until read); the value written with a
   * content is ignored.
   */
  readonly meta?: ContentMeta | null;
  /**
   * The text read in the picture (OCR), one line per line; '' when it has none. Kept by the file repository
   * (`writeText`) and given back by `findContents` (absent until read); the value written with a content is ignored.
   */
  readonly text?: string | null;
}

export function pendingContent(hash: string, kind: MediaKind): Content {
  return {
    hash,
    kind,
    status: 'pending',
    modelId: null,
    segments: 0,
    width: null,
    height: null,
    durationSec: null,
    takenAt: null,
    error: null,
    releasedAt: null,
  };
}

/** True when the content must be (re-)embedded for `modelId`. Failed contents wait for a change or a reindex. */
export function needsVectors(content: Content, modelId: string): boolean {
  return content.status === 'pending' || (content.status === 'indexed' && content.modelId !== modelId);
}
