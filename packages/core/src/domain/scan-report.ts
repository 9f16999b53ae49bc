/** How many files fell where during one scan. Every file met by the walk lands in exactly one of
 * unchanged / new / modified / moved / failed / deferred. */
export interface ScanCounts {
  /** In-scope files met by the walk. */
  seen: number;
  /** Same size and mtime as stored, or same hash after a touch. */
  unchanged: number;
  /** Paths not in the index before (copies included). */
  new: number;
  /** Known paths whose bytes changed. */
  modified: number;
  /** New paths whose content had just vanished from another path (moves and renames): nothing re-embedded. */
  moved: number;
  /** Stored paths that are gone or now out of scope. */
  deleted: number;
  /** Contents embedded (vectors written) in this scan. */
  embedded: number;
  /** Files that could not be read, hashed or embedded in this scan; each has a reason in `errors`. */
  failed: number;
  /** Files met by the walk that are out of scope (not media, excluded, hidden, too large, links). */
  skipped: number;
  /** Of the skipped: pictures in a format Glimpse does not read (camera RAW, PSD, SVG, ...). */
  unsupported: number;
  /** Of the skipped: symbolic links, to files or folders (never followed; index the target's folder instead). */
  links: number;
  /** Files whose bytes were hashed in this scan. */
  hashed: number;
  /** Files that changed while being read; left as they were for the next scan. */
  deferred: number;
  /**
   * Contents whose last file left the index in this scan (deleted, moved out of scope, a root removed). Search no
   * longer shows them, but their vectors are kept for the grace period, so a file that comes back is not embedded.
   */
  released: number;
  /** Files (counted in `new` or `modified`) linked to a released content whose vectors were kept: nothing embedded. */
  restored: number;
  /** Released contents whose grace period ended in this scan: their vectors were deleted. */
  swept: number;
  /** Pictures whose text was read (OCR) in this scan. */
  textRead: number;
}

export function emptyCounts(): ScanCounts {
  return {
    seen: 0,
    unchanged: 0,
    new: 0,
    modified: 0,
    moved: 0,
    deleted: 0,
    embedded: 0,
    failed: 0,
    skipped: 0,
    unsupported: 0,
    links: 0,
    hashed: 0,
    deferred: 0,
    released: 0,
    restored: 0,
    swept: 0,
    textRead: 0,
  };
}

export interface ScanIssue {
  readonly path: string;
  readonly reason: string;
}

export type ScanMode = 'incremental' | 'reindex';

export interface ScanReport {
  readonly mode: ScanMode;
  readonly counts: ScanCounts;
  /** Roots that were missing, unreadable, or empty while the index holds files under them: their entries are kept. */
  readonly offlineRoots: readonly string[];
  readonly durationMs: number;
  /** Per-file failures and notes (too large, changed while reading, unreadable folder). */
  readonly errors: readonly ScanIssue[];
  /** Orphan vectors (no content in the file database) found and removed. */
  readonly orphansRemoved: number;
}

export type ScanPhase = 'walking' | 'hashing' | 'embedding' | 'metadata' | 'text' | 'cleaning' | 'done';

/** A progress event. `done`/`total` count the phase's units (files walked, files hashed, contents embedded). */
export interface ScanProgress {
  readonly phase: ScanPhase;
  readonly done: number;
  readonly total: number | null;
  readonly counts: Readonly<ScanCounts>;
}
