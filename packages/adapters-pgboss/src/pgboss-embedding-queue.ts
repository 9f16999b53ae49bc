import { createHash, randomUUID } from 'node:crypto';
import {
  GlimpseError,
  type EmbedItem,
  type EmbedItemResult,
  type EmbedJob,
  type EmbedOutcome,
  type EmbeddingQueue,
  type MediaKind,
  type MediaMetadata,
  type WorkerReport,
} from '@glimpse/core';
import pg from 'pg';
import PgBoss from 'pg-boss';

export interface PgBossQueueOptions {
  /** postgres://… of the file database (the queue's tables live in its `schema`). */
  readonly url: string;
  /** Default `glimpse_queue`. */
  readonly schema?: string;
  /** Tries after the first before a job ends failed. Default 3. */
  readonly retryLimit?: number;
  /** How long a worker holds a job before it counts as vanished and the job is tried again. Default 600. */
  readonly leaseSeconds?: number;
  /** How often leases that ran out are looked for. Default a fifth of the lease, 1 to 30 s. */
  readonly checkEverySeconds?: number;
}

/** A job as it is stored: JSON (sizes and mtimes as strings, since they are 64-bit). */
interface JobData {
  /** The job's own id (a dead letter, the copy pg-boss makes of a job that failed for good, has another). */
  jobId: string;
  scanId: string;
  modelId: string;
  items: { contentHash: string; kind: MediaKind; path: string; size: string; mtimeNs: string }[];
}

/** A result as it is stored: vectors as arrays, dates as ISO strings. */
interface StoredResult {
  contentHash: string;
  ok: boolean;
  reason?: string;
  points?: {
    segment: number;
    vector: number[];
    kind: MediaKind;
    takenAt: string | null;
    startSec: number | null;
    endSec: number | null;
    frameSec: number | null;
  }[];
  facts?: { width: number | null; height: number | null; durationSec: number | null; takenAt: string | null };
  metadata?: Omit<MediaMetadata, 'takenAt'> & { takenAt: string | null };
}

interface OutcomeData {
  jobId: string;
  scanId: string;
  results: StoredResult[];
  by?: WorkerReport;
}

/**
 * EmbeddingQueue on pg-boss, in the Postgres file database. Each scan has three queues: its jobs, their results,
 * and the jobs that failed on every try (pg-boss's dead letters). A worker's results and the end of its job are
 * written in one transaction, so an outcome is never lost or given twice; a worker that vanishes lets its lease
 * (pg-boss's expiration) run out, and the job is tried again.
 */
