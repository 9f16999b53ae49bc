import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import type { EmbedItem, EmbedItemResult, EmbeddingQueue } from '../ports/embedding-queue.js';
import { axisVector } from '../testing/mothers.js';

export interface EmbeddingQueueHarness {
  /** A queue with nothing in it, whose jobs are retried {@link CONTRACT_RETRY_LIMIT} times. */
  readonly queue: EmbeddingQueue;
  /** Lets every lease that is held now run out (waiting for it, or moving a clock). */
  lapse(): Promise<void>;
  close(): Promise<void>;
}

export const CONTRACT_RETRY_LIMIT = 1;

const item = (n: number, kind: 'image' | 'video' = 'image'): EmbedItem => ({
  contentHash: `h${n}`,
  kind,
  path: `/photos/ü ${n}.${kind === 'image' ? 'jpg' : 'mp4'}`,
  size: 1000 + n,
  mtimeNs: 1_700_000_000_123_456_789n + BigInt(n),
});

const embedded = (n: number): EmbedItemResult => ({
  contentHash: `h${n}`,
  ok: true,
  points: [0, 1].map((segment) => ({
    contentHash: `h${n}`,
    segment,
    vector: axisVector(8, segment, 3, 0.25),
    kind: 'video' as const,
    takenAt: new Date('2022-03-04T05:06:07Z'),
    startSec: segment * 3,
    endSec: segment * 3 + 3,
    frameSec: segment * 3 + 1,
  })),
  facts: { width: 1920, height: 1080, durationSec: 6, takenAt: new Date('2022-03-04T05:06:07Z') },
  metadata: {
    takenAt: new Date('2022-03-04T05:06:07.250Z'),
    takenAtOffsetMin: -330,
    cameraMake: 'Apple',
    cameraModel: 'iPhone 15 Pro',
    lens: null,
    latitude: 38.7139,
    longitude: -9.1394,
    orientation: null,
  },
});

