// The contracts against a real Postgres server with pgvector, in a container (pgvector/pgvector, pinned tag).
// Runs where a container runtime exists; elsewhere it is skipped with the runtime's reason printed.
import {
  CONTRACT_DIMENSION,
  CONTRACT_MODEL,
  describeFileRepositoryContract,
  describeVectorStoreContract,
} from '@glimpse/core/contracts';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type GlimpseDatabase } from './database.js';
import { KyselyFileRepository } from './kysely-file-repository.js';
import { PgVectorStore } from './pg-vector-store.js';

const IMAGE = 'pgvector/pgvector:0.8.0-pg17';

const noRuntime = await getContainerRuntimeClient().then(
  () => null,
  (e: unknown) => (e instanceof Error ? e.message : String(e)),
);
if (noRuntime)
  console.warn(`skipping the ${IMAGE} container tests: no container runtime (${noRuntime.split('\n')[0]})`);

describe.skipIf(noRuntime !== null)(`on ${IMAGE} (testcontainers)`, () => {
  let database: GlimpseDatabase;
  let stop: () => Promise<unknown>;
  beforeAll(async () => {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer(IMAGE).start();
    stop = () => container.stop();
    database = await openDatabase({ kind: 'postgres', url: container.getConnectionUri() });
  }, 180_000);
  afterAll(async () => {
    await database?.close();
    await stop?.();
  });
  describeFileRepositoryContract(`KyselyFileRepository on ${IMAGE}`, async () => {
    const repo = new KyselyFileRepository(database.db);
    await repo.reset();
    return { repo, close: async () => {} };
  });
  describeVectorStoreContract(`PgVectorStore on ${IMAGE}`, async () => {
    const store = await PgVectorStore.open(database.db, CONTRACT_MODEL, CONTRACT_DIMENSION);
    await store.reset();
    return { store, close: async () => {} };
  });
});
