import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GlimpseError } from '@glimpse/core';
import type { Context, Middleware } from 'koa';

/** The cookie a browser keeps the key in, once it opened the address `glimpse serve` printed. */
export const AUTH_COOKIE = 'glimpse_key';
/** Paths answered without the key: liveness only (a container's health check), which tells nothing. */
const OPEN_PATHS = new Set(['/api/v1/health']);

/**
 * The server's key: read from `file`, or made (32 random bytes) and written there readable by this user only
 * (mode 0600, in a folder of mode 0700), as Jupyter and similar local servers do. Other accounts on the machine
 * cannot read it, so they cannot use the server, though it listens on loopback where they can reach it. The same
 * key serves every start, so a browser that has it keeps working after a restart.
 */
export function loadOrCreateKey(file: string): string {
  try {
    const key = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(key)) {
      ownerOnly(file, 0o600);
      return key;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw keyFailure(file, e);
  }
  const key = randomBytes(32).toString('hex');
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
    ownerOnly(file, 0o600);
  } catch (e) {
    throw keyFailure(file, e);
  }
  return key;
}

/** The key of a server, for a CLI command that talks to it; null when there is none or it cannot be read. */
export function readKey(file: string): string | null {
  try {
    const key = readFileSync(file, 'utf8').trim();
    return /^[0-9a-f]{64}$/.test(key) ? key : null;
  } catch {
    return null;
  }
}

function ownerOnly(file: string, mode: number): void {
  if ((statSync(file).mode & 0o777) !== mode) chmodSync(file, mode);
}

function keyFailure(file: string, e: unknown): GlimpseError {
  return new GlimpseError(
    'unavailable',
    `The server's key file ${file} cannot be read or written (${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
    { cause: e },
  );
}

/**
 * Every request needs the key: as `Authorization: Bearer <key>` (the CLI, scripts), or in the HttpOnly,
 * SameSite=Strict cookie a browser gets when it opens `/?key=<key>` (the address `glimpse serve` prints), which
 * then redirects to the same page without the key in its address. Anything else: 401, with what to do.
 */
export function authMiddleware(key: string, keyFile: string): Middleware {
  const expected = Buffer.from(key);
  const matches = (given: string | undefined) => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === expected.length && timingSafeEqual(b, expected);
  };
  return async (ctx, next) => {
    if (OPEN_PATHS.has(ctx.path)) return next();
    const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
    if (matches(bearer) || matches(ctx.cookies.get(AUTH_COOKIE))) return next();
    const offered = ctx.query['key'];
    if (typeof offered === 'string' && matches(offered) && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.cookies.set(AUTH_COOKIE, key, { httpOnly: true, sameSite: 'strict', path: '/', overwrite: true });
      const url = new URL(ctx.originalUrl, 'http://glimpse.invalid');
      url.searchParams.delete('key');
      ctx.status = 302;
      ctx.redirect(`${url.pathname}${url.search}`);
      return;
    }
    refuse(ctx, keyFile);
  };
}

function refuse(ctx: Context, keyFile: string): void {
  ctx.status = 401;
  ctx.set('Cache-Control', 'no-store');
  const message =
    'This Glimpse server answers only its owner. Open the address that `glimpse serve` printed (it carries the ' +
    `key), or send the key from ${keyFile} as "Authorization: Bearer <key>".`;
  if (ctx.path.startsWith('/api/')) {
    ctx.body = { error: { kind: 'unauthorized', message } };
    return;
  }
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Glimpse</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Glimpse needs its key</h1><p>${escapeHtml(message)}</p>
<p>Lost the address? Run <code>glimpse serve</code> again, or <code>glimpse open</code> while it runs.</p></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