/** The behaviour every EmbeddingQueue must have. */
export function describeEmbeddingQueueContract(name: string, setup: () => Promise<EmbeddingQueueHarness>): void {
  describe(`EmbeddingQueue contract: ${name}`, () => {
    let h: EmbeddingQueueHarness;
    let queue: EmbeddingQueue;
    beforeEach(async () => {
      h = await setup();
      queue = h.queue;
    });
    afterEach(async () => {
      await h.close();
    });

    it('gives queued jobs to workers, oldest first, each to one worker, with their items intact', async () => {
      expect(await queue.take(5)).toEqual([]);
      const ids = await queue.enqueue('scan-1', 'clip', [[item(1), item(2, 'video')], [item(3)]]);
      expect(ids).toHaveLength(2);
      expect(await queue.depth()).toEqual({ queued: 2, active: 0 });
      const [first] = await queue.take(1);
      expect(first).toEqual({
        id: ids[0],
        scanId: 'scan-1',
        modelId: 'clip',
        items: [item(1), item(2, 'video')],
        attempt: 1,
      });
      const rest = await queue.take(5);
      expect(rest.map((j) => j.id)).toEqual([ids[1]]);
      expect(await queue.take(5)).toEqual([]); // both are held
      expect(await queue.depth()).toEqual({ queued: 0, active: 2 });
    });

    it("gives each finished job's results to its scan once, vectors and dates as they were", async () => {
      const [id] = await queue.enqueue('scan-a', 'clip', [[item(1), item(2)]]);
      await queue.enqueue('scan-b', 'clip', [[item(9)]]);
      const jobs = await queue.take(5);
      const job = jobs.find((j) => j.id === id)!;
      const results: EmbedItemResult[] = [embedded(1), { contentHash: 'h2', ok: false, reason: 'not a picture' }];
      await queue.finish(job, results, { worker: 'desk:42', embedMs: 1234 });
      await queue.finish(job, results); // a second finish of an ended job changes nothing
      const outcomes = await queue.outcomes('scan-a', 10);
      expect(outcomes).toHaveLength(1);
      const [o] = outcomes;
      expect(o).toMatchObject({ jobId: id, scanId: 'scan-a', ok: true, by: { worker: 'desk:42', embedMs: 1234 } });
      if (!o!.ok) throw new Error('expected results');
      const [got, failed] = o!.results;
      expect(failed).toEqual({ contentHash: 'h2', ok: false, reason: 'not a picture' });
      if (!got!.ok) throw new Error('expected vectors');
      const want = embedded(1);
      if (!want.ok) throw new Error('unreachable');
      expect(got!.facts).toEqual(want.facts);
      expect(got!.metadata).toEqual(want.metadata);
      expect(got!.points.map(({ vector: _v, ...rest }) => rest)).toEqual(
        want.points.map(({ vector: _v, ...rest }) => rest),
      );
      got!.points.forEach((p, k) => {
        expect(Array.from(p.vector).map((x) => Math.round(x * 1e6))).toEqual(
          Array.from(want.points[k]!.vector).map((x) => Math.round(x * 1e6)),
        );
      });
      expect(await queue.outcomes('scan-a', 10)).toEqual([]);
      expect(await queue.outcomes('scan-b', 10)).toEqual([]); // scan-b's job has not ended
      expect(await queue.depth()).toEqual({ queued: 0, active: 1 });
    });

    it('tries a failed job again, then ends it failed with the last reason and its items', async () => {
      const [id] = await queue.enqueue('scan-f', 'clip', [[item(1)]]);
      for (let attempt = 1; attempt <= CONTRACT_RETRY_LIMIT + 1; attempt++) {
        const [job] = await queue.take(1);
        expect(job).toMatchObject({ id, attempt });
        expect(await queue.outcomes('scan-f', 10)).toEqual([]);
        await queue.fail(job!, `the model crashed (${attempt})`);
      }
      expect(await queue.take(1)).toEqual([]);
      expect(await queue.outcomes('scan-f', 10)).toEqual([
        {
          jobId: id,
          scanId: 'scan-f',
          ok: false,
          reason: `the model crashed (${CONTRACT_RETRY_LIMIT + 1})`,
          items: [item(1)],
        },
      ]);
    });

    it('gives a job whose worker vanished (its lease ran out) to another worker', async () => {
      const [id] = await queue.enqueue('scan-v', 'clip', [[item(1)]]);
      const [held] = await queue.take(1);
      await h.lapse();
      const [again] = await queue.take(1);
      expect(again).toMatchObject({ id, attempt: 2 });
      await queue.finish(held!, [embedded(1)]); // the vanished worker comes back late: whichever ends it counts
      await queue.finish(again!, [embedded(1)]);
      expect(await queue.outcomes('scan-v', 10)).toHaveLength(1);
    });

    it("cancels a scan's jobs that no worker holds, and no other scan's", async () => {
      await queue.enqueue('scan-c', 'clip', [[item(1)], [item(2)], [item(3)]]);
      await queue.enqueue('scan-d', 'clip', [[item(4)]]);
      const [held] = await queue.take(1);
      expect(held!.scanId).toBe('scan-c');
      expect(await queue.cancel('scan-c')).toBe(2);
      expect(await queue.cancel('scan-c')).toBe(0);
      expect(await queue.cancel('never-queued')).toBe(0);
      expect((await queue.take(5)).map((j) => j.scanId)).toEqual(['scan-d']);
      await queue.finish(held!, [embedded(1)]); // the job a worker held still ends normally
      expect(await queue.outcomes('scan-c', 10)).toHaveLength(1);
    });

    it("releases an ended scan's jobs, held or not, and its unread outcomes; a late finish is ignored", async () => {
      await queue.enqueue('scan-r', 'clip', [[item(1)], [item(2)], [item(3)]]);
      await queue.enqueue('scan-s', 'clip', [[item(4)]]);
      const [first, held] = await queue.take(2);
      expect([first!.scanId, held!.scanId]).toEqual(['scan-r', 'scan-r']);
      await queue.finish(first!, [embedded(1)]);
      await queue.release('scan-r');
      await queue.release('scan-r');
      await queue.release('never-queued');
      expect(await queue.outcomes('scan-r', 10)).toEqual([]);
      await queue.finish(held!, [embedded(2)]);
      await queue.fail(held!, 'too late');
      expect(await queue.outcomes('scan-r', 10)).toEqual([]);
      expect(await queue.depth()).toEqual({ queued: 1, active: 0 }); // scan-s's job only
      expect((await queue.take(5)).map((j) => j.scanId)).toEqual(['scan-s']);
    });

    it('refuses an empty batch', async () => {
      const err = await queue.enqueue('scan-e', 'clip', [[item(1)], []]).catch((e: unknown) => e);
      expect(GlimpseError.is(err, 'invalid-input')).toBe(true);
      expect(await queue.depth()).toEqual({ queued: 0, active: 0 });
    });
  });
}
