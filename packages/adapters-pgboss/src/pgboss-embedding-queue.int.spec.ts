// The EmbeddingQueue contract on pg-boss, on the real PostgreSQL server the integration tests start (each test
// gets a database of its own). Leases are a minute long, so a slow machine never loses one by accident; a test
// that needs them to run out moves their start an hour back, and pg-boss's own check (every second) ends them.
import { CONTRACT_RETRY_LIMIT, describeEmbeddingQueueContract } from '@glimpse/core/contracts';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabase, postgresServer } from '../../../test-support/postgres-database.js';
import { PgBossEmbeddingQueue } from './pgboss-embedding-queue.js';

const server = postgresServer();

describe.skipIf(server === null)('on the PostgreSQL server', () => {
  describeEmbeddingQueueContract('PgBossEmbeddingQueue', async () => {
    const database = await createDatabase(server!);
    const queue = await PgBossEmbeddingQueue.open({
      url: database.url,
      retryLimit: CONTRACT_RETRY_LIMIT,
      leaseSeconds: 60,
      checkEverySeconds: 1,
    });
    return {
      queue,
      lapse: async () => {
        const db = new pg.Client({ connectionString: database.url });
        await db.connect();
        try {
          await db.query(
            "update glimpse_queue.job set started_on = started_on - interval '1 hour' where state = 'active'",
          );
        } finally {
          await db.end();
        }
        for (let waited = 0; (await queue.depth()).active > 0; waited += 100) {
          if (waited > 10_000) throw new Error('pg-boss did not end the leases that ran out within 10 s');
          await new Promise((r) => setTimeout(r, 100));
        }
      },
      close: async () => {
        await queue.close();
        await database.drop();
      },
    };
  });
});

describe('a queue whose Postgres does not answer', () => {
  it('says where it looked, without the password, and what to check', async () => {
    const err = await PgBossEmbeddingQueue.open({ url: 'postgres://glimpse:hunter2@127.0.0.1:1/glimpse' }).catch(
      (e: unknown) => e as Error,
    );
    expect((err as Error).message).toMatch(
      /^The embedding queue in the Postgres at postgres:\/\/glimpse:\*\*\*@127\.0\.0\.1:1\/glimpse could not start: .*ECONNREFUSED.*\. Is that server running, and is GLIMPSE_QUEUE_URL its address\?$/,
    );
    expect((err as Error).message).not.toContain('hunter2');
  });
});
