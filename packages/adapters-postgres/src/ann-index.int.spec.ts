import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalize, type VectorFilter } from '@glimpse/core';
import { CONTRACT_DIMENSION, CONTRACT_MODEL, describeVectorStoreContract } from '@glimpse/core/contracts';
import { aPoint, InMemoryVectorStore } from '@glimpse/core/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnnIndexes, searchDepth } from './ann-index.js';
import { openDatabase, type GlimpseDatabase } from './database.js';
import { PgVectorStore, tableName } from './pg-vector-store.js';

let dir: string;
let database: GlimpseDatabase;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-ann-'));
  database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'db') });
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
/** A fresh folder of index files each time. */
const indexes = (mapped = false) => new AnnIndexes({ dir: join(dir, `ann-${n++}`), mapped });

describeVectorStoreContract('PgVectorStore on PGlite with the native index (every search through it)', async () => {
  const ann = indexes();
  const store = await PgVectorStore.open(database.db, CONTRACT_MODEL, CONTRACT_DIMENSION, { ann, exactBelow: 0 });
  await store.reset();
  return { store, close: () => ann.close() };
});

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
const D = 32;
const points = Array.from({ length: 3000 }, (_, i) =>
  aPoint({
    contentHash: `c${String(i).padStart(5, '0')}`,
    vector: normalize(Float32Array.from({ length: D }, rand)),
    kind: i % 100 === 0 ? 'video' : 'image',
    paths: [i % 50 === 0 ? `/rare/${i}.jpg` : i % 20 === 0 ? `/twenty/${i}.jpg` : `/common/${i}.jpg`],
    ...(i % 100 === 0 ? { startSec: 0, endSec: 1, frameSec: 0 } : {}),
  }),
);
const queries = Array.from({ length: 10 }, () => normalize(Float32Array.from({ length: D }, rand)));
const exact = new InMemoryVectorStore('ann-test', D);
await exact.upsert(points);

describe('the depth a search walks the graph', () => {
  it('is what was asked up to 100,000 points, deeper beyond (one point in 2,000, at most 1,024), never the size', () => {
    expect(searchDepth(100_000, 68)).toBe(68);
    expect(searchDepth(1_000_000, 68)).toBe(500);
    expect(searchDepth(1_000_000, 1440)).toBe(1440);
    expect(searchDepth(5_000_000, 20)).toBe(1024);
    expect(searchDepth(10, 68)).toBe(10);
  });
});

