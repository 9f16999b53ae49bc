import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFileRepositoryContract } from '@glimpse/core/contracts';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, postgresServer } from '../../../test-support/postgres-database.js';
import { openDatabase, type GlimpseDatabase } from './database.js';
import { KyselyFileRepository } from './kysely-file-repository.js';

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
  describeFileRepositoryContract('KyselyFileRepository on PGlite', async () => {
    const repo = new KyselyFileRepository(database.db);
    await repo.reset();
    return { repo, close: async () => {} };
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
  describeFileRepositoryContract('KyselyFileRepository on PostgreSQL', async () => {
    const repo = new KyselyFileRepository(database.db);
    await repo.reset();
    return { repo, close: async () => {} };
  });
});
