import { GlimpseError } from '../errors.js';
import type { EmbedJob, EmbeddingQueue } from '../ports/embedding-queue.js';
import { pause } from './concurrency.js';
import type { EmbedMedia } from './embed-media.js';

export interface EmbedWorkerOptions {
  /** Stops the worker: the job in hand is given back to the queue (failed, to be tried again). */
  readonly signal?: AbortSignal;
  /** Jobs taken at a time. Default 1. */
  readonly take?: number;
  /** Wait between polls of an empty queue. Default 500 ms. */
  readonly idleMs?: number;
  /**
   * Wait after a job failed because something it needs did not answer (the server it fetches files from, the
   * disk), before taking the next: a short outage must not burn every job's tries. Default 5 s.
   */
  readonly backoffMs?: number;
  /** This worker's name in the coordinator's metrics. Default: host name and process id. */
  readonly name?: string;
  /** Told of each job it ended, with how long it took. */
  readonly onJob?: (job: EmbedJob, ms: number, outcome: 'finished' | 'failed') => void;
}

/**
 * A worker's loop: takes embedding jobs, embeds their files with this process's model, and hands the results
 * back; the coordinator writes the vectors and marks the contents. A job for another model stops the worker with
 * a message (it would only burn the job's tries); a job that fails as a whole is failed, to be tried again.
 */
export class EmbedWorker {
  constructor(
    private readonly queue: EmbeddingQueue,
    private readonly media: EmbedMedia,
  ) {}

  /** Works until the signal aborts (or a job of another model arrives); how many jobs it finished. */
  async run(options: EmbedWorkerOptions = {}): Promise<number> {
    let finished = 0;
    while (!options.signal?.aborted) {
      const n = await this.once(options);
      finished += n.finished;
      if (n.unavailable) await pause(options.backoffMs ?? 5000, options.signal);
      else if (n.taken === 0) await pause(options.idleMs ?? 500, options.signal);
    }
    return finished;
  }

  /** One round: takes up to `take` jobs and works them. */
  async once(options: EmbedWorkerOptions = {}): Promise<{ taken: number; finished: number; unavailable?: true }> {
    const jobs = await this.queue.take(options.take ?? 1);
    let finished = 0;
    for (const [k, job] of jobs.entries()) {
      if (job.modelId !== this.media.modelId) {
        // Give back what was taken; another worker (with the right model) takes them.
        for (const other of jobs.slice(k)) await this.queue.fail(other, `a worker with another model took it`);
        throw new GlimpseError(
          'invalid-input',
          `This worker has the model ${this.media.modelId}, but the index is built with ${job.modelId}; ` +
            `start the worker with --model ${job.modelId}.`,
        );
      }
      const started = Date.now();
      try {
        const results = await this.media.embed(job.items, options.signal);
        await this.queue.finish(job, results, { worker: options.name ?? 'worker', embedMs: Date.now() - started });
        finished++;
        options.onJob?.(job, Date.now() - started, 'finished');
      } catch (e) {
        await this.queue.fail(job, e instanceof Error ? e.message : String(e));
        options.onJob?.(job, Date.now() - started, 'failed');
        const stop = options.signal?.aborted || GlimpseError.is(e, 'unauthorized') || GlimpseError.is(e, 'unavailable');
        if (stop)
          for (const rest of jobs.slice(k + 1))
            await this.queue.fail(rest, options.signal?.aborted ? 'the worker was stopped' : 'given back');
        // A token refused will not be accepted on the next try either: the worker stops, saying so.
        if (GlimpseError.is(e, 'unauthorized')) throw e;
        if (GlimpseError.is(e, 'unavailable')) return { taken: jobs.length, finished, unavailable: true };
        if (stop) break;
      }
    }
    return { taken: jobs.length, finished };
  }
}
