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

describe('parameters given as bytes', () => {
  it('go to PGlite in binary, whatever their type: bytea as they are, a vector in pgvector binary form', async () => {
    await sql`create extension if not exists vector`.execute(database.db);
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255, 44, 92]); // a comma and a backslash: no text form survives
    const vector = Buffer.alloc(4 + 4 * 3);
    vector.writeInt16BE(3, 0);
    [0.5, -1.25, 3].forEach((x, i) => vector.writeFloatBE(x, 4 + 4 * i));
    const r = await sql<{ b: Uint8Array; n: number; v: string; t: string; sent: Uint8Array }>`
      select ${bytes}::bytea as b, octet_length(${bytes}::bytea) as n, ${vector}::vector::text as v,
        ${'plain text'}::text as t, vector_send(${vector}::vector) as sent`.execute(database.db);
    const row = r.rows[0]!;
    expect(Buffer.from(row.b).equals(bytes)).toBe(true);
    expect(row.n).toBe(8);
    expect(row.v).toBe('[0.5,-1.25,3]');
    expect(row.t).toBe('plain text');
    expect(Buffer.from(row.sent).equals(vector)).toBe(true);
  });

  it('a vector of the wrong size is refused with Postgres own message, and the connection goes on', async () => {
    const short = Buffer.alloc(6);
    short.writeInt16BE(3, 0);
    await expect(sql`select ${short}::vector`.execute(database.db)).rejects.toThrow(/insufficient data/);
    const r = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(r.rows[0]!.one).toBe(1);
  });
});
