import { GlimpseError } from '../errors.js';
import type {
  EmbedItem,
  EmbedItemResult,
  EmbedJob,
  EmbedOutcome,
  EmbeddingQueue,
  WorkerReport,
} from '../ports/embedding-queue.js';

interface Entry {
  job: EmbedJob;
  state: 'queued' | 'active' | 'ended';
  tries: number;
  lastReason: string;
}

/** An EmbeddingQueue in memory, for core unit tests; `lapse()` lets every lease run out, as time passing would. */
export class InMemoryEmbeddingQueue implements EmbeddingQueue {
  private entries: Entry[] = [];
  private ended: EmbedOutcome[] = [];
  private next = 0;

  /** @param retryLimit tries after the first before a job ends failed. */
  constructor(private readonly retryLimit = 3) {}

  async enqueue(scanId: string, modelId: string, batches: readonly (readonly EmbedItem[])[]): Promise<string[]> {
    if (batches.some((b) => b.length === 0)) throw new GlimpseError('invalid-input', 'an embedding job needs items');
    return batches.map((items) => {
      const id = `job-${++this.next}`;
      this.entries.push({
        job: { id, scanId, modelId, items: [...items], attempt: 0 },
        state: 'queued',
        tries: 0,
        lastReason: '',
      });
      return id;
    });
  }

  async take(max: number): Promise<EmbedJob[]> {
    const out: EmbedJob[] = [];
    for (const e of this.entries) {
      if (out.length >= max) break;
      if (e.state !== 'queued') continue;
      e.state = 'active';
      e.tries++;
      out.push({ ...e.job, attempt: e.tries });
    }
    return out;
  }

  async finish(job: EmbedJob, results: readonly EmbedItemResult[], by?: WorkerReport): Promise<void> {
    const e = this.entries.find((x) => x.job.id === job.id);
    if (!e || e.state !== 'active') return;
    e.state = 'ended';
    this.ended.push({ jobId: job.id, scanId: job.scanId, ok: true, results: [...results], ...(by ? { by } : {}) });
  }

  async fail(job: EmbedJob, reason: string): Promise<void> {
    const e = this.entries.find((x) => x.job.id === job.id);
    if (!e || e.state === 'ended') return;
    this.retryOrEnd(e, reason);
  }

  /** Every leased job's lease runs out. */
  async lapse(): Promise<void> {
    for (const e of this.entries)
      if (e.state === 'active') this.retryOrEnd(e, 'the worker holding it stopped answering (its lease ran out)');
  }

  private retryOrEnd(e: Entry, reason: string): void {
    e.lastReason = reason;
    if (e.tries <= this.retryLimit) {
      e.state = 'queued';
      return;
    }
    e.state = 'ended';
    this.ended.push({ jobId: e.job.id, scanId: e.job.scanId, ok: false, reason, items: e.job.items });
  }

  async outcomes(scanId: string, max: number): Promise<EmbedOutcome[]> {
    const out: EmbedOutcome[] = [];
    for (let i = 0; i < this.ended.length && out.length < max;) {
      if (this.ended[i]!.scanId === scanId) out.push(...this.ended.splice(i, 1));
      else i++;
    }
    return out;
  }

  async cancel(scanId: string): Promise<number> {
    let n = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (e.job.scanId === scanId && e.state === 'queued') {
        this.entries.splice(i, 1);
        n++;
      }
    }
    return n;
  }

  async release(scanId: string): Promise<void> {
    this.entries = this.entries.filter((e) => e.job.scanId !== scanId);
    this.ended = this.ended.filter((o) => o.scanId !== scanId);
  }

  async depth(): Promise<{ queued: number; active: number }> {
    return {
      queued: this.entries.filter((e) => e.state === 'queued').length,
      active: this.entries.filter((e) => e.state === 'active').length,
    };
  }
}
