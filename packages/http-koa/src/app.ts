import Router from '@koa/router';
import Koa from 'koa';
import { authMiddleware } from './middleware/auth.js';
import { errorMiddleware } from './middleware/errors.js';
import { localhostGuard, STRICT_LOCALHOST, type LocalhostPolicy } from './middleware/localhost-guard.js';
import { indexRoutes } from './routes/library-index.js';
import { libraryRoutes } from './routes/library.js';
import { mediaRoutes } from './routes/media.js';
import { scanRoutes } from './routes/scans.js';
import { scopeRoutes } from './routes/scope.js';
import { searchRoutes } from './routes/search.js';
import { systemRoutes } from './routes/system.js';
import { webApp } from './routes/web-app.js';
import type { Services } from './container.js';

export const API_VERSION = '0.1.0';

export interface AppOptions {
  readonly policy?: LocalhostPolicy;
  /** How often SSE progress events may be sent. Default 250 ms. */
  readonly progressIntervalMs?: number;
  readonly log?: (message: string) => void;
  /** The built web app to serve at / (null: none). */
  readonly webDir?: string | null;
  /** The key every request must carry (see `authMiddleware`), and the file that holds it; null: none needed. */
  readonly auth?: { readonly key: string; readonly keyFile: string } | null;
}

/**
 * The Koa application over Glimpse's services, each route given the parts it uses: guards first (before routing),
 * then errors as JSON, then the /api/v1 routes, then the web app.
 */
export function createApp(services: Services, options: AppOptions = {}): { app: Koa; api: Router } {
  const { jobs, scopes, index, model, previews, metrics, health, config } = services;
  const app = new Koa();
  // A request answered before its body was read (refused, or a bad request) must not leave those bytes on a
  // kept-alive connection, where they would be read as the next request.
  app.use(async (ctx, next) => {
    await next();
    if (!ctx.req.complete && (ctx.req.headers['content-length'] || ctx.req.headers['transfer-encoding']))
      ctx.set('Connection', 'close');
  });
  app.use(localhostGuard(options.policy ?? STRICT_LOCALHOST));
  if (options.auth) app.use(authMiddleware(options.auth.key, options.auth.keyFile));
  app.use(errorMiddleware(options.log));
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    await next();
  });
  const api = new Router({ prefix: '/api/v1' });
  for (const r of [
    systemRoutes({ health, metrics, model, modelDir: config.modelDir }, API_VERSION),
    searchRoutes({ model, metrics, previews, limits: config.server }),
    mediaRoutes({ previews, modelId: model.modelId }),
    scanRoutes(
      { jobs, scopes },
      options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {},
    ),
    scopeRoutes({ scopes, jobs, graceDays: config.vectorGraceDays }),
    indexRoutes({ index }),
    libraryRoutes({
      model,
      modelDir: config.modelDir,
      modelFiles: services.modelFiles,
      home: config.home,
      policy: options.policy ?? STRICT_LOCALHOST,
    }),
  ]) {
    api.use(r.routes(), r.allowedMethods());
  }
  app.use(api.routes()).use(api.allowedMethods());
  app.use(webApp(options.webDir ?? null));
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = { error: { kind: 'not-found', message: `There is nothing at ${ctx.method} ${ctx.path}.` } };
  });
  return { app, api };
}
