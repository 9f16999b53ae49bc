import Router from '@koa/router';
import { GlimpseError } from '@glimpse/core';
import type { GlimpseRuntime } from '../runtime.js';

/** GET /index: what the index holds. DELETE /index: delete the vectors and file records; the next scan rebuilds. */
export function indexRoutes(runtime: GlimpseRuntime): Router {
  const router = new Router();
  router.get('/index', async (ctx) => {
    ctx.body = await runtime.stats();
  });
  // Files that could not be indexed, with the reason: kept in the index, so they are listed after a restart too
  // (a rescan does not retry a failed file until it changes).
  router.get('/index/failed', async (ctx) => {
    const limit = whole(ctx.query['limit'], 100, 1, 1000, 'limit');
    const offset = whole(ctx.query['offset'], 0, 0, 1_000_000, 'offset');
    const [files, stats] = await Promise.all([runtime.files.listFailed(limit, offset), runtime.files.stats('')]);
    ctx.body = {
      total: stats.failedFiles,
      files: files.map((f) => ({ id: f.id, path: f.path, kind: f.kind, error: f.error })),
    };
  });
  router.delete('/index', async (ctx) => {
    await runtime.resetIndex();
    ctx.body = {
      deleted: true,
      message: 'The index is empty; start a scan (POST /api/v1/scans) to build it again.',
      ...(await runtime.stats()),
    };
  });
  return router;
}

function whole(v: string | string[] | undefined, fallback: number, min: number, max: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'string' && /^\d{1,7}$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max))
    throw new GlimpseError('invalid-input', `${name} must be a whole number from ${min} to ${max}.`);
  return n;
}
