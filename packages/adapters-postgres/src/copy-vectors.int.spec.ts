// `glimpse index copy`'s use case between the stores that run here: 10,000 generated contents from the in-memory
// store into pgvector on PGlite (stopped part way, then resumed) and back, with search answering the same on each.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CopyVectors, GlimpseError, normalize, type VectorQuery, type VectorStore } from '@glimpse/core';
import { aContent, aFileWrite, aPoint, InMemoryFileRepository, InMemoryVectorStore } from '@glimpse/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type GlimpseDatabase } from './database.js';
import { PgVectorStore } from './pg-vector-store.js';

const D = 16;
const N = 10_000;
const MODEL = 'copy-model';

/** Deterministic pseudo-random numbers (a fixed seed: the same library every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

let dir: string;
let database: GlimpseDatabase;
const files = new InMemoryFileRepository();
const source = new InMemoryVectorStore(MODEL, D);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-copy-'));
  database = await openDatabase({ kind: 'pglite', dataDir: dir });
  const next = random(42);
  const vector = () => normalize(Float32Array.from({ length: D }, next));
  for (let i = 0; i < N; i += 1000) {
    const batch = Array.from({ length: 1000 }, (_, k) => i + k);
    const hash = (j: number) => `c${String(j).padStart(5, '0')}`;
    const path = (j: number) => `/photos/${2015 + (j % 10)}/p${j}.jpg`;
    await files.apply({
      contents: batch.map((j) => ({ ...aContent({ hash: hash(j), status: 'indexed', modelId: MODEL, segments: 1 }) })),
      files: batch.map((j) => aFileWrite({ path: path(j), contentHash: hash(j) })),
    });
    await source.upsert(
      batch.flatMap((j) =>
        j % 50 === 0 // every 50th a video of three segments
          ? [0, 1, 2].map((s) =>
              aPoint({
                contentHash: hash(j),
                kind: 'video',
                segment: s,
                vector: vector(),
                startSec: s * 3,
                endSec: s * 3 + 3,
                frameSec: s * 3 + 1,
                paths: [path(j)],
              }),
            )
          : [
              aPoint({
                contentHash: hash(j),
                vector: vector(),
                takenAt: new Date(Date.UTC(2015 + (j % 10), j % 12, 1 + (j % 28))),
                paths: [path(j)],
              }),
            ],
      ),
    );
  }
}, 120_000);
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

async function answers(store: VectorStore) {
  const next = random(7);
  const queries: VectorQuery[] = [];
  for (let i = 0; i < 6; i++) {
    const vector = normalize(Float32Array.from({ length: D }, next));
    queries.push({ vector, limit: 30 }, { vector, limit: 30, offset: 30 });
    queries.push({ vector, limit: 10, filter: { kind: 'video' } });
    queries.push({ vector, limit: 10, filter: { folder: '/photos/2019' } });
    queries.push({ vector, limit: 10, filter: { takenFrom: new Date('2018-01-01'), takenTo: new Date('2019-06-30') } });
  }
  const out = [];
  for (const q of queries)
    out.push(
      (await store.search(q)).map((h) => ({
        hash: h.contentHash,
        score: Math.round(h.score * 1e4),
        // The best segment: how many of the others a store lists with it is the store's own (rows it read).
        best: h.segments[0]!.segment,
      })),
    );
  return out;
}

describe('CopyVectors between the in-memory store and pgvector on PGlite', () => {
  it('copies 10,000 contents, resumes after a stop, and search answers the same; and copies them back', async () => {
    const pg = await PgVectorStore.open(database.db, MODEL, D, { exactBelow: 1_000_000 });
    const stop = new AbortController();
    const stopped = await new CopyVectors(files, source, pg)
      .run({ signal: stop.signal, onProgress: (p) => p.done >= 4000 && stop.abort() })
      .catch((e: unknown) => e);
    expect(GlimpseError.is(stopped, 'cancelled')).toBe(true);
    expect((await pg.count()).contents).toBe(4000);

    const resumed = await new CopyVectors(files, source, pg).run();
    expect(resumed).toEqual({ done: N, total: N, copied: N - 4000, alreadyThere: 4000 });
    expect(await pg.count()).toEqual(await source.count());
    expect(await pg.count()).toEqual({ points: N + (N / 50) * 2, contents: N });
    const expected = await answers(source);
    expect(await answers(pg)).toEqual(expected);

    const back = new InMemoryVectorStore(MODEL, D);
    expect(await new CopyVectors(files, pg, back).run()).toMatchObject({ copied: N, alreadyThere: 0 });
    expect(await answers(back)).toEqual(expected);
  }, 180_000);
});