export class PgBossEmbeddingQueue implements EmbeddingQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly pool: pg.Pool,
    private readonly options: Required<Omit<PgBossQueueOptions, 'url'>>,
  ) {}

  static async open(options: PgBossQueueOptions): Promise<PgBossEmbeddingQueue> {
    const settings = {
      schema: options.schema ?? 'glimpse_queue',
      retryLimit: options.retryLimit ?? 3,
      leaseSeconds: options.leaseSeconds ?? 600,
      // Often enough that a vanished worker's job waits at most a fifth of its lease more.
      checkEverySeconds:
        options.checkEverySeconds ?? Math.max(1, Math.min(30, Math.floor((options.leaseSeconds ?? 600) / 5))),
    };
    const boss = new PgBoss({
      connectionString: options.url,
      schema: settings.schema,
      maintenanceIntervalSeconds: settings.checkEverySeconds,
      max: 4,
      schedule: false,
    });
    const errors: Error[] = [];
    boss.on('error', (e: Error) => errors.push(e));
    try {
      await boss.start();
    } catch (e) {
      await boss.stop({ graceful: false }).catch(() => undefined); // whatever it opened before failing
      throw new GlimpseError(
        'unavailable',
        `The embedding queue in the Postgres at ${redacted(options.url)} could not start: ${(e as Error).message}. ` +
          'Is that server running, and is GLIMPSE_QUEUE_URL its address?',
        { cause: e },
      );
    }
    const pool = new pg.Pool({ connectionString: options.url, max: 4 });
    pool.on('error', () => undefined); // an idle connection that breaks is replaced; the next query reports
    return new PgBossEmbeddingQueue(boss, pool, settings);
  }

  async enqueue(scanId: string, modelId: string, batches: readonly (readonly EmbedItem[])[]): Promise<string[]> {
    if (batches.some((b) => b.length === 0)) throw new GlimpseError('invalid-input', 'an embedding job needs items');
    const q = queues(scanId);
    await this.ensureQueues(q);
    const ids = batches.map(() => randomUUID());
    await this.boss.insert(
      batches.map((items, k) => ({
        id: ids[k]!,
        name: q.work,
        data: {
          jobId: ids[k]!,
          scanId,
          modelId,
          items: items.map((i) => ({ ...i, size: String(i.size), mtimeNs: String(i.mtimeNs) })),
        } satisfies JobData,
        // Taken in the order given (jobs inserted together share a creation time; a higher priority goes first).
        priority: batches.length - k,
        retryLimit: this.options.retryLimit,
        retryDelay: 0,
        expireInSeconds: this.options.leaseSeconds,
        deadLetter: q.lost,
      })),
    );
    return ids;
  }

  private async ensureQueues(q: ScanQueues): Promise<void> {
    if (await this.boss.getQueue(q.work)) return;
    await this.boss.createQueue(q.lost);
    await this.boss.createQueue(q.done);
    await this.boss.createQueue(q.work, { name: q.work, deadLetter: q.lost });
  }

  async take(max: number): Promise<EmbedJob[]> {
    const taken: EmbedJob[] = [];
    const work = (await this.boss.getQueues())
      .filter((x) => x.name.startsWith(WORK))
      .sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());
    for (const queue of work) {
      if (taken.length >= max) break;
      const jobs = await this.boss.fetch<JobData>(queue.name, { batchSize: max - taken.length, includeMetadata: true });
      for (const j of jobs)
        taken.push({
          id: j.id,
          scanId: j.data.scanId,
          modelId: j.data.modelId,
          items: j.data.items.map((i) => ({ ...i, size: Number(i.size), mtimeNs: BigInt(i.mtimeNs) })),
          attempt: j.retryCount + 1,
        });
    }
    return taken;
  }

  async finish(job: EmbedJob, results: readonly EmbedItemResult[], by?: WorkerReport): Promise<void> {
    const q = queues(job.scanId);
    const data: OutcomeData = {
      jobId: job.id,
      scanId: job.scanId,
      results: results.map(storeResult),
      ...(by ? { by: { worker: by.worker, embedMs: by.embedMs } } : {}),
    };
    await this.transaction(async (db) => {
      const ended = (await this.boss.complete(q.work, job.id, {}, { db })) as unknown as { affected?: number };
      // Already ended (its lease ran out and another worker finished it first): this result is not needed.
      if (ended.affected === 0) return;
      await this.boss.insert([{ name: q.done, data }], { db });
    });
  }

  async fail(job: EmbedJob, reason: string): Promise<void> {
    await this.boss.fail(queues(job.scanId).work, job.id, { reason });
  }

  async outcomes(scanId: string, max: number): Promise<EmbedOutcome[]> {
    const q = queues(scanId);
    if (!(await this.boss.getQueue(q.work))) return [];
    const out: EmbedOutcome[] = [];
    const done = await this.boss.fetch<OutcomeData>(q.done, { batchSize: max });
    for (const d of done)
      out.push({
        jobId: d.data.jobId,
        scanId,
        ok: true,
        results: d.data.results.map(readResult),
        ...(d.data.by ? { by: d.data.by } : {}),
      });
    if (done.length)
      await this.boss.complete(
        q.done,
        done.map((d) => d.id),
      );
    if (out.length < max) {
      const lost = await this.boss.fetch<JobData>(q.lost, { batchSize: max - out.length, includeMetadata: true });
      for (const l of lost)
        out.push({
          jobId: l.data.jobId,
          scanId,
          ok: false,
          reason: reasonOf(l.output),
          items: l.data.items.map((i) => ({ ...i, size: Number(i.size), mtimeNs: BigInt(i.mtimeNs) })),
        });
      if (lost.length)
        await this.boss.complete(
          q.lost,
          lost.map((l) => l.id),
        );
    }
    return out;
  }

  async cancel(scanId: string): Promise<number> {
    const q = queues(scanId);
    if (!(await this.boss.getQueue(q.work))) return 0;
    // Only jobs no worker holds: pg-boss's own job table, by its documented state column.
    const r = await this.pool.query<{ id: string }>(
      `select id from ${pg.escapeIdentifier(this.options.schema)}.job where name = $1 and state in ('created', 'retry')`,
      [q.work],
    );
    if (r.rows.length)
      await this.boss.cancel(
        q.work,
        r.rows.map((x) => x.id),
      );
    return r.rows.length;
  }

  async release(scanId: string): Promise<void> {
    const q = queues(scanId);
    const names = [q.work, q.done, q.lost]; // the work queue first: it names the others (its dead letters)
    // The jobs first (pg-boss's delete_queue drops a queue's partition after its row, which its deferred foreign
    // key refuses while jobs are left), then the queues.
    await this.pool.query(`delete from ${pg.escapeIdentifier(this.options.schema)}.job where name = any($1)`, [names]);
    for (const name of names) if (await this.boss.getQueue(name)) await this.boss.deleteQueue(name);
  }

  async depth(): Promise<{ queued: number; active: number }> {
    const r = await this.pool.query<{ queued: string; active: string }>(
      `select count(*) filter (where state in ('created', 'retry')) as queued,
              count(*) filter (where state = 'active') as active
       from ${pg.escapeIdentifier(this.options.schema)}.job where name like $1`,
      [`${WORK}%`],
    );
    return { queued: Number(r.rows[0]!.queued), active: Number(r.rows[0]!.active) };
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
    await this.pool.end();
  }

  /** Runs `work` in one transaction, giving pg-boss the transaction's connection. */
  private async transaction(work: (db: PgBoss.Db) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await work({ executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }) });
      await client.query('commit');
    } catch (e) {
      await client.query('rollback').catch(() => undefined); // the connection is released below either way
      throw e;
    } finally {
      client.release();
    }
  }
}

