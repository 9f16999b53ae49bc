import { afterEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import { InMemoryVectorStore } from '../testing/in-memory-vector-store.js';
import { TempLibrary } from './scan-library.fixture.js';
import { CopyVectors, type CopyProgress } from './copy-vectors.js';

const WORDS = ['red', 'green', 'blue', 'sky', 'sea', 'dog', 'cat', 'sun', 'snow', 'tree', 'car', 'boat'];

let lib: TempLibrary | null = null;
afterEach(async () => {
  await lib?.close();
  lib = null;
});

/** 10,000 pictures of distinct content (two words each, and a number), in 100 folders, and two videos. */
async function bigLibrary(): Promise<TempLibrary> {
  const l = await TempLibrary.create();
  const writes: Promise<string>[] = [];
  for (let i = 0; i < 10_000; i++) {
    const words = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} n${i}`;
    writes.push(l.write(`f${String(i % 100).padStart(2, '0')}/p${i}.jpg`, words));
    if (writes.length >= 200) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  await l.write('clips/a.mp4', 'red sea 3\ngreen tree 3');
  await l.write('clips/b.mp4', 'blue sky 2\nsnow 4');
  const report = await l.scan();
  expect(report.counts.embedded).toBe(10_002);
  return l;
}

async function answers(l: TempLibrary, vectors: InMemoryVectorStore | undefined) {
  const search = l.search(vectors);
  const out: unknown[] = [];
  for (const q of ['red dog', 'blue sky', 'snow', 'green tree sea'])
    for (const offset of [0, 40]) out.push(await search.byText(q, { limit: 40, offset }));
  out.push(await search.byText('red', { kind: 'video' }));
  out.push(await search.byText('cat', { folder: l.path('f07') }));
  return out;
}

describe('CopyVectors', () => {
  it('copies 10,000 contents to another store embedding nothing, resumes after a stop, and search answers the same', async () => {
    lib = await bigLibrary();
    const embedded = lib.embedder.embedded.length;
    const target = new InMemoryVectorStore(lib.vectors.modelId, lib.vectors.dimension);
    const before = await answers(lib, undefined);

    // Stopped part way...
    const stop = new AbortController();
    const seen: CopyProgress[] = [];
    const err = await new CopyVectors(lib.files, lib.vectors, target)
      .run({
        signal: stop.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.done >= 3000) stop.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'cancelled')).toBe(true);
    expect((err as Error).message).toMatch(/^The copy was stopped after 3000 of 10002 items; run it again/);
    expect((await target.count()).contents).toBe(3000);
    expect(seen[0]).toEqual({ done: 0, total: 10_002, copied: 0, alreadyThere: 0 });

    // ...and run again: it goes on where it stopped.
    const done = await new CopyVectors(lib.files, lib.vectors, target).run();
    expect(done).toEqual({ done: 10_002, total: 10_002, copied: 7002, alreadyThere: 3000 });
    expect(await target.count()).toEqual(await lib.vectors.count());
    expect(lib.embedder.embedded.length).toBe(embedded); // nothing embedded by the copy

    expect(await answers(lib, target)).toEqual(before);
    // A scan on the new store finds every content held: nothing embedded, nothing changed.
    const again = await lib.scanner({ vectors: target }).run(lib.scope());
    expect(again.counts).toMatchObject({ embedded: 0, hashed: 0, new: 0, deleted: 0 });
    expect(lib.embedder.embedded.length).toBe(embedded);
  }, 120_000);

  it('keeps released contents hidden in the new store, and refuses a store of another model', async () => {
    lib = await TempLibrary.create();
    await lib.write('a.jpg', 'red apple');
    await lib.write('b.jpg', 'blue sky');
    await lib.scan();
    await lib.remove('b.jpg');
    await lib.scan(); // b is released: its vectors kept, hidden
    const target = new InMemoryVectorStore(lib.vectors.modelId, lib.vectors.dimension);
    expect(await new CopyVectors(lib.files, lib.vectors, target).run()).toMatchObject({ copied: 2 });
    const hits = await lib.search(target).byText('blue sky');
    expect(hits.map((h) => h.path)).toEqual([lib.path('a.jpg')]);
    expect(() => new CopyVectors(lib!.files, lib!.vectors, new InMemoryVectorStore('other', 8))).toThrow(
      /cannot go into a store for other/,
    );
  });
});
