import Router from '@koa/router';
import { docsPage, openApiDocument } from '../openapi.js';
import type { GlimpseRuntime } from '../runtime.js';

type Check = 'ok' | 'loading' | string;

/** Liveness, readiness, metrics and the API description. */
export function systemRoutes(runtime: GlimpseRuntime, version: string): Router {
  const router = new Router();
  const doc = openApiDocument(version);
  const page = docsPage(doc);

  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/ready', async (ctx) => {
    const checks: Record<'database' | 'vectorStore' | 'model', Check> = {
      database: 'ok',
      vectorStore: 'loading',
      model: 'loading',
    };
    try {
      await runtime.database.ping();
    } catch (e) {
      checks.database = `failing: ${(e as Error).message}`;
    }
    const model = runtime.modelState;
    if (model.state === 'failed') checks.model = `failing: ${model.error}`;
    if (model.state === 'ready') {
      checks.model = 'ok';
      try {
        await (await runtime.services()).vectors.count();
        checks.vectorStore = 'ok';
      } catch (e) {
        checks.vectorStore = `failing: ${(e as Error).message}`;
      }
    }
    const ready = Object.values(checks).every((c) => c === 'ok');
    ctx.status = ready ? 200 : 503;
    const d = runtime.download;
    ctx.body = {
      status: ready ? 'ready' : 'not-ready',
      checks,
      ...(d && !ready ? { download: { model: d.model, file: d.file, bytes: d.bytes, total: d.total } } : {}),
    };
  });

  router.get('/metrics', async (ctx) => {
    ctx.type = runtime.metrics.contentType;
    ctx.body = await runtime.metrics.text();
  });

  router.get('/openapi.json', (ctx) => {
    ctx.body = doc;
  });

  router.get('/docs', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page;
  });
  return router;
}
