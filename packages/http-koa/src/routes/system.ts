import Router from '@koa/router';
import { docsPage, openApiDocument } from '../openapi.js';
import type { HealthCheck } from '../container.js';
import type { GlimpseMetrics } from '../metrics.js';
import type { ModelService } from '../services/model-service.js';

/** Liveness, readiness, metrics and the API description. */
export function systemRoutes(
  { health, metrics, model }: { health: readonly HealthCheck[]; metrics: GlimpseMetrics; model: ModelService },
  version: string,
): Router {
  const router = new Router();
  const doc = openApiDocument(version);
  const page = docsPage(doc);

  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/ready', async (ctx) => {
    const answers = await Promise.all(health.map(async (h) => [h.name, await h.check()] as const));
    const checks = Object.fromEntries(answers);
    const ready = answers.every(([, a]) => a === 'ok');
    ctx.status = ready ? 200 : 503;
    const d = model.download;
    ctx.body = {
      status: ready ? 'ready' : 'not-ready',
      checks,
      ...(d && !ready ? { download: { model: d.model, file: d.file, bytes: d.bytes, total: d.total } } : {}),
    };
  });

  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.contentType;
    ctx.body = await metrics.text();
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
