import { emptyCounts } from '@glimpse/core';
import { describeScanHistoryContract } from '@glimpse/core/contracts';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { onEachDatabase } from '../../../test-support/each-database.js';
import { KyselyScanHistory } from './kysely-scan-history.js';

onEachDatabase((database) => {
  describeScanHistoryContract(`KyselyScanHistory on ${database.name}`, async () => {
    await sql`delete from scan_history`.execute(database.db().db);
    return { history: new KyselyScanHistory(database.db().db), close: async () => {} };
  });

  it('keeps only the newest scans it was told to keep', async () => {
    await sql`delete from scan_history`.execute(database.db().db);
    const history = new KyselyScanHistory(database.db().db, 3);
    const base = { mode: 'incremental', trigger: 'request', status: 'completed', progress: null } as const;
    for (let i = 1; i <= 5; i++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, i));
      await history.record({
        ...base,
        id: `s${i}`,
        requestedAt: at,
        startedAt: at,
        finishedAt: at,
        counts: emptyCounts(),
        offlineRoots: [],
        errors: [],
        errorCount: 0,
        durationMs: 1,
        error: null,
      });
    }
    expect((await history.recent(10)).map((j) => j.id)).toEqual(['s5', 's4', 's3']);
  });
});
