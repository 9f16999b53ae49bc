import type { ScanJob } from '../domain/scan-job.js';

/** Finished scans, kept across restarts so a person can see what the last ones did. */
export interface ScanHistory {
  /** Records a finished scan, replacing one with the same id. Idempotent. */
  record(job: ScanJob): Promise<void>;
  /** The newest recorded scans, newest first (by when they finished), at most `limit`; [] when none. */
  recent(limit: number): Promise<ScanJob[]>;
}
