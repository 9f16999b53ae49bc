import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { Middleware } from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The app talks only to this server; nothing is loaded from elsewhere. */
const CSP =
  "default-src 'self'; img-src 'self' blob: data:; media-src 'self'; style-src 'self'; script-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Where the built web app is: GLIMPSE_WEB_DIR, else the @glimpse/web package's dist folder. */
export function defaultWebDir(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@glimpse/web/package.json')), 'dist');
  } catch {
    return null;
  }
}

/**
 * Serves the web app's static files for GET/HEAD outside /api: hashed assets cached for good, everything else
 * falls back to index.html (the app routes itself), never cached. Paths cannot leave the folder.
 */
export function webApp(dir: string | null): Middleware {
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    if (!dir) return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(ctx.path);
    } catch {
      return next(); // malformed escapes: not a file of ours
    }
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    const file = join(dir, rel);
    const inside = file.startsWith(dir + sep) && !rel.split(/[/\\]/).includes('..');
    let target = join(dir, 'index.html');
    if (inside && rel !== '' && (await isFile(file))) target = file;
    else if (extname(rel) && rel !== 'index.html') return next(); // a missing asset is a 404, not the app
    let body: Buffer;
    try {
      body = await readFile(target);
    } catch {
      ctx.status = 503;
      ctx.type = 'text/plain';
      ctx.body = 'The web app is not built. Run `npm run build -w @glimpse/web` (npm install does it), then reload.';
      return;
    }
    ctx.type = TYPES[extname(target)] ?? 'application/octet-stream';
    ctx.set(
      'Cache-Control',
      target.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (target.endsWith('.html')) {
      ctx.set('Content-Security-Policy', CSP);
      ctx.set('X-Frame-Options', 'DENY');
    }
    ctx.body = body;
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
