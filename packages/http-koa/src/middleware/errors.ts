import { GlimpseError, type GlimpseErrorKind } from '@glimpse/core';
import type { Middleware } from 'koa';

const STATUS: Record<GlimpseErrorKind, number> = {
  'invalid-input': 400,
  'not-found': 404,
  'too-large': 413,
  conflict: 409,
  cancelled: 409,
  'unsupported-media': 415,
  'corrupt-media': 422,
  unavailable: 503,
  unauthorized: 401,
  forbidden: 403,
};

/** The one place where errors become HTTP: a GlimpseError's kind picks the status; anything else is a 500. */
export function errorMiddleware(log: (message: string) => void = (m) => console.error(m)): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (e) {
      if (GlimpseError.is(e)) {
        ctx.status = STATUS[e.kind];
        ctx.body = { error: { kind: e.kind, message: e.message } };
      } else {
        log(`glimpse: ${ctx.method} ${ctx.path} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        ctx.status = 500;
        ctx.body = {
          error: { kind: 'internal', message: 'Something went wrong inside Glimpse; the server log has the details.' },
        };
      }
    }
  };
}
