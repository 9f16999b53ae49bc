import { PassThrough } from 'node:stream';
import Router from '@koa/router';
import { GlimpseError, isFinished, type ScanJob, type ScanMode } from '@glimpse/core';
import type { ScanJobs } from '@glimpse/core';
import type { ScopeService } from '../services/scope-service.js';
import { scanJobJson } from './present.js';
import { readJson } from './request-body.js';

/** The scan queue over HTTP: start, list, watch (Server-Sent Events), cancel. */
export function scanRoutes(
  { jobs, scopes }: { jobs: ScanJobs; scopes: ScopeService },
  options: { progressIntervalMs?: number } = {},
): Router {
  const router = new Router();
  const interval = options.progressIntervalMs ?? 250;

  router.post('/scans', async (ctx) => {
    const body = (await readJson(ctx.req)) ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new GlimpseError('invalid-input', 'The body must be a JSON object like {"mode": "incremental"}.');
    const { mode = 'incremental', ...rest } = body as { mode?: unknown };
    if (Object.keys(rest).length)
      throw new GlimpseError(
        'invalid-input',
        `Unknown field(s): ${Object.keys(rest).join(', ')}; only "mode" is read.`,
      );
    if (mode !== 'incremental' && mode !== 'reindex')
      throw new GlimpseError('invalid-input', `mode must be "incremental" or "reindex" (got ${JSON.stringify(mode)}).`);
    if ((await scopes.current()).roots.length === 0)
      throw new GlimpseError('conflict', 'There are no folders to index yet: set them with PUT /api/v1/scope first.');
    const { job, created } = jobs.request(mode as ScanMode, 'request');
    ctx.status = created ? 202 : 200;
    ctx.set('Location', `/api/v1/scans/${job.id}`);
    ctx.body = { ...scanJobJson(job), created };
  });

  router.get('/scans', (ctx) => {
    ctx.body = { scans: jobs.list().map(scanJobJson) };
  });

  router.get('/scans/:id', (ctx) => {
    ctx.body = scanJobJson(job(ctx.params.id!));
  });

  router.delete('/scans/:id', (ctx) => {
    ctx.body = scanJobJson(jobs.cancel(job(ctx.params.id!).id));
  });

  // Events: `progress` (at most every 250 ms), `status` (queued → running → ...), and a last `done`, then the
  // stream ends. A job that already finished gets its `done` at once.
  router.get('/scans/:id/events', (ctx) => {
    const first = job(ctx.params.id!);
    const stream = new PassThrough();
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.set('Content-Type', 'text/event-stream; charset=utf-8');
    ctx.set('Cache-Control', 'no-cache, no-transform');
    ctx.set('X-Accel-Buffering', 'no');
    ctx.status = 200;
    ctx.body = stream;
    let last = 0;
    let pending: ScanJob | null = null;
    let timer: NodeJS.Timeout | null = null;
    const send = (event: string, j: ScanJob) => {
      stream.write(`event: ${event}\nid: ${Date.now()}\ndata: ${JSON.stringify(scanJobJson(j))}\n\n`);
    };
    const flush = () => {
      timer = null;
      if (pending) send('progress', pending);
      pending = null;
      last = Date.now();
    };
    const end = (j: ScanJob) => {
      if (timer) clearTimeout(timer);
      unsubscribe();
      clearInterval(heartbeat);
      send('done', j);
      stream.end();
    };
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), 15_000);
    const unsubscribe = jobs.subscribe((e) => {
      if (e.job.id !== first.id) return;
      if (e.type === 'progress') {
        pending = e.job;
        if (!timer) timer = setTimeout(flush, Math.max(0, interval - (Date.now() - last)));
        return;
      }
      if (timer) flush();
      send('status', e.job);
      if (isFinished(e.job)) end(e.job);
    });
    ctx.req.on('close', () => {
      if (timer) clearTimeout(timer);
      clearInterval(heartbeat);
      unsubscribe();
    });
    send('status', first);
    if (isFinished(first)) end(first);
  });

  function job(id: string): ScanJob {
    const found = jobs.get(id);
    if (!found) throw new GlimpseError('not-found', `There is no scan with the id "${id.slice(0, 80)}".`);
    return found;
  }
  return router;
}
