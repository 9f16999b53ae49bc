import type { Content } from '../domain/content.js';
import type { FileWrite, MediaFile, MediaKind } from '../domain/media-file.js';
import type { TextLine } from '../domain/image-text.js';
import type { ContentMeta } from '../domain/media-metadata.js';

/** A range of paths in code point order: `from` inclusive, `to` exclusive; a missing bound is open. */
export interface PathRange {
  readonly from?: string;
  readonly to?: string;
}

/** What a rescan compares of a stored file with what it finds on disk. */
export interface FileStamp {
  readonly path: string;
  readonly size: number;
  readonly mtimeNs: bigint;
  readonly kind: MediaKind;
}

/** Changes applied together in one transaction by {@link FileRepository.apply}. */
export interface ChangeBatch {
  /** Contents to insert or replace, keyed by hash. */
  readonly contents?: readonly Content[];
  /** Files to write: by id when given (a move keeps its id), otherwise inserted or replaced by path. */
  readonly files?: readonly FileWrite[];
  /** Ids of files to delete; unknown ids are ignored. */
  readonly deleteFiles?: readonly string[];
  /**
   * Hashes of contents that may have lost their last file in this batch. After the other changes, each of those
   * that no file references any more is released: an `indexed` one is kept, with `releasedAt` set to
   * {@link ChangeBatch.releasedAt}, so its vectors survive until {@link FileRepository.dropReleased} (a file that
   * comes back links to it again); any other is deleted and queued for vector deletion
   * ({@link FileRepository.pendingVectorDeletions}).
   */
  readonly releaseContents?: readonly string[];
  /** The release time recorded for contents kept by this batch's releases; default: now. */
  readonly releasedAt?: Date;
  /** Hashes whose vectors were deleted: removed from the vector-deletion queue. */
  readonly clearVectorDeletions?: readonly string[];
}

export interface ApplyResult {
  /** Hashes of contents deleted because no file referenced them any more. Their vectors must be deleted next. */
  readonly releasedContents: readonly string[];
  /**
   * Hashes of indexed contents that no file references any more, kept (released) with their vectors for the grace
   * period. Search must not show them: their vector paths become empty.
   */
  readonly retainedContents: readonly string[];
}

export interface RepositoryStats {
  readonly files: number;
  readonly failedFiles: number;
  /** Contents held by at least one file. */
  readonly contents: number;
  /** Contents held by a file whose vectors are written for `modelId` (the argument of {@link FileRepository.stats}). */
  readonly indexedContents: number;
  /** Released contents (no file holds them) whose vectors for `modelId` are kept for the grace period. */
  readonly releasedContents: number;
  /** Vector points of those released contents. */
  readonly releasedPoints: number;
  /** When the oldest of them was released; null when there are none. */
  readonly oldestRelease: Date | null;
}

/** A filter on what files say about themselves (see `FileRepository.contentsMatching`). */
export interface MetadataFilter {
  readonly camera?: string;
  readonly lens?: string;
  readonly place?: string;
}

/**
 * The file database: paths with their size, mtime and content hash, and the contents those hashes name.
 * Batch-oriented so a scan of 100,000 files is a few dozen round trips. All paths are absolute and
 * '/'-separated; order is code point order (see `comparePaths`).
 */
export interface FileRepository {
  /**
   * Files whose path lies in `range` and sorts strictly after `after` (when given), ascending in code point
   * order, at most `limit` (> 0). Returns [] when there are none. For keyset paging pass the last path as `after`.
   */
  list(range: PathRange, limit: number, after?: string): Promise<MediaFile[]>;

  /**
   * As {@link list}, but only what a rescan compares (path, size, mtime, kind): a rescan reads every stored file,
   * and the full records of the few that differ afterwards ({@link findByPaths}).
   */
  listStamps(range: PathRange, limit: number, after?: string): Promise<FileStamp[]>;

  /** The files at these paths, in no particular order; unknown paths are absent from the result. */
  findByPaths(paths: readonly string[]): Promise<MediaFile[]>;

  /** The file with this id, or null when there is none. */
  findById(id: string): Promise<MediaFile | null>;

  /** All files referencing any of these content hashes, ascending by path; [] for unknown hashes. */
  findByContent(hashes: readonly string[]): Promise<MediaFile[]>;

  /** The contents with these hashes, in no particular order; unknown hashes are absent. */
  findContents(hashes: readonly string[]): Promise<Content[]>;

  /**
   * Contents held by a file that need vectors for `modelId` (status `pending`, or `indexed` for another model),
   * ascending by hash, strictly after `afterHash` when given, at most `limit`. Released contents are not listed.
   */
  listContentsNeedingVectors(modelId: string, afterHash: string | null, limit: number): Promise<Content[]>;

  /** Files with status `failed`, ascending by path, after skipping `offset`; at most `limit`. */
  listFailed(limit: number, offset: number): Promise<MediaFile[]>;

