import { GlimpseError } from '../errors.js';
import {
  emptyCounts,
  type ScanCounts,
  type ScanIssue,
  type ScanMode,
  type ScanPhase,
  type ScanProgress,
} from '../domain/scan-report.js';

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new GlimpseError(
      'cancelled',
      'The scan was cancelled; the index is consistent and the next scan goes on from here.',
      {
        cause: signal.reason,
      },
    );
  }
}

/** The state one scan shares between its stages: counts, issues, and what was already tried. */
export class ScanContext {
  readonly counts: ScanCounts = emptyCounts();
  readonly errors: ScanIssue[] = [];
  /** Contents this scan already tried to embed (never twice in one scan). */
  readonly attempted = new Set<string>();
  /** Contents handed to the embedding phase in this scan so far, and how many of them it has been through. */
  readonly embedding = { queued: 0, done: 0 };
  /** Contents that must be embedded even if vectors exist (full reindex). */
  readonly forced = new Set<string>();

  constructor(
    readonly mode: ScanMode,
    readonly modelId: string,
    readonly signal: AbortSignal | undefined,
    private readonly onProgress: ((p: ScanProgress) => void) | undefined,
    /** When this scan started: the release time of the contents it releases. */
    readonly startedAt: Date = new Date(),
    /** Throws when the disk holding the index has too little room left; called before each write batch. */
    readonly ensureRoom: () => Promise<void> = async () => undefined,
    /** Names this scan's work in an embedding queue. */
    readonly scanId: string = `scan-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
  ) {}

  progress(phase: ScanPhase, done: number, total: number | null): void {
    this.onProgress?.({ phase, done, total, counts: { ...this.counts } });
  }

  issue(path: string, reason: string): void {
    this.errors.push({ path, reason });
  }

  checkCancelled(): void {
    throwIfCancelled(this.signal);
  }
}
