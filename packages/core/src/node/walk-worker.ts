// The walker threads of NodeMediaSource. As `walk` (the default role), it runs the folder walk for one request at a
// time and posts its batches, at most WINDOW ahead of the consumer (which answers each batch with "more"), so memory
// stays bounded. As `stat` (workerData.role), it stats the share of each batch's paths that the walker sends it:
// a rescan is bound by one `stat` per file, and two threads stat a batch in 0.65x the time of one.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { compileScope, type Scope, type ScopeFilter } from '../domain/scope.js';
import { resolveBatch, statPaths, walkPending, type PendingBatch, type WireBatch } from './walk-tree.js';

export type WalkRequest =
  | { readonly type: 'walk'; readonly scope: Scope; readonly root: string; readonly batchSize: number }
  | { readonly type: 'more' }
  | { readonly type: 'cancel' }
  /** To the walker: the port of a stat helper. To a stat helper: the port to serve. */
  | { readonly type: 'helper'; readonly port: MessagePort };

interface StatRequest {
  readonly id: number;
  readonly paths: readonly string[];
}
interface StatReply {
  readonly id: number;
  readonly numbers: Float64Array;
  readonly errors: readonly (readonly [number, string])[];
}

const WINDOW = 4;
/** Batches with fewer paths to stat than this are stat'ed by the walker alone. */
const MIN_SHARED = 64;
/** The helper's share of a batch's paths: it does nothing else, while the walker also lists the folders. */
const HELPER_SHARE = 0.6;
const port = parentPort!;

if ((workerData as { role?: string } | undefined)?.role === 'stat') {
  port.on('message', (m: WalkRequest) => {
    if (m.type !== 'helper') return;
    m.port.on('message', ({ id, paths }: StatRequest) => {
      const numbers = new Float64Array(2 * paths.length);
      const errors = new Map<number, string>();
      statPaths(paths, 0, paths.length, numbers, errors);
      m.port.postMessage({ id, numbers, errors: [...errors] } satisfies StatReply, [numbers.buffer]);
    });
  });
} else {
  let credits = 0;
  let cancelled = false;
  let wake: (() => void) | null = null;
  let helper: MessagePort | null = null;
  /** Requests sent to the helper and not answered yet, by id (replies of a cancelled walk find none). */
  const waiting = new Map<number, (r: StatReply | null) => void>();
  let nextId = 0;

  port.on('message', (m: WalkRequest) => {
    if (m.type === 'walk') void run(m);
    else if (m.type === 'helper') {
      helper = m.port;
      helper.on('message', (r: StatReply) => {
        waiting.get(r.id)?.(r);
        waiting.delete(r.id);
      });
      // The helper stopped (its thread ended): this walker stats alone from then on.
      helper.on('close', () => {
        helper = null;
        for (const answer of waiting.values()) answer(null);
        waiting.clear();
      });
    } else {
      if (m.type === 'more') credits++;
      else cancelled = true;
      wake?.();
    }
  });

  interface Started {
    readonly pending: PendingBatch;
    readonly numbers: Float64Array;
    readonly errors: Map<number, string>;
    readonly cut: number;
    readonly answer: Promise<StatReply | null> | null;
  }

  /**
   * Sends the last share of a batch's paths to the helper and stats the rest here. The walker then lists the next
   * batch before it takes the helper's answer ({@link finish}), so the helper works while it lists.
   */
  const start = (pending: PendingBatch): Started => {
    const n = pending.paths.length;
    const h = helper;
    const cut = h === null || n < MIN_SHARED ? n : Math.floor(n * (1 - HELPER_SHARE));
    let answer: Promise<StatReply | null> | null = null;
    if (h !== null && cut < n) {
      const id = nextId++;
      answer = new Promise((r) => waiting.set(id, r));
      h.postMessage({ id, paths: pending.paths.slice(cut) } satisfies StatRequest);
    }
    const numbers = new Float64Array(2 * n);
    const errors = new Map<number, string>();
    statPaths(pending.paths, 0, cut, numbers, errors);
    return { pending, numbers, errors, cut, answer };
  };

  const finish = async (filter: ScopeFilter, b: Started): Promise<WireBatch> => {
    const n = b.pending.paths.length;
    const r = b.answer ? await b.answer : null;
    if (r !== null) {
      b.numbers.set(r.numbers, 2 * b.cut);
      for (const [i, reason] of r.errors) b.errors.set(b.cut + i, reason);
    } else statPaths(b.pending.paths, b.cut, n, b.numbers, b.errors);
    return resolveBatch(filter, b.pending, { numbers: b.numbers, errors: b.errors });
  };

  const run = async (m: Extract<WalkRequest, { type: 'walk' }>): Promise<void> => {
    credits = WINDOW;
    cancelled = false;
    try {
      const filter: ScopeFilter = compileScope(m.scope, m.root);
      const post = async (b: Started): Promise<boolean> => {
        const batch = await finish(filter, b);
        while (credits <= 0 && !cancelled) await new Promise<void>((r) => (wake = r));
        if (cancelled) return false;
        credits--;
        port.postMessage({ type: 'batch', batch }, [batch.numbers.buffer, batch.codes.buffer]);
        return true;
      };
      let previous: Started | null = null;
      for (const pending of walkPending(filter, m.batchSize)) {
        const current = start(pending);
        if (previous !== null && !(await post(previous))) {
          previous = null;
          break;
        }
        previous = current;
        if (cancelled) break;
      }
      if (previous !== null && !cancelled) await post(previous);
      port.postMessage({ type: 'done' });
    } catch (e) {
      port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
}
