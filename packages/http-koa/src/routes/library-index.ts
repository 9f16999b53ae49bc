import Router from '@koa/router';
import type { GlimpseRuntime } from '../runtime.js';

/** GET /index: what the index holds. DELETE /index: delete the vectors and file records; the next scan rebuilds. */
export function indexRoutes(runtime: GlimpseRuntime): Router {
  const router = new Router();
  router.get('/index', async (ctx) => {
    ctx.body = await runtime.stats();
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
