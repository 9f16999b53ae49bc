import { afterEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import type { JobFiles } from '../ports/job-files.js';
import { FakeEmbedder } from '../testing/fake-embedder.js';
import { FakeVideoSampler } from '../testing/fake-video-sampler.js';
import { InMemoryEmbeddingQueue } from '../testing/in-memory-embedding-queue.js';
import { allContents } from './content-pages.js';
import { EmbedMedia, InPlaceJobFiles } from './embed-media.js';
import { EmbedWorker } from './embed-worker.js';
import { TempLibrary } from './scan-library.fixture.js';

const WORDS = ['red', 'green', 'blue', 'sky', 'sea', 'dog', 'cat', 'sun'];

let libs: TempLibrary[] = [];
afterEach(async () => {
  for (const l of libs) await l.close();
  libs = [];
});

/** A library of 60 pictures, a copy, a video and a broken video (each call makes the same one afresh). */
async function library(): Promise<TempLibrary> {
  const l = await TempLibrary.create();
  libs.push(l);
  for (let i = 0; i < 60; i++) await l.write(`p${i}.jpg`, `${WORDS[i % 8]} ${WORDS[(i * 3 + 1) % 8]} n${i}`);
  await l.write('clip.mp4', 'red sea 3\ngreen tree 3');
  await l.write('broken.mp4', 'not a video at all');
  await l.write('copy-of-p1.jpg', `${WORDS[1]} ${WORDS[4]} n1`);
  return l;
}

/** Workers in this process, each with its own model runtime (a fake embedder of the same model id). */
function workers(l: TempLibrary, queue: InMemoryEmbeddingQueue, n: number, modelId?: string, files?: JobFiles) {
  return Array.from({ length: n }, () => {
    const embedder = new FakeEmbedder(l.source, modelId ? { modelId } : {});
    return {
      embedder,
      worker: new EmbedWorker(
        queue,
        new EmbedMedia(embedder, files ?? new InPlaceJobFiles(l.source), new FakeVideoSampler(l.source)),
      ),
    };
  });
}

/** Runs the workers (named w0, w1, ...) until the scan ends. */
async function withWorkers<T>(ws: { worker: EmbedWorker }[], scan: Promise<T>): Promise<T> {
  const stop = new AbortController();
  const running = ws.map((w, k) => w.worker.run({ signal: stop.signal, idleMs: 5, name: `w${k}` }));
  try {
    return await scan;
  } finally {
    stop.abort();
    await Promise.all(running);
  }
}

async function state(l: TempLibrary) {
  const files = (await l.files.list({}, 1000)).map((f) => [
    f.path.slice(l.root.length),
    f.status,
    f.error?.split(l.root).join('<root>') ?? null,
  ]);
  const contents = (await l.files.findContents(await l.files.listContentHashes(null, 1000))).map((c) => [
    c.hash,
    c.status,
    c.segments,
    c.width,
    c.takenAt?.toISOString() ?? null,
  ]);
  const vectors = (await allContents(l.vectors)).sort();
  const search = [];
  for (const q of ['red sea', 'dog', 'blue sky cat'])
    search.push((await l.search().byText(q, { limit: 10 })).map((r) => [r.path.slice(l.root.length), r.score]));
  return { files, contents, vectors, search };
}

describe('a scan with embedding workers', () => {
  it('indexes the library exactly as a scan in process does, embedding each content once', async () => {
    const alone = await library();
    const reportAlone = await alone.scan();

    const shared = await library();
    const queue = new InMemoryEmbeddingQueue();
    const ws = workers(shared, queue, 3);
    const jobs: { worker: string; items: number; embedMs: number }[] = [];
    const report = await withWorkers(
      ws,
      shared.scanner({ workers: { queue, pollMs: 5, onJob: (r) => jobs.push(r) } }).run(shared.scope()),
    );

    expect(report.counts).toEqual(reportAlone.counts);
    expect(await state(shared)).toEqual(await state(alone));
    expect(shared.embedder.embedded).toEqual([]); // the scan embedded nothing itself
    const embedded = ws.flatMap((w) => w.embedder.embedded).filter((p) => !p.startsWith('<'));
    expect(new Set(embedded).size).toBe(embedded.length); // no content embedded twice
    expect(ws.filter((w) => w.embedder.embedded.length > 0).length).toBeGreaterThan(1); // the work was shared
    expect(await queue.depth()).toEqual({ queued: 0, active: 0 });
    // Each job is told to the scan with its worker and its items (for the per-worker metrics).
    expect(new Set(jobs.map((j) => j.worker)).size).toBeGreaterThan(1);
    expect(jobs.every((j) => ['w0', 'w1', 'w2'].includes(j.worker) && j.embedMs >= 0)).toBe(true);
    expect(jobs.reduce((n, j) => n + j.items, 0)).toBe(62); // 60 pictures (a copy shares one), a video, a broken video
  });

  it("finishes a vanished worker's job on the others: nothing lost, nothing written twice", async () => {
    const l = await library();
    const queue = new InMemoryEmbeddingQueue();
    const scan = l.scanner({ workers: { queue, pollMs: 5 } }).run(l.scope());
    // One worker takes a job and dies with it (never finishes); its lease runs out; two others do the rest.
    let dead = null;
    while (!dead) {
      [dead] = await queue.take(1);
      if (!dead) await new Promise((r) => setTimeout(r, 2));
    }
    await queue.lapse();
    const report = await withWorkers(workers(l, queue, 2), scan);
    // 60 pictures (one of them also copied), a video, and a broken video that fails with its reason.
    expect(report.counts).toMatchObject({ embedded: 61, failed: 1 });
    expect(await l.consistencyProblems()).toEqual([]);
    expect((await l.vectors.count()).contents).toBe(61);
  });

  it('records the files of a job that failed on every try as failed, with the reason, and goes on', async () => {
    const l = await library();
    const queue = new InMemoryEmbeddingQueue(1);
    const scan = l.scanner({ workers: { queue, pollMs: 5 } }).run(l.scope());
    // The first job fails on both its tries (say, its worker crashes on it); the other jobs are done.
    let poisoned = null;
    while (!poisoned) {
      [poisoned] = await queue.take(1);
      if (!poisoned) await new Promise((r) => setTimeout(r, 2));
    }
    await queue.fail(poisoned, 'the worker ran out of memory');
    const [again] = await queue.take(1);
    expect(again!.id).toBe(poisoned.id);
    await queue.fail(again!, 'the worker ran out of memory');
    const report = await withWorkers(workers(l, queue, 2), scan);
    const lost = poisoned.items.filter((i) => !i.path.endsWith('broken.mp4')).length;
    expect(lost).toBeGreaterThan(0);
    expect(report.counts.embedded).toBe(61 - lost);
    const failed = (await l.files.list({}, 1000)).filter((f) => f.status === 'failed');
    expect(failed.map((f) => f.error)).toContain('no worker could embed it: the worker ran out of memory');
    expect(await l.consistencyProblems()).toEqual([]);
  });

  it('a worker with another model gives its job back and stops, saying which model to start it with', async () => {
    const l = await library();
    const queue = new InMemoryEmbeddingQueue();
    await queue.enqueue('scan-x', l.embedder.modelId, [
      [{ contentHash: 'h', kind: 'image', path: l.path('p1.jpg'), size: 1, mtimeNs: 1n }],
    ]);
    const [wrong] = workers(l, queue, 1, 'another-model');
    await expect(wrong!.worker.run({ idleMs: 5 })).rejects.toThrow(
      `This worker has the model another-model, but the index is built with ${l.embedder.modelId}; start the worker with --model ${l.embedder.modelId}.`,
    );
    expect(await queue.depth()).toEqual({ queued: 1, active: 0 });
  });

  it("reads through the job files it is given: a file refused is that file's failure, each copy released", async () => {
    const l = await library();
    const queue = new InMemoryEmbeddingQueue();
    const inPlace = new InPlaceJobFiles(l.source);
    let open = 0;
    const fetched: JobFiles = {
      async open(item) {
        if (item.path.endsWith('p7.jpg')) throw new GlimpseError('not-found', 'The server would not send it.');
        const f = await inPlace.open(item);
        if (f === 'changed') return f;
        open++;
        return { path: f.path, release: async () => void open-- };
      },
    };
    const report = await withWorkers(
      workers(l, queue, 2, undefined, fetched),
      l.scanner({ workers: { queue, pollMs: 5 } }).run(l.scope()),
    );
    expect(report.counts).toMatchObject({ embedded: 60, failed: 2 }); // p7 and the broken video
    const p7 = (await l.files.list({}, 1000)).find((f) => f.path.endsWith('p7.jpg'))!;
    expect(p7).toMatchObject({ status: 'failed', error: 'The server would not send it.' });
    expect(open).toBe(0);
    expect(await l.consistencyProblems()).toEqual([]);
  });

  it('a job whose files cannot be had at all (the server down) is failed and tried again', async () => {
    const l = await library();
    const queue = new InMemoryEmbeddingQueue();
    const inPlace = new InPlaceJobFiles(l.source);
    let down = true;
    const flaky: JobFiles = {
      async open(item) {
        if (down) throw new GlimpseError('unavailable', 'The server did not answer.');
        return inPlace.open(item);
      },
    };
    const [w] = workers(l, queue, 1, undefined, flaky);
    const scan = l.scanner({ workers: { queue, pollMs: 5 } }).run(l.scope());
    while ((await queue.depth()).queued === 0) await new Promise((r) => setTimeout(r, 2));
    expect(await w!.worker.once()).toEqual({ taken: 1, finished: 0, unavailable: true }); // run() then waits
    down = false;
    const report = await withWorkers([w!], scan);
    expect(report.counts).toMatchObject({ embedded: 61, failed: 1 });
  });

  it('a worker whose token the server refuses gives its job back and stops, saying so', async () => {
    const l = await library();
    const queue = new InMemoryEmbeddingQueue();
    await queue.enqueue('scan-t', l.embedder.modelId, [
      [{ contentHash: 'h', kind: 'image', path: l.path('p1.jpg'), size: 1, mtimeNs: 1n }],
    ]);
    const refused: JobFiles = {
      open: async () => {
        throw new GlimpseError('unauthorized', "The server refused this worker's token.");
      },
    };
    const [w] = workers(l, queue, 1, undefined, refused);
    await expect(w!.worker.run({ idleMs: 5 })).rejects.toThrow("The server refused this worker's token.");
    expect(await queue.depth()).toEqual({ queued: 1, active: 0 }); // back in the queue for another worker
  });

  it('a cancelled scan drops the jobs no worker holds', async () => {
    const l = await library();
    const queue = new InMemoryEmbeddingQueue();
    const stop = new AbortController();
    const scan = l.scanner({ workers: { queue, pollMs: 5 } }).run(l.scope(), { signal: stop.signal });
    while ((await queue.depth()).queued === 0) await new Promise((r) => setTimeout(r, 2));
    stop.abort();
    await expect(scan).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await queue.depth()).toEqual({ queued: 0, active: 0 });
    expect(await l.consistencyProblems()).toEqual([]);
  });
});
