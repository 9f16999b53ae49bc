import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeScanHistoryContract } from '@glimpse/core/contracts';
import { sql } from 'kysely';
import { emptyCounts } from '@glimpse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, postgresServer } from '../../../test-support/postgres-database.js';
import { openDatabase, type GlimpseDatabase } from './database.js';
import { KyselyScanHistory } from './kysely-scan-history.js';

describe('on PGlite', () => {
  let dir: string;
  let database: GlimpseDatabase;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glimpse-pglite-'));
    database = await openDatabase({ kind: 'pglite', dataDir: dir });
  });
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });
  it('keeps only the newest scans it was told to keep', async () => {
    await sql`delete from scan_history`.execute(database.db);
    const history = new KyselyScanHistory(database.db, 3);
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
  describeScanHistoryContract('KyselyScanHistory on PGlite', async () => {
    await sql`delete from scan_history`.execute(database.db);
    return { history: new KyselyScanHistory(database.db), close: async () => {} };
  });
});

const server = postgresServer();
describe.skipIf(!server)('on a PostgreSQL server', () => {
  let database: GlimpseDatabase;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await createDatabase(server!);
    drop = created.drop;
    database = await openDatabase({ kind: 'postgres', url: created.url });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });
  describeScanHistoryContract('KyselyScanHistory on PostgreSQL', async () => {
    await sql`delete from scan_history`.execute(database.db);
    return { history: new KyselyScanHistory(database.db), close: async () => {} };
  });
});
