import { createReadStream } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { MessageChannel, Worker } from 'node:worker_threads';
import { compileScope, type Scope } from '../domain/scope.js';
import type { FileStat, MediaSource, RootState, WalkBatch } from '../ports/media-source.js';
import { errorCode, fromWire, mtimeNsOf, walkTree, type WireBatch } from './walk-tree.js';

export interface NodeMediaSourceOptions {
  /** Entries per yielded batch. */
  readonly batchSize?: number;
  /** Bytes per read chunk when streaming a file. */
  readonly readChunkBytes?: number;
  /**
   * `worker` (default): walk in a worker thread, so the scan's merge and database work run beside the system
   * calls. `thread`: walk on the calling thread, yielding to the event loop between batches.
   */
  readonly walker?: 'worker' | 'thread';
  /**
   * Threads that stat the walk's files, with the `worker` walker (default 2: the walker and a helper). A rescan
   * with nothing changed is bound by one `stat` per file; two threads read a batch's in 0.65x the time of one.
   */
  readonly statThreads?: 1 | 2;
}

type WorkerMessage = { type: 'batch'; batch: WireBatch } | { type: 'done' } | { type: 'error'; message: string };

/**
 * MediaSource over the local file system. Modification times have microsecond precision. The walker worker is
 * started on the first walk and reused; it does not keep the process alive, and {@link close} stops it.
 */
export class NodeMediaSource implements MediaSource, AsyncDisposable {
  private readonly batchSize: number;
  private readonly chunk: number;
  private readonly walker: 'worker' | 'thread';
  private worker: Worker | null = null;
  private helper: Worker | null = null;
  private readonly statThreads: number;
  private turn: Promise<void> = Promise.resolve();

  constructor(options: NodeMediaSourceOptions = {}) {
    this.batchSize = options.batchSize ?? 2000;
    this.chunk = options.readChunkBytes ?? 1 << 20;
    this.walker = options.walker ?? 'worker';
    this.statThreads = options.statThreads ?? 2;
  }

  async probeRoot(root: string): Promise<RootState> {
    try {
      const s = await stat(root);
      if (!s.isDirectory()) return 'not-a-folder';
      const dir = await opendir(root);
      try {
        return (await dir.read()) === null ? 'empty' : 'ok';
      } finally {
        await dir.close().catch(() => undefined);
      }
    } catch (e) {
      return errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR' ? 'missing' : 'unreadable';
    }
  }

  walk(scope: Scope, root: string, signal?: AbortSignal): AsyncIterable<WalkBatch> {
    return this.walker === 'worker' ? this.walkInWorker(scope, root, signal) : this.walkHere(scope, root, signal);
  }

  private async *walkHere(scope: Scope, root: string, signal?: AbortSignal): AsyncGenerator<WalkBatch> {
    for (const batch of walkTree(compileScope(scope, root), this.batchSize)) {
      yield batch;
      if (signal?.aborted) return;
      await yieldToLoop();
    }
  }

  private async *walkInWorker(scope: Scope, root: string, signal?: AbortSignal): AsyncGenerator<WalkBatch> {
    // One walk at a time per worker.
    let release!: () => void;
    const previous = this.turn;
    this.turn = new Promise<void>((r) => (release = r));
    await previous;
    const worker = this.startWorker();
    const inbox: WorkerMessage[] = [];
    let notify: (() => void) | null = null;
    const push = (m: WorkerMessage) => {
      inbox.push(m);
      notify?.();
    };
    const onMessage = (m: WorkerMessage) => push(m);
    const onError = (e: Error) => push({ type: 'error', message: `the folder walker stopped: ${e.message}` });
    const onExit = () => push({ type: 'error', message: 'the folder walker exited unexpectedly' });
    const next = async (): Promise<WorkerMessage> => {
      while (inbox.length === 0) await new Promise<void>((r) => (notify = r));
      return inbox.shift()!;
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ type: 'walk', scope, root, batchSize: this.batchSize });
    let finished = false;
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'done') {
          finished = true;
          return;
        }
        if (m.type === 'error') {
          finished = true;
          this.stopWorker();
          throw new Error(m.message);
        }
        yield fromWire(m.batch);
        worker.postMessage({ type: 'more' });
        if (signal?.aborted) return;
      }
    } finally {
      if (!finished) {
        // Stopped early: cancel the walk and let the worker finish before the next walk may start.
        worker.postMessage({ type: 'cancel' });
        for (let m = await next(); m.type === 'batch'; m = await next());
      }
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      release();
    }
  }

  private startWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWalkWorker();
    worker.on('exit', () => {
      if (this.worker === worker) this.stopWorker(); // its stat helper goes with it
    });
    this.worker = worker;
    if (this.statThreads > 1) {
      // The stat helper: the walker sends it a share of each batch's paths over a channel of their own.
      const helper = spawnWalkWorker({ role: 'stat' });
      const { port1, port2 } = new MessageChannel();
      helper.postMessage({ type: 'helper', port: port2 }, [port2]);
      worker.postMessage({ type: 'helper', port: port1 }, [port1]);
      // A helper that fails leaves the walker to stat alone (it sees the channel close); it is not fatal.
      helper.on('error', () => undefined);
      this.helper = helper;
    }
    return worker;
  }

  private stopWorker(): void {
    void this.worker?.terminate();
    void this.helper?.terminate();
    this.worker = null;
    this.helper = null;
  }

  /** Stops the walker worker, if one runs. */
  async close(): Promise<void> {
    const w = this.worker;
    const h = this.helper;
    this.worker = null;
    this.helper = null;
    await Promise.all([w?.terminate(), h?.terminate()]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async stat(path: string): Promise<FileStat | null> {
    try {
      const s = await stat(path);
      return s.isFile() ? { size: s.size, mtimeNs: mtimeNsOf(s.mtimeMs) } : null;
    } catch (e) {
      if (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR') return null;
      throw e;
    }
  }

  read(path: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
    return createReadStream(path, { highWaterMark: this.chunk, ...(signal ? { signal } : {}) });
  }
}

/**
 * A thread running walk-worker. From TypeScript sources (tests, benchmarks) it loads them through tsx, as its parent
 * does; tsx is found from here, not from the working directory (where an eval'd worker would look for it).
 */
function spawnWalkWorker(workerData?: { role: 'stat' }): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './walk-worker.ts' : './walk-worker.js', import.meta.url);
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`,
        { eval: true, workerData },
      )
    : new Worker(url, { workerData });
  worker.unref();
  return worker;
}
