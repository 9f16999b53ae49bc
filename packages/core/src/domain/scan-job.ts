import type { ScanCounts, ScanIssue, ScanMode, ScanProgress } from './scan-report.js';

export type ScanJobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** True once a scan can change no more: completed, failed or cancelled. */
export function isFinished(job: { readonly status: ScanJobStatus }): boolean {
  return job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled';
}

/** Why a scan was started: at start-up, asked for (API, CLI), or because the scope changed. */
export type ScanTrigger = 'startup' | 'request' | 'scope-change';

/** One scan as a job: what it is doing now, or what it did. Snapshots; never mutated after being handed out. */
export interface ScanJob {
  readonly id: string;
  readonly mode: ScanMode;
  readonly trigger: ScanTrigger;
  readonly status: ScanJobStatus;
  readonly requestedAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** The latest progress event while running (null before the first). */
  readonly progress: ScanProgress | null;
  readonly counts: ScanCounts;
  readonly offlineRoots: readonly string[];
  /** Per-file issues, the first 1000 (see ScanJobs); `errorCount` has them all. */
  readonly errors: readonly ScanIssue[];
  readonly errorCount: number;
  readonly durationMs: number | null;
  /** Why the whole scan failed or was cancelled; null otherwise. */
  readonly error: string | null;
}

export type ScanJobEvent =
  { readonly type: 'progress'; readonly job: ScanJob } | { readonly type: 'status'; readonly job: ScanJob };
