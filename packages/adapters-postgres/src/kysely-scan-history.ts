import { emptyCounts, type ScanHistory, type ScanJob } from '@glimpse/core';
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** Finished scans as JSON documents in `scan_history`, ordered by when they finished. */
export class KyselyScanHistory implements ScanHistory {
  /** `keep`: how many finished scans are kept (default 200); older ones go when a new one is recorded. */
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly keep = 200,
  ) {}

  async record(job: ScanJob): Promise<void> {
    const finishedAt = job.finishedAt ?? job.requestedAt;
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('scan_history')
        .values({ id: job.id, finished_at: finishedAt, job: sql`${JSON.stringify(job)}::jsonb` })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ finished_at: sql`excluded.finished_at`, job: sql`excluded.job` }),
        )
        .execute();
      await sql`
        delete from scan_history where id in (
          select id from scan_history order by finished_at desc, id desc offset ${this.keep}
        )`.execute(tx);
    });
  }

  async recent(limit: number): Promise<ScanJob[]> {
    const rows = await this.db
      .selectFrom('scan_history')
      .select('job')
      .orderBy('finished_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => revive(typeof r.job === 'string' ? JSON.parse(r.job) : r.job));
  }
}

function revive(raw: Record<string, unknown>): ScanJob {
  const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
  return {
    ...(raw as unknown as ScanJob),
    // Counts added since a scan was recorded read as 0.
    ...(raw['counts'] && typeof raw['counts'] === 'object' ? { counts: { ...emptyCounts(), ...raw['counts'] } } : {}),
    requestedAt: date(raw['requestedAt']) ?? new Date(0),
    startedAt: date(raw['startedAt']),
    finishedAt: date(raw['finishedAt']),
  };
}