const WORK = 'glimpse_embed_';

/** A URL with its password replaced, for messages. */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

interface ScanQueues {
  readonly work: string;
  readonly done: string;
  readonly lost: string;
}

/** A scan's queue names: pg-boss allows letters, digits and _ (at most 50); long or odd ids are hashed. */
function queues(scanId: string): ScanQueues {
  const plain = scanId.replace(/[^A-Za-z0-9]/g, '_');
  const key =
    plain.length <= 30 && plain === scanId.replace(/-/g, '_')
      ? plain
      : createHash('sha256').update(scanId).digest('hex').slice(0, 30);
  return { work: `${WORK}${key}`, done: `glimpse_done_${key}`, lost: `glimpse_lost_${key}` };
}

function storeResult(r: EmbedItemResult): StoredResult {
  if (!r.ok) return { contentHash: r.contentHash, ok: false, reason: r.reason };
  return {
    contentHash: r.contentHash,
    ok: true,
    points: r.points.map((p) => ({
      segment: p.segment,
      vector: Array.from(p.vector, (x) => +x.toPrecision(9)),
      kind: p.kind,
      takenAt: p.takenAt ? p.takenAt.toISOString() : null,
      startSec: p.startSec,
      endSec: p.endSec,
      frameSec: p.frameSec,
    })),
    facts: { ...r.facts, takenAt: r.facts.takenAt ? r.facts.takenAt.toISOString() : null },
    ...(r.metadata
      ? { metadata: { ...r.metadata, takenAt: r.metadata.takenAt ? r.metadata.takenAt.toISOString() : null } }
      : {}),
  };
}

function readResult(r: StoredResult): EmbedItemResult {
  if (!r.ok) return { contentHash: r.contentHash, ok: false, reason: r.reason ?? 'failed' };
  return {
    contentHash: r.contentHash,
    ok: true,
    points: (r.points ?? []).map((p) => ({
      contentHash: r.contentHash,
      segment: p.segment,
      vector: Float32Array.from(p.vector),
      kind: p.kind,
      takenAt: p.takenAt ? new Date(p.takenAt) : null,
      startSec: p.startSec,
      endSec: p.endSec,
      frameSec: p.frameSec,
    })),
    facts: {
      width: r.facts?.width ?? null,
      height: r.facts?.height ?? null,
      durationSec: r.facts?.durationSec ?? null,
      takenAt: r.facts?.takenAt ? new Date(r.facts.takenAt) : null,
    },
    ...(r.metadata
      ? { metadata: { ...r.metadata, takenAt: r.metadata.takenAt ? new Date(r.metadata.takenAt) : null } }
      : {}),
  };
}

/** The reason a job failed for good: a worker's, or pg-boss's when the lease ran out. */
function reasonOf(output: unknown): string {
  const o = (output ?? {}) as { reason?: unknown; value?: { message?: unknown }; message?: unknown };
  if (typeof o.reason === 'string') return o.reason;
  if (typeof o.value?.message === 'string')
    return /timeout/.test(o.value.message)
      ? 'the worker holding it stopped answering (its lease ran out)'
      : o.value.message;
  return typeof o.message === 'string' ? o.message : 'failed on every try';
}
