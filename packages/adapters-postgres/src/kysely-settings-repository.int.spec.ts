import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSettingsRepositoryContract } from '@glimpse/core/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, postgresServer } from '../../../test-support/postgres-database.js';
import { openDatabase, type GlimpseDatabase } from './database.js';
import { KyselySettingsRepository } from './kysely-settings-repository.js';

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
  describeSettingsRepositoryContract('KyselySettingsRepository on PGlite', async () => {
    await sql`delete from settings`.execute(database.db);
    return { settings: new KyselySettingsRepository(database.db), close: async () => {} };
  });
});

const server = postgresServer();
describe.skipIf(!server)('on a PostgreSQL server', () => {
  let database: GlimpseDatabase;
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await createDatabase(server!);
    drop = created.drop;
    url = created.url;
    database = await openDatabase({ kind: 'postgres', url });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });
  describeSettingsRepositoryContract('KyselySettingsRepository on PostgreSQL', async () => {
    await sql`delete from settings`.execute(database.db);
    const others: GlimpseDatabase[] = [];
    return {
      settings: new KyselySettingsRepository(database.db),
      // A second connection pool, as a restarted process would open.
      reopen: async () => {
        const other = await openDatabase({ kind: 'postgres', url });
        others.push(other);
        return new KyselySettingsRepository(other.db);
      },
      close: async () => {
        for (const o of others) await o.close();
      },
    };
  });
});
