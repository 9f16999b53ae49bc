import Router from '@koa/router';
import type { GlimpseRuntime } from '../runtime.js';
import { wholeNumber } from './query-params.js';

/** GET /index: what the index holds. DELETE /index: delete the vectors and file records; the next scan rebuilds. */
export function indexRoutes(runtime: GlimpseRuntime): Router {
  const router = new Router();
  router.get('/index', async (ctx) => {
    ctx.body = await runtime.stats();
  });
  // Files that could not be indexed, with the reason: kept in the index, so they are listed after a restart too
  // (a rescan does not retry a failed file until it changes).
  router.get('/index/failed', async (ctx) => {
    const limit = wholeNumber(ctx.query['limit'], 'limit', { fallback: 100, min: 1, max: 1000 });
    const offset = wholeNumber(ctx.query['offset'], 'offset', { fallback: 0, min: 0, max: 1_000_000 });
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
