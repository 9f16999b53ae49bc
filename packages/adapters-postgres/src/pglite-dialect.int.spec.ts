import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type GlimpseDatabase } from './database.js';
import { inBackgroundLane } from './database-lanes.js';

let dir: string;
let database: GlimpseDatabase;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-lanes-'));
  database = await openDatabase({ kind: 'pglite', dataDir: dir });
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

/** 50 clients querying as fast as they can, as 50 concurrent searches would, until `stop`. */
function flood(): { stop: () => Promise<number> } {
  let stopped = false;
  let queries = 0;
  const clients = Array.from({ length: 50 }, async () => {
    while (!stopped) {
      await sql`select count(*) from files`.execute(database.db);
      queries++;
    }
  });
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(clients);
      return queries;
    },
  };
}

describe('the embedded database under load', () => {
  it('lets the event loop turn between queries: a file read finishes while 50 clients query', async () => {
    const load = flood();
    try {
      const t0 = performance.now();
      await readFile(join(dir, 'pglite', 'PG_VERSION')); // with one chain of microtasks, this never ran
      expect(performance.now() - t0).toBeLessThan(1000);
    } finally {
      expect(await load.stop()).toBeGreaterThan(50);
    }
  });

  it('gives background work (a scan) every other turn, however many foreground queries wait', async () => {
    const load = flood();
    try {
      const t0 = performance.now();
      await inBackgroundLane(async () => {
        for (let i = 0; i < 200; i++) await sql`select 1`.execute(database.db);
      });
      const background = performance.now() - t0;
      const served = await load.stop();
      // 200 background queries took about 200 foreground ones' time, not 200 x 50.
      expect(served).toBeGreaterThan(100);
      expect(served).toBeLessThan(200 * 50);
      expect(background).toBeLessThan(10_000);
    } finally {
      await load.stop();
    }
  });
});
