import Router from '@koa/router';
import { DOCS_PAGE_CSP, docsPage, openApiDocument } from '../openapi.js';
import type { HealthCheck } from '../container.js';
import type { GlimpseMetrics } from '../metrics.js';
import type { ModelService } from '../services/model-service.js';

/** Liveness, readiness, metrics and the API description. */
export function systemRoutes(
  {
    health,
    metrics,
    model,
    modelDir,
  }: { health: readonly HealthCheck[]; metrics: GlimpseMetrics; model: ModelService; modelDir: string },
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
    // What is missing or failing (not what is still loading or waiting on it), and what to do.
    const missing = answers.flatMap(([part, a]) => {
      if (a === 'ok' || a === 'loading' || a === 'waiting for the model' || a.includes('needs the model')) return [];
      const message = a.replace(/^(not loaded|failing):\s*/, '');
      const fix =
        part === 'model'
          ? `Put the model's files (config.json, visual/, textual/) in ${modelDir}/${model.modelId}, start Glimpse ` +
            'with --model naming a model folder you have (or GLIMPSE_MODEL), or let it download the model once ' +
            'with internet access; then restart Glimpse.'
          : part === 'database'
            ? 'Check that the database is running and reachable (GLIMPSE_DATABASE_URL), or the data folder is writable.'
            : 'Check the vector store: the database itself with pgvector (the default), or Qdrant ' +
              '(GLIMPSE_VECTOR_STORE=qdrant, at GLIMPSE_QDRANT_URL) running and reachable.';
      return [{ part, message, fix }];
    });
    ctx.body = {
      status: ready ? 'ready' : 'not-ready',
      checks,
      ...(d && !ready ? { download: { model: d.model, file: d.file, bytes: d.bytes, total: d.total } } : {}),
      ...(missing.length ? { missing } : {}),
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
    ctx.set('Content-Security-Policy', DOCS_PAGE_CSP);
    ctx.set('X-Frame-Options', 'DENY');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page;
  });
  return router;
}
