import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import Router from '@koa/router';
import { GlimpseError, type WorkerFiles } from '@glimpse/core';
import Koa from 'koa';
import { errorMiddleware } from '../middleware/errors.js';

/** What a worker sends to prove it is one: `Authorization: Bearer <worker token>`. */
export const WORKER_TOKEN_HINT =
  'This address is for Glimpse workers only: give the worker token (run `glimpse worker-token` on the server) ' +
  'as GLIMPSE_WORKER_TOKEN.';

export interface WorkerApiOptions {
  readonly token: string;
  readonly files: () => Promise<WorkerFiles>;
  readonly log?: (line: string) => void;
  /** Told of each file served, with its size. */
  readonly onServed?: (bytes: number) => void;
}

/**
 * The one listener Glimpse may open beyond loopback: workers on other machines fetch the files of their jobs here.
 * It answers only its own endpoints, only to a request with the worker token, never to a browser (a request with
 * an Origin is refused), and only files the index holds, unchanged since hashed (see `WorkerFiles`).
 */
export function createWorkerApp(options: WorkerApiOptions): Koa {
  const app = new Koa();
  const expected = Buffer.from(options.token);
  app.use(errorMiddleware(options.log));
  app.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    const given = /^Bearer ([0-9a-f]{64})$/.exec(ctx.get('Authorization'))?.[1];
    const refusal = ctx.get('Origin')
      ? 'Browsers may not use the worker address.'
      : !given || !timingSafeEqual(Buffer.from(given), expected)
        ? WORKER_TOKEN_HINT
        : null;
    if (refusal === null) return next();
    ctx.status = 403;
    ctx.body = { error: { kind: 'unauthorized', message: refusal } };
  });
  const router = new Router({ prefix: '/worker/v1' });
  router.get('/hello', (ctx) => {
    ctx.body = { glimpse: 'worker-api', version: 1 };
  });
  router.get('/file', async (ctx) => {
    const content = ctx.query['content'];
    const path = ctx.query['path'];
    if (typeof content !== 'string' || !/^[0-9a-z]{8,128}$/.test(content) || typeof path !== 'string' || !path)
      throw new GlimpseError('invalid-input', 'Give the content hash as content and the file path as path.');
    const file = await (await options.files()).locate(content, path);
    ctx.type = 'application/octet-stream';
    ctx.length = file.size;
    ctx.set('X-Glimpse-Size', String(file.size));
    ctx.body = createReadStream(file.path);
    options.onServed?.(file.size);
  });
  app.use(router.routes()).use(router.allowedMethods());
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = {
      error: { kind: 'not-found', message: `The worker address has nothing at ${ctx.method} ${ctx.path}.` },
    };
  });
  return app;
}

/** Starts the worker listener (with the main server's connection limits, `limit`); resolves once it listens. */
export async function listenForWorkers(
  app: Koa,
  at: { readonly host: string; readonly port: number },
  limit: (server: Server) => void,
): Promise<Server> {
  const server = createServer(app.callback());
  limit(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new GlimpseError(
          e.code === 'EADDRINUSE' ? 'conflict' : 'invalid-input',
          `The worker address ${at.host}:${at.port} (GLIMPSE_WORKER_LISTEN) cannot be used: ${e.code ?? e.message}.`,
        ),
      ),
    );
    server.listen(at.port, at.host, () => resolve());
  });
  return server;
}