describe('PgVectorStore with the native index', () => {
  it('ranks like exact search, with and without filters, selective ones included', async () => {
    const ann = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-test', D, { ann, exactBelow: 0 });
    await store.reset();
    await store.upsert(points);
    const filters: VectorFilter[] = [{}, { kind: 'video' }, { folder: '/rare' }, { folder: '/twenty' }];
    for (const filter of filters) {
      let overlap = 0;
      for (const vector of queries) {
        const got = await store.search({ vector, limit: 20, filter });
        const want = await exact.search({ vector, limit: 20, filter });
        expect(got).toHaveLength(20);
        // Scores are the table's exact distances: a result found is scored as exact search scores it.
        for (const h of got) {
          const w = want.find((x) => x.contentHash === h.contentHash);
          if (w) expect(h.score).toBeCloseTo(w.score, 5);
        }
        overlap += got.filter((h) => want.some((w) => w.contentHash === h.contentHash)).length;
      }
      expect(overlap / (20 * queries.length), JSON.stringify(filter)).toBeGreaterThanOrEqual(0.95);
    }
    await ann.close();
  });

  it('sizes a filtered search by the share of points the filter keeps, and answers right when that share is wrong', async () => {
    // 20,000 points: 10% in /ten, 5% in /five, none in /none. A server has read every row (the warm-up at open, of
    // an empty table here, then what the writes add), so the first round asks for as many candidates as needed.
    const big = Array.from({ length: 20_000 }, (_, i) =>
      aPoint({
        contentHash: `b${String(i).padStart(5, '0')}`,
        vector: normalize(Float32Array.from({ length: 16 }, rand)),
        paths: [i % 10 === 3 ? `/ten/${i}.jpg` : i % 20 === 5 ? `/five/${i}.jpg` : `/rest/${i}.jpg`],
      }),
    );
    const truth = new InMemoryVectorStore('ann-share', 16);
    await truth.upsert(big);
    const ann = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-share', 16, { ann, exactBelow: 0 });
    await store.reset();
    await store.upsert(big);
    const asks = Array.from({ length: 10 }, () => normalize(Float32Array.from({ length: 16 }, rand)));
    for (const folder of ['/ten', '/five']) {
      let overlap = 0;
      for (const vector of asks) {
        const got = await store.search({ vector, limit: 20, filter: { folder } });
        const want = await truth.search({ vector, limit: 20, filter: { folder } });
        expect(got).toHaveLength(20);
        expect(
          got.every(
            (h) => Number(h.contentHash.slice(1)) % (folder === '/ten' ? 10 : 20) === (folder === '/ten' ? 3 : 5),
          ),
        ).toBe(true);
        overlap += got.filter((h) => want.some((w) => w.contentHash === h.contentHash)).length;
      }
      expect(overlap / (20 * asks.length), folder).toBeGreaterThanOrEqual(0.95);
    }
    expect(await store.search({ vector: asks[0]!, limit: 20, filter: { folder: '/none' } })).toEqual([]);
    // /ten's contents go, but the sample still says 10%: the candidates kept fall short and the search widens.
    await store.deleteContents(big.filter((_, i) => i % 10 === 3 && i >= 20).map((p) => p.contentHash));
    const left = await store.search({ vector: asks[1]!, limit: 20, filter: { folder: '/ten' } });
    expect(left.map((h) => h.contentHash).sort()).toEqual(['b00003', 'b00013']);
    await ann.close();
  });

  it('after a crash (no save), the next open adds what the file lacks; removals are applied too', async () => {
    const first = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-crash', D, { ann: first, exactBelow: 0 });
    await store.reset();
    await store.upsert(points.slice(0, 1000));
    await first.close(); // saved: the file covers the first 1000
    const files = readdirSync(first.options.dir);
    expect(files.some((f) => f.endsWith('.usearch'))).toBe(true);

    const second = new AnnIndexes(first.options);
    const again = await PgVectorStore.open(database.db, 'ann-crash', D, { ann: second, exactBelow: 0 });
    await again.upsert(points.slice(1000, 2000));
    await again.deleteContents(['c00000', 'c00001']);
    // The process ends here without saving: the file still covers only the first 1000.
    const third = new AnnIndexes(first.options);
    const reopened = await PgVectorStore.open(database.db, 'ann-crash', D, { ann: third, exactBelow: 0 });
    const later = points[1500]!;
    const hits = await reopened.search({ vector: later.vector, limit: 5 });
    expect(hits[0]!.contentHash).toBe(later.contentHash);
    const gone = await reopened.search({ vector: points[0]!.vector, limit: 5 });
    expect(gone.map((h) => h.contentHash)).not.toContain('c00000');
    await third.close();
    await second.close();
  });

  it('a file of another table of that name (dropped and made again) is not used', async () => {
    const ann = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-recreated', D, { ann, exactBelow: 0 });
    await store.upsert(points.slice(0, 500));
    await ann.close();
    await sql`drop table ${sql.table(tableName('ann-recreated', D))}`.execute(database.db);
    await database.db.deleteFrom('vector_spaces').where('model_id', '=', 'ann-recreated').execute();
    const fresh = new AnnIndexes(ann.options);
    const made = await PgVectorStore.open(database.db, 'ann-recreated', D, { ann: fresh, exactBelow: 0 });
    await made.upsert(points.slice(500, 1000)); // point ids start again at 1
    const p = points[700]!;
    expect((await made.search({ vector: p.vector, limit: 1 }))[0]!.contentHash).toBe(p.contentHash);
    expect((await made.search({ vector: points[100]!.vector, limit: 3 })).map((h) => h.contentHash)).not.toContain(
      points[100]!.contentHash,
    );
    await fresh.close();
  });

  it("reads the table's rows into its cache at open (a server), unless told not to (a command that scans and ends)", async () => {
    const warmed: string[] = [];
    for (const [name, options] of [
      ['default', {}],
      ['warm', { warm: true }],
      ['cold', { warm: false }],
      ['mapped', { mapped: true }],
    ] as const) {
      const ann = new AnnIndexes({ dir: join(dir, `ann-${n++}`), ...options });
      await ann.entry(
        `t_${name}`,
        '1',
        D,
        async () => {},
        async () => 0,
        () => warmed.push(name),
      );
      await ann.close();
    }
    expect(warmed).toEqual(['default', 'warm']);
  });

  it('a mapped index (a one-search command) answers, and a change reads it whole first', async () => {
    const writer = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-mapped', D, { ann: writer, exactBelow: 0 });
    await store.reset();
    await store.upsert(points.slice(0, 1500));
    await writer.close();
    const reader = new AnnIndexes({ ...writer.options, mapped: true });
    const mapped = await PgVectorStore.open(database.db, 'ann-mapped', D, { ann: reader, exactBelow: 0 });
    expect((await mapped.search({ vector: points[10]!.vector, limit: 1 }))[0]!.contentHash).toBe('c00010');
    await mapped.upsert([points[2000]!]);
    expect((await mapped.search({ vector: points[2000]!.vector, limit: 1 }))[0]!.contentHash).toBe('c02000');
    await reader.close();
  });

  it('a damaged file is set aside and the index is built again from the table', async () => {
    const ann = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-damaged', D, { ann, exactBelow: 0 });
    await store.reset();
    await store.upsert(points.slice(0, 800));
    await ann.close();
    const file = readdirSync(ann.options.dir).find((f) => f.endsWith('.usearch'))!;
    // Truncated (a partial copy), then garbage of the right size: neither is opened (USearch would crash on them).
    writeFileSync(join(ann.options.dir, file), 'not an index');
    const truncated = new AnnIndexes(ann.options);
    await PgVectorStore.open(database.db, 'ann-damaged', D, { ann: truncated, exactBelow: 0 });
    await truncated.close();
    const rebuilt = readdirSync(ann.options.dir).find((f) => f.endsWith('.usearch'))!;
    writeFileSync(join(ann.options.dir, rebuilt), Buffer.alloc(statSync(join(ann.options.dir, rebuilt)).size, 7));
    const again = new AnnIndexes(ann.options);
    const reopened = await PgVectorStore.open(database.db, 'ann-damaged', D, { ann: again, exactBelow: 0 });
    expect((await reopened.search({ vector: points[300]!.vector, limit: 1 }))[0]!.contentHash).toBe('c00300');
    await again.close();
    // The file there now is the rebuilt index (its size varies: the graph is built on several threads).
    const files = readdirSync(ann.options.dir).filter((f) => f.endsWith('.usearch'));
    expect(files).toHaveLength(1);
    const size = statSync(join(ann.options.dir, files[0]!)).size;
    expect(files[0]).toMatch(new RegExp(`\\.${size}\\.usearch$`));
    const bytes = readFileSync(join(ann.options.dir, files[0]!));
    const graphAt = 8 + bytes.readUInt32LE(0) * bytes.readUInt32LE(4);
    expect(bytes.subarray(graphAt, graphAt + 7).toString('latin1')).toBe('usearch');
  });

  it("a dropped table's files and a save cut short are removed at the next open", async () => {
    const ann = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-leftovers', D, { ann, exactBelow: 0 });
    await store.upsert(points.slice(0, 300));
    await ann.close();
    const table = tableName('ann-leftovers', D);
    writeFileSync(join(ann.options.dir, `${table}.1.2.999.tmp`), 'half a save');
    await sql`drop table ${sql.table(table)}`.execute(database.db);
    // Another process (a new registry) opens the table made again.
    const next = new AnnIndexes(ann.options);
    const made = await PgVectorStore.open(database.db, 'ann-leftovers', D, { ann: next, exactBelow: 0 });
    await made.upsert(points.slice(300, 400));
    await next.close();
    const files = readdirSync(ann.options.dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.usearch'))).toHaveLength(1);
  });

  it('a point named twice in one write (across its batches of 500) is written once, as last given', async () => {
    const ann = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-twice', D, { ann, exactBelow: 0 });
    await store.reset();
    const many = points.slice(0, 600);
    const again = aPoint({ contentHash: many[0]!.contentHash, vector: points[2999]!.vector });
    await store.upsert([...many, again]);
    expect(await store.count()).toEqual({ points: 600, contents: 600 });
    const hits = await store.search({ vector: points[2999]!.vector, limit: 1 });
    expect(hits[0]!.contentHash).toBe(many[0]!.contentHash);
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    await ann.close();
  });

  it('a one-search command that finds no file (an upgrade) builds the index and saves it for the next', async () => {
    const writer = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-upgrade', D, { ann: writer, exactBelow: 0 });
    await store.reset();
    await store.upsert(points.slice(0, 400));
    await writer.close();
    for (const f of readdirSync(writer.options.dir)) rmSync(join(writer.options.dir, f));
    const once = new AnnIndexes({ ...writer.options, mapped: true });
    const mapped = await PgVectorStore.open(database.db, 'ann-upgrade', D, { ann: once, exactBelow: 0 });
    expect((await mapped.search({ vector: points[42]!.vector, limit: 1 }))[0]!.contentHash).toBe('c00042');
    await once.close();
    expect(readdirSync(writer.options.dir).filter((f) => f.endsWith('.usearch'))).toHaveLength(1);
  });

  it("a command's store (no warm-up) opens its index only when a search or a write needs it", async () => {
    const writer = indexes();
    const store = await PgVectorStore.open(database.db, 'ann-lazy', D, { ann: writer, exactBelow: 0 });
    await store.reset();
    await store.upsert(points.slice(0, 400));
    await writer.close();
    const usearchFiles = () => readdirSync(writer.options.dir).filter((f) => f.endsWith('.usearch'));
    for (const f of usearchFiles()) rmSync(join(writer.options.dir, f)); // then opening it builds and saves one
    for (const use of ['search', 'write'] as const) {
      const command = new AnnIndexes({ ...writer.options, warm: false });
      const lazy = await PgVectorStore.open(database.db, 'ann-lazy', D, { ann: command, exactBelow: 0 });
      expect(await lazy.hasContents(['c00042']), use).toEqual(new Set(['c00042'])); // the table answers
      expect(usearchFiles(), `${use}: not opened yet`).toHaveLength(0);
      if (use === 'search') {
        expect((await lazy.search({ vector: points[42]!.vector, limit: 1 }))[0]!.contentHash).toBe('c00042');
      } else {
        await lazy.upsert([points[400]!]);
        expect((await lazy.search({ vector: points[400]!.vector, limit: 1 }))[0]!.contentHash).toBe('c00400');
      }
      expect(usearchFiles(), `${use}: opened and built`).toHaveLength(1);
      await command.close();
      for (const f of usearchFiles()) rmSync(join(writer.options.dir, f));
    }
  });
});
