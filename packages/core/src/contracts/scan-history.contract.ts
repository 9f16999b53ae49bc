import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanJob } from '../domain/scan-job.js';
import { emptyCounts } from '../domain/scan-report.js';
import type { ScanHistory } from '../ports/scan-history.js';

export interface ScanHistoryHarness {
  readonly history: ScanHistory;
  close(): Promise<void>;
}

function aJob(id: string, finishedMinute: number, overrides: Partial<ScanJob> = {}): ScanJob {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 22, 10, m, 0, 250));
  return {
    id,
    mode: 'incremental',
    trigger: 'request',
    status: 'completed',
    requestedAt: at(finishedMinute - 2),
    startedAt: at(finishedMinute - 1),
    finishedAt: at(finishedMinute),
    progress: { phase: 'done', done: 1, total: 1, counts: { ...emptyCounts(), seen: 3 } },
    counts: { ...emptyCounts(), seen: 3, new: 2, failed: 1 },
    offlineRoots: ['/mnt/disk'],
    errors: [{ path: '/p/ünïcode bad.jpg', reason: 'corrupt: "quotes" and \\ backslash' }],
    errorCount: 1,
    durationMs: 60_000,
    error: null,
    ...overrides,
  };
}

/** The behaviour every ScanHistory must have; each test gets fresh, empty storage from `setup`. */
export function describeScanHistoryContract(name: string, setup: () => Promise<ScanHistoryHarness>): void {
  describe(`ScanHistory contract: ${name}`, () => {
    let h: ScanHistoryHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('is empty at first', async () => {
      expect(await h.history.recent(10)).toEqual([]);
    });

    it('gives back recorded scans exactly, newest first, at most `limit`', async () => {
      const failed = aJob('b', 5, { status: 'failed', error: 'The database went away.', progress: null });
      await h.history.record(aJob('a', 1));
      await h.history.record(aJob('c', 9, { mode: 'reindex', trigger: 'startup' }));
      await h.history.record(failed);
      expect((await h.history.recent(10)).map((j) => j.id)).toEqual(['c', 'b', 'a']);
      expect(await h.history.recent(2)).toEqual([aJob('c', 9, { mode: 'reindex', trigger: 'startup' }), failed]);
    });

    it('replaces a scan recorded again under the same id', async () => {
      await h.history.record(aJob('a', 1));
      await h.history.record(aJob('a', 1, { status: 'cancelled', error: 'Cancelled.' }));
      const [only, ...rest] = await h.history.recent(10);
      expect(rest).toEqual([]);
      expect(only).toMatchObject({ id: 'a', status: 'cancelled', error: 'Cancelled.' });
    });
  });
}