  /**
   * Applies every change of the batch in one transaction: all or nothing. Order inside the batch: contents,
   * files, deletions, releases, clears. Idempotent when repeated with the same batch. A file written with the hash
   * of a released content takes it back (its `releasedAt` is cleared).
   * Throws `conflict` when a file write by id would take a path held by another file, or a file references a
   * content that neither exists nor is in the batch; `not-found` for a write by an id no file has.
   */
  apply(batch: ChangeBatch): Promise<ApplyResult>;

  /** Hashes whose vectors are queued for deletion (released contents), at most `limit`. */
  pendingVectorDeletions(limit: number): Promise<string[]>;

  /**
   * Deletes at most `limit` released contents whose `releasedAt` is at or before `releasedUntil` (still held by no
   * file), lowest hashes first, and queues their vector deletion, in one transaction. Returns their hashes ([] when
   * none are left); their vectors must be deleted next. Idempotent.
   */
  dropReleased(releasedUntil: Date, limit: number): Promise<string[]>;

  /** Hashes of released contents, ascending, strictly after `afterHash`, at most `limit`. */
  listReleased(afterHash: string | null, limit: number): Promise<string[]>;

  /** Hashes of all contents (released ones too), ascending, strictly after `afterHash`, at most `limit`; for orphan sweeps. */
  listContentHashes(afterHash: string | null, limit: number): Promise<string[]>;

  /**
   * Records what each content's file says (read at METADATA_VERSION), replacing what was recorded; hashes of
   * contents that do not exist are ignored. The metadata is given back as `Content.meta` by `findContents`.
   */
  writeMetadata(entries: readonly { readonly hash: string; readonly meta: ContentMeta }[]): Promise<void>;

  /**
   * Indexed contents held by a file whose metadata was not read at METADATA_VERSION (never, or by an older
   * Glimpse), ascending by hash, strictly after `afterHash` when given, at most `limit`.
   */
  listContentsNeedingMetadata(afterHash: string | null, limit: number): Promise<Content[]>;

  /**
   * Records the text read in each content's picture by `reader` (a TextReader's id), replacing what was recorded:
   * its lines ([] when it has none) or, when the picture could not be read, the reason (`error`). Hashes of
   * contents that do not exist are ignored. The text is given back as `Content.text` by `findContents`.
   */
  writeText(
    entries: readonly {
      readonly hash: string;
      readonly reader: string;
      readonly lines: readonly TextLine[];
      readonly error?: string | null;
    }[],
  ): Promise<void>;

  /**
   * Indexed pictures (kind `image`) held by a file whose text was not read by `reader` (never, or by another
   * reader), ascending by hash, strictly after `afterHash` when given, at most `limit`. Released contents are not
   * listed: a moved or copied file's content keeps what was read.
   */
  listContentsNeedingText(reader: string, afterHash: string | null, limit: number): Promise<Content[]>;

  /** How many contents `listContentsNeedingText` would list in all (for progress). */
  countContentsNeedingText(reader: string): Promise<number>;

  /** How many contents have their text read (by any reader), and how many of them have some. */
  textStats(): Promise<{ read: number; withText: number }>;

  /**
   * Hashes of contents whose metadata matches every field given, ascending, at most `limit`. Each is a
   * case-insensitive substring: `camera` of the make or the model, `lens` of the lens, `place` of the city, the
   * region or the country, or exactly the country code.
   */
  contentsMatching(filter: MetadataFilter, limit: number): Promise<string[]>;

  /**
   * Candidates of a keyword search: files whose name or folders have a word starting with one of `tokens` (as
   * `queryTokens` gives them), and contents whose camera, lens, place or text read in the picture does, best first by the database's rank,
   * at most `limit` of each. Only files that are `ok` and hold a content. Core scores and explains them.
   */
  keywordCandidates(
    tokens: readonly string[],
    limit: number,
  ): Promise<{ files: { contentHash: string; path: string }[]; contents: string[] }>;

  /** The names of every town, region and country the index's items were taken in, lower-cased, each once. */
  knownPlaces(): Promise<string[]>;

  /**
   * The library to browse: hashes of the contents indexed for `modelId` (not released) that an `ok` file holds,
   * newest taken first (undated last), then by hash; a page of them. `before` keeps those taken before it (a jump
   * to a month), `kind` one kind.
   */
  browse(modelId: string, page: BrowsePage): Promise<string[]>;

  /**
   * How many of those contents were taken in each month (UTC, "2024-07"), newest first; `month: null` counts the
   * undated ones, last.
   */
  libraryMonths(modelId: string, kind?: MediaKind): Promise<{ month: string | null; count: number }[]>;

  /** Counts of files and contents; `indexedContents` counts contents indexed for `modelId`. */
  stats(modelId: string): Promise<RepositoryStats>;

  /** Deletes every file, content and queued deletion. Idempotent. */
  reset(): Promise<void>;
}

/** A page of the library in date order (see `FileRepository.browse`). */
export interface BrowsePage {
  readonly before?: Date;
  readonly kind?: MediaKind;
  readonly offset: number;
  readonly limit: number;
}
