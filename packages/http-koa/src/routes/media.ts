import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import Router from '@koa/router';
import { GlimpseError, type Preview } from '@glimpse/core';
import type { Context } from 'koa';
import type { MediaPreviews } from '@glimpse/core';
import { parseRange } from './http-range.js';
import { mediaItemJson } from './present.js';
import { wholeNumber } from './query-params.js';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.jpe': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.bmp': 'image/bmp',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.avi': 'video/x-msvideo',
  '.3gp': 'video/3gpp',
  '.mts': 'video/mp2t',
  '.m2ts': 'video/mp2t',
  '.mpg': 'video/mpeg',
  '.mpeg': 'video/mpeg',
  '.wmv': 'video/x-ms-wmv',
};

/** Media by id only: facts, the original (with Range, for video seeking), thumbnails and frames. */
export function mediaRoutes({
  previews,
  modelId,
}: {
  previews: () => Promise<MediaPreviews>;
  modelId: string;
}): Router {
  const router = new Router();

  router.get('/media/:id', async (ctx) => {
    ctx.body = mediaItemJson(await (await previews()).describe(ctx.params.id!, modelId));
  });

  router.get('/media/:id/thumbnail', async (ctx) => {
    const size = wholeNumber(ctx.query['size'], 'size', { fallback: 320, min: 1, max: 99_999 });
    sendPreview(ctx, await (await previews()).thumbnail(ctx.params.id!, size), `t${size}`);
  });

  router.get('/media/:id/frame', async (ctx) => {
    const t = ctx.query['t'];
    if (typeof t !== 'string' || !/^\d{1,6}(\.\d{1,3})?$/.test(t))
      throw new GlimpseError('invalid-input', 'Give the time in seconds as t, e.g. ?t=12.5.');
    const size = wholeNumber(ctx.query['size'], 'size', { fallback: 640, min: 1, max: 99_999 });
    sendPreview(ctx, await (await previews()).frame(ctx.params.id!, Number(t), size), `f${t}-${size}`);
  });

  router.get('/media/:id/file', async (ctx) => {
    const original = await (await previews()).original(ctx.params.id!);
    const type = TYPES[extname(original.path).toLowerCase()] ?? 'application/octet-stream';
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('Cache-Control', 'private, no-cache');
    const etag = `"${original.size.toString(36)}-${original.mtimeNs.toString(36)}"`;
    ctx.set('ETag', etag);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(baseName(original.path))}`);
    ctx.type = type;
    const ifRange = ctx.get('If-Range');
    // A Range that depends on a version (If-Range) applies only if the file is still that version.
    const range = ifRange && ifRange !== etag ? null : parseRange(ctx.get('Range') || undefined, original.size);
    if (range === 'unsatisfiable') {
      ctx.status = 416;
      ctx.set('Content-Range', `bytes */${original.size}`);
      ctx.body = {
        error: { kind: 'invalid-input', message: `The file has ${original.size} bytes; that range is past its end.` },
      };
      return;
    }
    const { start, end } = range ?? { start: 0, end: original.size - 1 };
    if (range) {
      ctx.status = 206;
      ctx.set('Content-Range', `bytes ${start}-${end}/${original.size}`);
    } else ctx.status = 200;
    ctx.length = Math.max(0, end - start + 1);
    if (ctx.method === 'HEAD' || original.size === 0) {
      ctx.body = original.size === 0 && ctx.method !== 'HEAD' ? '' : null;
      return;
    }
    const stream = createReadStream(original.path, { start, end });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (e) =>
        reject(
          new GlimpseError(
            'unavailable',
            `"${original.path}" could not be read: ${(e as NodeJS.ErrnoException).code ?? e.message}.`,
          ),
        ),
      );
    });
    ctx.body = stream;
  });
  return router;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Previews are addressed by id but their bytes depend only on the content: the ETag names the content, and a URL
 * that carries the content version (`?v=` from search results) may be cached for good.
 */
function sendPreview(ctx: Context, preview: Preview, variant: string): void {
  const version = ctx.query['v'];
  ctx.set('ETag', `"${preview.contentHash.slice(0, 32)}-${variant}"`);
  ctx.set(
    'Cache-Control',
    typeof version === 'string' && version.length >= 8 && preview.contentHash.startsWith(version)
      ? 'private, max-age=31536000, immutable'
      : 'private, max-age=0, must-revalidate',
  );
  ctx.type = 'image/jpeg';
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.body = Buffer.from(preview.bytes.buffer, preview.bytes.byteOffset, preview.bytes.byteLength);
}
