import { describe, expect, it } from 'vitest';
import { emptyCounts, type ScanMode, type ScanProgress, type ScanReport } from '../domain/scan-report.js';
import { GlimpseError } from '../errors.js';
import { ScanJobs, type ScanJobEvent } from './scan-jobs.js';

/** A scan the test finishes by hand: each run waits for `release()`, and honours its abort signal. */
function controllableScans() {
  const runs: {
    mode: ScanMode;
    signal: AbortSignal;
    progress: (p: ScanProgress) => void;
    finish: (r?: Partial<ScanReport>) => void;
    fail: (e: unknown) => void;
  }[] = [];
  const run = (mode: ScanMode, signal: AbortSignal, progress: (p: ScanProgress) => void) =>
    new Promise<ScanReport>((resolve, reject) => {
      signal.addEventListener('abort', () =>
        reject(new GlimpseError('cancelled', 'The scan was cancelled; the index is consistent.')),
      );
      runs.push({
        mode,
        signal,
        progress,
        finish: (r = {}) =>
          resolve({
            mode,
            counts: { ...emptyCounts(), seen: 3, unchanged: 3 },
            offlineRoots: [],
            durationMs: 5,
            errors: [],
            orphansRemoved: 0,
            ...r,
          }),
        fail: reject,
      });
    });
  return { runs, run };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ScanJobs', () => {
  it('runs a requested scan, and a request while it runs returns the running job', async () => {
    const { runs, run } = controllableScans();
    const jobs = new ScanJobs(run);
    const first = jobs.request('incremental');
    expect(first.created).toBe(true);
    await tick();
    expect(jobs.get(first.job.id)!.status).toBe('running');
    const second = jobs.request('incremental');
    expect(second).toMatchObject({ created: false, job: { id: first.job.id, status: 'running' } });
    expect(runs).toHaveLength(1);

    runs[0]!.progress({ phase: 'hashing', done: 1, total: 3, counts: { ...emptyCounts(), seen: 3 } });
    expect(jobs.get(first.job.id)!.progress).toMatchObject({ phase: 'hashing', done: 1, total: 3 });
    runs[0]!.finish({ errors: [{ path: '/a/bad.jpg', reason: 'corrupt' }] });
    const done = await jobs.wait(first.job.id);
    expect(done).toMatchObject({ status: 'completed', counts: { seen: 3, unchanged: 3 }, errorCount: 1 });
    expect(done.errors).toEqual([{ path: '/a/bad.jpg', reason: 'corrupt' }]);
    expect(done.startedAt!.getTime()).toBeLessThanOrEqual(done.finishedAt!.getTime());
    expect(jobs.request('incremental').created).toBe(true); // finished: a new request starts a new scan
  });

  it('records a failed scan with its reason, and goes on with the next one', async () => {
    const { runs, run } = controllableScans();
    const jobs = new ScanJobs(run);
    const { job } = jobs.request();
    await tick();
    runs[0]!.fail(new GlimpseError('unavailable', 'The database went away.'));
    expect(await jobs.wait(job.id)).toMatchObject({ status: 'failed', error: 'The database went away.' });
    expect(jobs.active()).toBeNull();
  });

  it('cancels a running scan at its next checkpoint, and a queued one at once', async () => {
    const { runs, run } = controllableScans();
    const jobs = new ScanJobs(run);
    const { job } = jobs.request();
    await tick();
    jobs.cancel(job.id);
    expect(runs[0]!.signal.aborted).toBe(true);
    expect((await jobs.wait(job.id)).status).toBe('cancelled');

    const again = jobs.request().job;
    const queued = jobs.restart('incremental'); // cancels `again`, queues a new one
    jobs.cancel(queued.id);
    expect(jobs.get(queued.id)!.status).toBe('cancelled');
    expect((await jobs.wait(again.id)).status).toBe('cancelled');
    await tick();
    expect(runs).toHaveLength(2); // the cancelled queued job never ran
    expect(() => jobs.cancel('nope')).toThrow(/no scan with the id "nope"/);
  });

  it('restarts on a scope change: the running scan is cancelled and a fresh one runs after it', async () => {
    const { runs, run } = controllableScans();
    const jobs = new ScanJobs(run);
    const old = jobs.request().job;
    await tick();
    const fresh = jobs.restart();
    expect(fresh.id).not.toBe(old.id);
    expect(jobs.restart().id).toBe(fresh.id); // a second change while it waits reuses it
    expect((await jobs.wait(old.id)).status).toBe('cancelled');
    await tick();
    expect(runs).toHaveLength(2);
    expect(jobs.get(fresh.id)).toMatchObject({ status: 'running', trigger: 'scope-change' });
    runs[1]!.finish();
    expect((await jobs.wait(fresh.id)).status).toBe('completed');
  });

  it('turns a waiting incremental scan into a reindex when one is asked for', async () => {
    const { runs, run } = controllableScans();
    const jobs = new ScanJobs(run);
    jobs.request();
    await tick();
    const queued = jobs.restart('incremental');
    expect(jobs.request('reindex')).toMatchObject({ created: false, job: { id: queued.id, mode: 'reindex' } });
    await tick();
    expect(runs[1]!.mode).toBe('reindex');
  });

  it('lists newest first, keeps only the last N finished jobs, and tells listeners every change', async () => {
    const { runs, run } = controllableScans();
    let n = 0;
    const jobs = new ScanJobs(run, { historyLimit: 2, newId: () => `job-${++n}` });
    const events: ScanJobEvent[] = [];
    const stop = jobs.subscribe((e) => events.push(e));
    for (let i = 0; i < 3; i++) {
      const { job } = jobs.request();
      await tick();
      runs[i]!.progress({ phase: 'walking', done: 1, total: null, counts: emptyCounts() });
      runs[i]!.finish();
      await jobs.wait(job.id);
    }
    expect(jobs.list().map((j) => j.id)).toEqual(['job-3', 'job-2']);
    expect(jobs.get('job-1')).toBeNull();
    const ofFirst = events.filter((e) => e.job.id === 'job-1').map((e) => `${e.type}:${e.job.status}`);
    expect(ofFirst).toEqual(['status:queued', 'status:running', 'progress:running', 'status:completed']);
    stop();
    jobs.request();
    expect(events.filter((e) => e.job.id === 'job-4')).toEqual([]);
  });

  it('close() cancels what waits and what runs, resolves when the scan has stopped, and refuses new scans', async () => {
    const { runs, run } = controllableScans();
    const jobs = new ScanJobs(run);
    const running = jobs.request().job;
    await tick();
    const queued = jobs.restart();
    await jobs.close();
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(jobs.get(running.id)!.status).toBe('cancelled');
    expect(jobs.get(queued.id)!.status).toBe('cancelled');
    expect(() => jobs.request()).toThrow(/shutting down/);
  });

  it('a listener that throws does not break the scan', async () => {
    const { runs, run } = controllableScans();
    const jobs = new ScanJobs(run);
    jobs.subscribe(() => {
      throw new Error('listener bug');
    });
    const { job } = jobs.request();
    await tick();
    runs[0]!.finish();
    expect((await jobs.wait(job.id)).status).toBe('completed');
  });
});

describe('ScanJobs.restore', () => {
  it('lists scans of an earlier run behind the current ones, newest first, within the history limit', async () => {
    const { runs, run } = controllableScans();
    let n = 0;
    const jobs = new ScanJobs(run, { historyLimit: 3, newId: () => `now-${++n}` });
    const current = jobs.request().job;
    await tick();
    const old = (id: string, minute: number) => ({
      ...current,
      id,
      status: 'completed' as const,
      finishedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
      startedAt: new Date(Date.UTC(2026, 0, 1, 0, minute - 1)),
    });
    jobs.restore([old('old-2', 2), old('old-1', 1), old('old-3', 3), { ...old('running', 4), status: 'running' }]);
    expect(jobs.list().map((j) => j.id)).toEqual(['now-1', 'old-3', 'old-2', 'old-1']);
    jobs.restore([old('old-3', 3)]); // known: ignored
    runs[0]!.finish();
    await jobs.wait(current.id);
    expect(jobs.list().map((j) => j.id)).toEqual(['now-1', 'old-3', 'old-2']); // 3 finished kept
    expect(await jobs.wait('old-3')).toMatchObject({ status: 'completed' });
  });
});
