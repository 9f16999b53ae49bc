import { emptyCounts, type ScanMode, type ScanProgress, type ScanReport } from '../domain/scan-report.js';
import { GlimpseError, reasonOf } from '../errors.js';
import { isFinished, type ScanJob, type ScanJobEvent, type ScanTrigger } from '../domain/scan-job.js';

export type { ScanJob, ScanJobEvent, ScanJobStatus, ScanTrigger } from '../domain/scan-job.js';

/** Runs one scan; must honour `signal` by throwing a `cancelled` GlimpseError. */
export type RunScan = (
  mode: ScanMode,
  signal: AbortSignal,
  onProgress: (p: ScanProgress) => void,
) => Promise<ScanReport>;

export interface ScanJobsOptions {
  /** Finished jobs kept for listing. Default 50. */
  readonly historyLimit?: number;
  readonly newId?: () => string;
  readonly now?: () => Date;
  /** Told when a listener throws (the scan goes on; the listener's owner should know). Default: nothing. */
  readonly onListenerError?: (error: unknown) => void;
}

export const MAX_JOB_ERRORS = 1000;

interface Entry {
  job: ScanJob;
  controller: AbortController;
  done: Promise<ScanJob>;
  resolve: (job: ScanJob) => void;
}

/** Newest first: unfinished jobs by when they were asked for, finished ones by when they finished. */
function time(job: ScanJob): number {
  return isFinished(job) ? (job.finishedAt ?? job.requestedAt).getTime() : Number.MAX_SAFE_INTEGER;
}

/**
 * The scan queue of a long-running process: at most one scan runs and at most one waits. Asking for a scan while
 * one runs returns the running one; a scope change cancels the running scan and queues a fresh one. Jobs can be
 * listed, watched (events) and cancelled; the newest {@link ScanJobsOptions.historyLimit} are kept.
 */
export class ScanJobs {
  private readonly entries: Entry[] = []; // newest first
  private readonly listeners = new Set<(e: ScanJobEvent) => void>();
  private readonly historyLimit: number;
  private readonly newId: () => string;
  private readonly now: () => Date;
  private readonly onListenerError: (error: unknown) => void;
  private closed = false;
  private counter = 0;

  constructor(
    private readonly runScan: RunScan,
    options: ScanJobsOptions = {},
  ) {
    this.historyLimit = options.historyLimit ?? 50;
    this.newId = options.newId ?? (() => `scan-${Date.now().toString(36)}-${(++this.counter).toString(36)}`);
    this.now = options.now ?? (() => new Date());
    this.onListenerError = options.onListenerError ?? (() => undefined);
  }

  /**
   * Starts a scan, unless one is already running or waiting: then that one is returned (`created: false`). A
   * `reindex` asked for while an incremental scan waits turns the waiting one into a reindex.
   */
  request(mode: ScanMode = 'incremental', trigger: ScanTrigger = 'request'): { job: ScanJob; created: boolean } {
    this.assertOpen();
    const queued = this.entries.find((e) => e.job.status === 'queued');
    if (queued) {
      if (mode === 'reindex' && queued.job.mode !== 'reindex') this.update(queued, { mode }, 'status');
      return { job: queued.job, created: false };
    }
    const running = this.entries.find((e) => e.job.status === 'running');
    if (running) return { job: running.job, created: false };
    return { job: this.enqueue(mode, trigger), created: true };
  }

  /** Cancels the running scan (if any) and queues a new one: what must happen when the scope changed. */
  restart(mode: ScanMode = 'incremental', trigger: ScanTrigger = 'scope-change'): ScanJob {
    this.assertOpen();
    const queued = this.entries.find((e) => e.job.status === 'queued');
    const running = this.entries.find((e) => e.job.status === 'running');
    running?.controller.abort(new Error('superseded by a newer scan'));
    if (queued) {
      if (mode === 'reindex') this.update(queued, { mode }, 'status');
      return queued.job;
    }
    return this.enqueue(mode, trigger);
  }

  /**
   * Adds finished scans from an earlier run (kept by a ScanHistory) behind the current ones, so the list spans
   * restarts. Unfinished or already known jobs are ignored.
   */
  restore(finished: readonly ScanJob[]): void {
    for (const job of finished) {
      if (!isFinished(job) || this.entries.some((e) => e.job.id === job.id)) continue;
      this.entries.push({
        job: Object.freeze({ ...job }),
        controller: new AbortController(),
        done: Promise.resolve(job),
        resolve: () => {},
      });
    }
    this.entries.sort((a, b) => time(b.job) - time(a.job));
    this.prune();
  }

  /** The job with this id, or null. */
  get(id: string): ScanJob | null {
    return this.entries.find((e) => e.job.id === id)?.job ?? null;
  }

  /** Every kept job, newest first. */
  list(): ScanJob[] {
    return this.entries.map((e) => e.job);
  }

