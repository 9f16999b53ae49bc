import type { ScanJob } from '@glimpse/core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Glimpse's Prometheus metrics, in a registry of its own (two instances in one process never collide). */
export class GlimpseMetrics {
  readonly registry = new Registry();
  private readonly scans = new Counter({
    name: 'glimpse_scans_total',
    help: 'Scans finished, by status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly scanFiles = new Counter({
    name: 'glimpse_scan_files_total',
    help: 'Files met by finished scans, by outcome (unchanged, new, modified, moved, deleted, failed, skipped, embedded)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly scanSeconds = new Histogram({
    name: 'glimpse_scan_duration_seconds',
    help: 'Duration of finished scans',
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800, 7200],
    registers: [this.registry],
  });
  private readonly embedSeconds = new Histogram({
    name: 'glimpse_embed_duration_seconds',
    help: 'Duration of one embedding call (a batch of images, or texts), by input kind',
    labelNames: ['input'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly embedItems = new Counter({
    name: 'glimpse_embedded_items_total',
    help: 'Images (pictures and video frames) and texts embedded',
    labelNames: ['input'] as const,
    registers: [this.registry],
  });
  private readonly searchSeconds = new Histogram({
    name: 'glimpse_search_duration_seconds',
    help: 'Duration of searches, by kind (text, image, similar)',
    labelNames: ['by'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  private readonly workerJobs = new Counter({
    name: 'glimpse_worker_jobs_total',
    help: 'Embedding jobs finished by workers, by worker (host:pid, or GLIMPSE_WORKER_NAME)',
    labelNames: ['worker'] as const,
    registers: [this.registry],
  });
  private readonly workerItems = new Counter({
    name: 'glimpse_worker_items_total',
    help: 'Items (pictures and videos) in the jobs workers finished, by worker',
    labelNames: ['worker'] as const,
    registers: [this.registry],
  });
  private readonly workerSeconds = new Histogram({
    name: 'glimpse_worker_embed_duration_seconds',
    help: "Time a worker took to embed one job's items (fetching, decoding, the model), by worker",
    labelNames: ['worker'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  private readonly workerBytes = new Counter({
    name: 'glimpse_worker_file_bytes_total',
    help: 'Bytes of media files sent to workers on other machines (GLIMPSE_WORKER_LISTEN)',
    registers: [this.registry],
  });

  constructor(options: {
    queueDepth: () => number;
    indexed?: () => Promise<Record<string, number>>;
    /** The embedding queue's jobs, when workers are configured. */
    embeddingQueue?: () => Promise<{ queued: number; active: number }>;
  }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'glimpse_process_' });
    if (options.embeddingQueue) {
      const depth = options.embeddingQueue;
      new Gauge({
        name: 'glimpse_embedding_queue_jobs',
        help: 'Embedding jobs waiting for a worker (queued) and held by one (active)',
        labelNames: ['state'] as const,
        registers: [this.registry],
        async collect() {
          try {
            const d = await depth();
            this.set({ state: 'queued' }, d.queued);
            this.set({ state: 'active' }, d.active);
          } catch {
            /* the queue's database does not answer: leave the last values */
          }
        },
      });
    }
    new Gauge({
      name: 'glimpse_scan_queue_depth',
      help: 'Scans running or waiting',
      registers: [this.registry],
      collect() {
        this.set(options.queueDepth());
      },
    });
    if (options.indexed) {
      const indexed = options.indexed;
      new Gauge({
        name: 'glimpse_index_items',
        help: 'What the index holds: files, failed files, contents, indexed contents',
        labelNames: ['what'] as const,
        registers: [this.registry],
        async collect() {
          try {
            for (const [what, n] of Object.entries(await indexed())) this.set({ what }, n);
          } catch {
            /* the database is busy or closed: leave the last values */
          }
        },
      });
    }
  }

  observeEmbed(input: 'image' | 'text', seconds: number, count: number): void {
    this.embedSeconds.observe({ input }, seconds);
    this.embedItems.inc({ input }, count);
  }

  workerJob(report: { worker: string; embedMs: number; items: number }): void {
    this.workerJobs.inc({ worker: report.worker });
    this.workerItems.inc({ worker: report.worker }, report.items);
    this.workerSeconds.observe({ worker: report.worker }, report.embedMs / 1000);
  }

  workerFileServed(bytes: number): void {
    this.workerBytes.inc(bytes);
  }

  async timeSearch<T>(by: 'text' | 'image' | 'similar', run: () => Promise<T>): Promise<T> {
    const end = this.searchSeconds.startTimer({ by });
    try {
      return await run();
    } finally {
      end();
    }
  }

  scanFinished(job: ScanJob): void {
    this.scans.inc({ status: job.status });
    if (job.durationMs !== null) this.scanSeconds.observe(job.durationMs / 1000);
    if (job.status !== 'completed') return;
    for (const outcome of [
      'unchanged',
      'new',
      'modified',
      'moved',
      'deleted',
      'failed',
      'skipped',
      'embedded',
    ] as const)
      this.scanFiles.inc({ outcome }, job.counts[outcome]);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
