import type { MediaMetadata } from '../domain/media-metadata.js';
import type { Content } from '../domain/content.js';
import type { MediaKind } from '../domain/media-file.js';
import type { StoredPoint } from './vector-store.js';

/** One content for a worker to embed: the file to read, as it was when hashed (a file changed since is left). */
export interface EmbedItem {
  readonly contentHash: string;
  readonly kind: MediaKind;
  readonly path: string;
  readonly size: number;
  readonly mtimeNs: bigint;
}

/** A batch of contents to embed, as a worker takes it. */
export interface EmbedJob {
  readonly id: string;
  readonly scanId: string;
  /** The model the vectors must be of: a worker with another model must not take the job's work. */
  readonly modelId: string;
  readonly items: readonly EmbedItem[];
  /** 1 on the first try; more when an earlier worker failed it or vanished (its lease ran out). */
  readonly attempt: number;
}

/** What became of one content of a job. */
export type EmbedItemResult =
  | {
      readonly contentHash: string;
      readonly ok: true;
      /** Its vectors, without paths (the coordinator knows the paths). */
      readonly points: readonly StoredPoint[];
      /** What the file told about itself. */
      readonly facts: Pick<Content, 'width' | 'height' | 'durationSec' | 'takenAt'>;
      /** Its metadata (camera, lens, GPS, the date with its offset), when a metadata reader read it. */
      readonly metadata?: MediaMetadata;
    }
  | {
      readonly contentHash: string;
      readonly ok: false;
      readonly reason: string;
      /** The file changed after it was hashed: not a failure, it is indexed by the next scan. */
      readonly changed?: true;
    };

/** Which worker did a job, and how long its embedding took (for the coordinator's per-worker metrics). */
export interface WorkerReport {
  /** The worker's name: its host and process id unless it was given one (GLIMPSE_WORKER_NAME). */
  readonly worker: string;
  readonly embedMs: number;
}

/** A job's end, for the scan that queued it: its results, or the reason it failed on every try. */
export type EmbedOutcome =
  | {
      readonly jobId: string;
      readonly scanId: string;
      readonly ok: true;
      readonly results: readonly EmbedItemResult[];
      /** Who did it, when the worker said. */
      readonly by?: WorkerReport;
    }
  | {
      readonly jobId: string;
      readonly scanId: string;
      readonly ok: false;
      readonly reason: string;
      readonly items: readonly EmbedItem[];
    };

/**
 * Embedding work shared by a coordinator (the scan) and worker processes, possibly on other machines. A job is
 * leased to the worker that takes it; a worker that fails it, or vanishes and lets its lease run out, has it
 * retried up to the queue's limit, after which the job ends failed with the last reason. Every job that ends
 * (finished, or failed for good) gives exactly one outcome to its scan. Cancelled jobs give none.
 */
export interface EmbeddingQueue {
  /** Queues one job per batch for `scanId`; their ids, in order. Empty batches are refused (`invalid-input`). */
  enqueue(scanId: string, modelId: string, batches: readonly (readonly EmbedItem[])[]): Promise<string[]>;

  /**
   * For a worker: up to `max` jobs, oldest first, each leased to it; [] when there are none to take now. A job is
   * given to one worker at a time.
   */
  take(max: number): Promise<EmbedJob[]>;

  /** For a worker: the job's results (and who did it); ends the job. A job that is no longer this worker's is ignored. */
  finish(job: EmbedJob, results: readonly EmbedItemResult[], by?: WorkerReport): Promise<void>;

  /** For a worker: the job as a whole failed (the model, the disk); it is tried again until the limit. */
  fail(job: EmbedJob, reason: string): Promise<void>;

  /** For the coordinator: outcomes of `scanId`'s jobs that ended since the last call, at most `max`; each once. */
  outcomes(scanId: string, max: number): Promise<EmbedOutcome[]>;

  /** Drops `scanId`'s jobs that no worker holds; how many were dropped. Idempotent. */
  cancel(scanId: string): Promise<number>;

  /**
   * For the coordinator, when its scan has ended (done, cancelled or failed): drops everything of `scanId` from the
   * queue (its jobs, held or not, and outcomes not read), so that nothing is left behind. A worker's late finish or
   * fail of one of its jobs is then ignored. Idempotent.
   */
  release(scanId: string): Promise<void>;

  /** Jobs waiting to be taken, and jobs leased to workers now. */
  depth(): Promise<{ queued: number; active: number }>;
}

/** How a scan hands its embedding to workers: the queue, and who is told of each job a worker did. */
export interface WorkersOption {
  readonly queue: EmbeddingQueue;
  /** Wait between looks for outcomes. Default 200 ms. */
  readonly pollMs?: number;
  /** Told of each job a worker finished: who, how many items, how long the embedding took. */
  readonly onJob?: (report: WorkerReport & { readonly items: number }) => void;
}
