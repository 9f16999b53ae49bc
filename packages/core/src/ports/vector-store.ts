import type { MediaKind } from '../domain/media-file.js';

/** One vector: a whole image (segment 0) or one scene of a video. Keyed by (contentHash, segment). */
export interface VectorPoint {
  readonly contentHash: string;
  readonly segment: number;
  /** Unit length, of the store's dimension. */
  readonly vector: Float32Array;
  readonly kind: MediaKind;
  readonly takenAt: Date | null;
  /** Time range of a video segment; null for images. */
  readonly startSec: number | null;
  readonly endSec: number | null;
  /** The representative frame of a video segment; null for images. */
  readonly frameSec: number | null;
  /** Current paths of the content, for the folder filter (see {@link VectorStore.setPaths}). */
  readonly paths: readonly string[];
}

/** A point as a store gives it back: everything but the paths, which are the file database's to say. */
export type StoredPoint = Omit<VectorPoint, 'paths'>;

export interface VectorFilter {
  readonly kind?: MediaKind;
  /** Inclusive bounds on `takenAt`; contents with an unknown date are excluded when either bound is set. */
  readonly takenFrom?: Date;
  readonly takenTo?: Date;
  /** Only contents with at least one path strictly inside this folder. */
  readonly folder?: string;
  /** Leave these contents out (e.g. the item a "similar" search starts from). */
  readonly excludeContents?: readonly string[];
  /**
   * Only these contents (a filter on what files say about themselves, resolved by the file database: a camera, a
   * place). Empty: nothing matches.
   */
  readonly onlyContents?: readonly string[];
}

export interface VectorQuery {
  readonly vector: Float32Array;
  /** Number of contents to return, 1..1000. */
  readonly limit: number;
  /** Number of best contents to skip, for paging. Default 0. */
  readonly offset?: number;
  readonly filter?: VectorFilter;
}

export interface SegmentHit {
  readonly segment: number;
  /** Cosine similarity with the query. */
  readonly score: number;
  readonly startSec: number | null;
  readonly endSec: number | null;
  readonly frameSec: number | null;
}

/** A page of {@link VectorStore.listContents}: the hashes, and the cursor of the next page (null: the last page). */
export interface ContentPage {
  readonly hashes: readonly string[];
  readonly next: string | null;
}

/** One content in a result list: its best score and its matching segments, best first. */
export interface ContentHit {
  readonly contentHash: string;
  readonly kind: MediaKind;
  /** The best segment's score. */
  readonly score: number;
  readonly segments: readonly SegmentHit[];
}

/**
 * Vectors of one embedding space (one model id and dimension). A content's points are written and deleted
 * together. Filters are applied inside the search, before ranking, never by cutting a top-k afterwards.
 */
export interface VectorStore {
  /** The model whose vectors this store holds. */
  readonly modelId: string;
  readonly dimension: number;

  /**
   * Inserts or replaces points keyed by (contentHash, segment). Idempotent. All points of one call are applied
   * together; a content's points must be written in one call, and a call replaces every earlier point of the
   * contents it names (a content re-embedded with fewer segments keeps no stale ones).
   * Throws `invalid-input` for a vector of the wrong dimension.
   */
  upsert(points: readonly VectorPoint[]): Promise<void>;

  /**
   * Replaces the paths recorded for these contents (moves, copies, deletions). Unknown hashes are ignored. An empty
   * list hides the content from search until it has paths again (its vectors stay).
   */
  setPaths(updates: readonly { contentHash: string; paths: readonly string[] }[]): Promise<void>;

  /** Deletes every point of these contents. Idempotent; unknown hashes are ignored. */
  deleteContents(hashes: readonly string[]): Promise<void>;

  /** The subset of `hashes` that have at least one point. */
  hasContents(hashes: readonly string[]): Promise<Set<string>>;

  /** The vectors of one content, by segment order; [] when it has none. */
  vectorsOf(contentHash: string): Promise<Float32Array[]>;

  /**
   * Every point of these contents, as written (vectors within float precision), by content hash then segment;
   * unknown hashes give none. For moving an index to another store without embedding anything again.
   */
  pointsOf(hashes: readonly string[]): Promise<StoredPoint[]>;

  /**
   * Best contents for the query by cosine similarity, grouped by content, in the order of `compareRanked` (best
   * first; equal scores by content hash), segments by `compareSegments`. Contents whose paths are empty (released:
   * no file holds them, their vectors kept for a grace period) are never returned.
   */
  search(query: VectorQuery): Promise<ContentHit[]>;

  /**
   * One page of the hashes of contents with points, for sweeps over every content: start with `cursor` null and
   * pass each page's `next` until it is null. Every content present for the whole walk is listed exactly once; the
   * order is the store's own (not promised; Qdrant cannot list payload values in order cheaply), and the cursor
   * is opaque. At most `limit` hashes a page.
   */
  listContents(cursor: string | null, limit: number): Promise<ContentPage>;

  /** Number of points and of distinct contents. */
  count(): Promise<{ points: number; contents: number }>;

  /** Deletes every point. Idempotent. */
  reset(): Promise<void>;
}