  /** The running job, else the waiting one, else null. */
  active(): ScanJob | null {
    return (
      this.entries.find((e) => e.job.status === 'running')?.job ??
      this.entries.find((e) => e.job.status === 'queued')?.job ??
      null
    );
  }

  /** Scans running or waiting (0, 1 or 2). */
  get depth(): number {
    return this.entries.filter((e) => !isFinished(e.job)).length;
  }

  /**
   * Cancels a job: a waiting one at once, a running one at its next checkpoint (the index stays consistent).
   * Returns the job as it is now; a finished job is returned unchanged. Throws `not-found` for an unknown id.
   */
  cancel(id: string): ScanJob {
    const entry = this.entries.find((e) => e.job.id === id);
    if (!entry) throw new GlimpseError('not-found', `There is no scan with the id "${id}".`);
    if (entry.job.status === 'queued') {
      this.finish(entry, { status: 'cancelled', error: 'Cancelled before it started.' });
    } else if (entry.job.status === 'running') {
      entry.controller.abort(new Error('cancelled on request'));
    }
    return entry.job;
  }

  /** Resolves with the job once it has finished (completed, failed or cancelled). */
  wait(id: string): Promise<ScanJob> {
    const entry = this.entries.find((e) => e.job.id === id);
    if (!entry) return Promise.reject(new GlimpseError('not-found', `There is no scan with the id "${id}".`));
    return entry.done;
  }

  /** Hears every job's progress and status changes until the returned function is called. */
  subscribe(listener: (e: ScanJobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels what waits and what runs, and resolves when the running scan has stopped. No new jobs after this. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = this.entries.filter((e) => !isFinished(e.job));
    for (const e of pending) this.cancel(e.job.id);
    await Promise.all(pending.map((e) => e.done));
  }

  private assertOpen(): void {
    if (this.closed) throw new GlimpseError('unavailable', 'Glimpse is shutting down; no new scans are started.');
  }

  private enqueue(mode: ScanMode, trigger: ScanTrigger): ScanJob {
    let resolve!: (job: ScanJob) => void;
    const done = new Promise<ScanJob>((r) => (resolve = r));
    const entry: Entry = {
      job: {
        id: this.newId(),
        mode,
        trigger,
        status: 'queued',
        requestedAt: this.now(),
        startedAt: null,
        finishedAt: null,
        progress: null,
        counts: emptyCounts(),
        offlineRoots: [],
        errors: [],
        errorCount: 0,
        durationMs: null,
        error: null,
      },
      controller: new AbortController(),
      done,
      resolve,
    };
    this.entries.unshift(entry);
    this.emit('status', entry);
    this.prune();
    this.pump();
    return entry.job;
  }

  private pump(): void {
    if (this.entries.some((e) => e.job.status === 'running')) return;
    const next = this.entries.findLast((e) => e.job.status === 'queued');
    if (next) void this.execute(next);
  }

  private async execute(entry: Entry): Promise<void> {
    this.update(entry, { status: 'running', startedAt: this.now() }, 'status');
    try {
      const report = await this.runScan(entry.job.mode, entry.controller.signal, (progress) => {
        if (entry.job.status === 'running') this.update(entry, { progress, counts: progress.counts }, 'progress');
      });
      this.finish(entry, {
        status: 'completed',
        counts: report.counts,
        offlineRoots: report.offlineRoots,
        errors: report.errors.slice(0, MAX_JOB_ERRORS),
        errorCount: report.errors.length,
        durationMs: report.durationMs,
      });
    } catch (e) {
      const cancelled = GlimpseError.is(e, 'cancelled') || entry.controller.signal.aborted;
      this.finish(entry, { status: cancelled ? 'cancelled' : 'failed', error: reasonOf(e) });
    }
    this.pump();
  }

  private finish(entry: Entry, changes: Partial<ScanJob>): void {
    const finishedAt = this.now();
    const durationMs =
      changes.durationMs ?? (entry.job.startedAt ? finishedAt.getTime() - entry.job.startedAt.getTime() : null);
    this.update(entry, { ...changes, finishedAt, durationMs }, 'status');
    entry.resolve(entry.job);
    this.prune();
  }

  private update(entry: Entry, changes: Partial<ScanJob>, type: ScanJobEvent['type']): void {
    entry.job = Object.freeze({ ...entry.job, ...changes });
    this.emit(type, entry);
  }

  private emit(type: ScanJobEvent['type'], entry: Entry): void {
    for (const l of [...this.listeners]) {
      try {
        l({ type, job: entry.job });
      } catch (e) {
        this.onListenerError(e); // reported, and the scan goes on: a listener's failure is not the scan's
      }
    }
  }

  private prune(): void {
    let kept = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i]!;
      if (!isFinished(e.job)) continue;
      if (++kept > this.historyLimit) this.entries.splice(i--, 1);
    }
  }
}
