import Router from '@koa/router';
import type { SearchMedia } from '@glimpse/core';
import Koa from 'koa';
import { errorMiddleware } from './middleware/errors.js';
import { localhostGuard, STRICT_LOCALHOST, type LocalhostPolicy } from './middleware/localhost-guard.js';
import { searchRoutes } from './routes/search.js';

export interface AppDeps {
  readonly search: SearchMedia;
}

/** The Koa application: guards first (before routing), then errors as JSON, then the /api/v1 routes. */
export function createApp(deps: AppDeps, policy: LocalhostPolicy = STRICT_LOCALHOST): Koa {
  const app = new Koa();
  app.use(localhostGuard(policy));
  app.use(errorMiddleware());
  const api = new Router({ prefix: '/api/v1' });
  api.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  const search = searchRoutes(deps.search);
  api.use(search.routes(), search.allowedMethods());
  app.use(api.routes()).use(api.allowedMethods());
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = { error: { kind: 'not-found', message: `There is nothing at ${ctx.method} ${ctx.path}.` } };
  });
  return app;
}
