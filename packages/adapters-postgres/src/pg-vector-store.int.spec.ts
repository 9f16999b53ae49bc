import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlimpseError, normalize } from '@glimpse/core';
import {
  CONTRACT_DIMENSION,
  CONTRACT_MODEL,
  describeVectorSpacesContract,
  describeVectorStoreContract,
} from '@glimpse/core/contracts';
import { aPoint, InMemoryVectorStore } from '@glimpse/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, postgresServer } from '../../../test-support/postgres-database.js';
import { openDatabase, type GlimpseDatabase } from './database.js';
import { PgVectorSpaces, PgVectorStore, tableName } from './pg-vector-store.js';

let dir: string;
let database: GlimpseDatabase;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-pgvector-'));
  database = await openDatabase({ kind: 'pglite', dataDir: dir });
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

describeVectorStoreContract('PgVectorStore on PGlite', async () => {
  const store = await PgVectorStore.open(database.db, CONTRACT_MODEL, CONTRACT_DIMENSION);
  await store.reset();
  return { store, close: async () => {} };
});

describeVectorSpacesContract('PgVectorSpaces on PGlite', async () => {
  const spaces = new PgVectorSpaces(database.db);
  await spaces.dropAll();
  return {
    spaces,
    open: (modelId, dimension) => PgVectorStore.open(database.db, modelId, dimension),
    close: async () => {},
  };
});

describe('PgVectorStore on PGlite, beyond the contract', () => {
  it('keeps one table per model and dimension, and drops them all on request', async () => {
    const a = await PgVectorStore.open(database.db, 'model/a', 4);
    const b = await PgVectorStore.open(database.db, 'model/a', 8);
    await a.upsert([aPoint({ contentHash: 'x', vector: normalize(new Float32Array([1, 0, 0, 0])) })]);
    expect(await b.count()).toEqual({ points: 0, contents: 0 });
    expect(tableName('model/a', 4)).not.toBe(tableName('model/a', 8));
    expect(tableName('A'.repeat(200), 512).length).toBeLessThanOrEqual(63);
    await new PgVectorSpaces(database.db).dropAll();
    const again = await PgVectorStore.open(database.db, 'model/a', 4);
    expect(await again.count()).toEqual({ points: 0, contents: 0 });
  });

  it('with the HNSW index in use, a selective filter still fills the page, and the ranking matches exact search', async () => {
    const D = 32;
    const store = await PgVectorStore.open(database.db, 'hnsw-test', D, { exactBelow: 0 }); // through the index
    await store.reset();
    const exact = new InMemoryVectorStore('hnsw-test', D);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
    const points = Array.from({ length: 3000 }, (_, i) =>
      aPoint({
        contentHash: `c${String(i).padStart(5, '0')}`,
        vector: normalize(Float32Array.from({ length: D }, rand)),
        kind: i % 100 === 0 ? 'video' : 'image',
        paths: [i % 50 === 0 ? `/rare/${i}.jpg` : `/common/${i}.jpg`],
        ...(i % 100 === 0 ? { startSec: 0, endSec: 1, frameSec: 0 } : {}),
      }),
    );
    await store.upsert(points);
    await exact.upsert(points);
    const query = normalize(Float32Array.from({ length: D }, rand));
    for (const filter of [{}, { kind: 'video' as const }, { folder: '/rare' }]) {
      const got = await store.search({ vector: query, limit: 20, filter });
      const want = await exact.search({ vector: query, limit: 20, filter });
      expect(got).toHaveLength(20);
      const overlap = got.filter((h) => want.some((w) => w.contentHash === h.contentHash)).length;
      expect(overlap, JSON.stringify(filter)).toBeGreaterThanOrEqual(18);
    }
  });
});

describe('paging is stable (no content twice, none lost), through the index and exactly', () => {
  for (const exactBelow of [0, 5000]) {
    it(`pages 60 at a time through 336 near-identical vectors (${exactBelow ? 'exact scan' : 'HNSW index'})`, async () => {
      const D = 16; // the tiny test model's
      const store = await PgVectorStore.open(database.db, `paging-${exactBelow}`, D, { exactBelow });
      await store.reset();
      // Hundreds of "red" pictures that score the same against "red" to 6 places (a small model sees them alike),
      // and the rest of a library.
      let seed = 11;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
      const red = normalize(Float32Array.from({ length: D }, (_, i) => (i === 0 ? 1 : 0)));
      const near = Array.from({ length: 336 }, (_, i) =>
        aPoint({
          contentHash: `red-${String(i).padStart(3, '0')}`,
          vector: normalize(Float32Array.from(red, (x) => x + rand() * 1e-6)),
        }),
      );
      const far = Array.from({ length: 1700 }, (_, i) =>
        aPoint({ contentHash: `other-${i}`, vector: normalize(Float32Array.from({ length: D }, rand)) }),
      );
      await store.upsert([...near, ...far]);
      const seen: string[] = [];
      for (let offset = 0; offset < 420; offset += 60) {
        const page = await store.search({ vector: red, limit: 60, offset });
        seen.push(...page.map((h) => h.contentHash));
      }
      const reds = seen.filter((h) => h.startsWith('red-'));
      expect(new Set(seen).size).toBe(seen.length); // nothing twice
      expect(reds).toHaveLength(336); // nothing lost
      expect(seen.slice(0, 336).every((h) => h.startsWith('red-'))).toBe(true); // and they come first
    });
  }
});

const server = postgresServer();
describe.skipIf(!server)('PgVectorStore on a PostgreSQL server without pgvector', () => {
  it('refuses with a message that says what to install', async () => {
    const { url, drop } = await createDatabase(server!);
    const db = await openDatabase({ kind: 'postgres', url });
    try {
      const err = await PgVectorStore.open(db.db, 'm', 4).catch((e: unknown) => e);
      expect(GlimpseError.is(err, 'unavailable')).toBe(true);
      expect((err as Error).message).toMatch(/no pgvector extension/);
    } finally {
      await db.close();
      await drop();
    }
  });
});
