// The walker thread of NodeMediaSource: runs walkTree for one request at a time and posts its batches, at most
// WINDOW ahead of the consumer (which answers each batch with "more"), so memory stays bounded.
import { parentPort } from 'node:worker_threads';
import { compileScope, type Scope } from '../domain/scope.js';
import { walkTree } from './walk-tree.js';

export type WalkRequest =
  | { readonly type: 'walk'; readonly scope: Scope; readonly root: string; readonly batchSize: number }
  | { readonly type: 'more' }
  | { readonly type: 'cancel' };

const WINDOW = 4;
const port = parentPort!;
let credits = 0;
let cancelled = false;
let wake: (() => void) | null = null;

port.on('message', (m: WalkRequest) => {
  if (m.type === 'walk') void run(m);
  else {
    if (m.type === 'more') credits++;
    else cancelled = true;
    wake?.();
  }
});

async function run(m: Extract<WalkRequest, { type: 'walk' }>): Promise<void> {
  credits = WINDOW;
  cancelled = false;
  try {
    for (const batch of walkTree(compileScope(m.scope, m.root), m.batchSize)) {
      while (credits <= 0 && !cancelled) await new Promise<void>((r) => (wake = r));
      if (cancelled) break;
      credits--;
      port.postMessage({ type: 'batch', batch });
    }
    port.postMessage({ type: 'done' });
  } catch (e) {
    port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
