import Router from '@koa/router';
import { GlimpseError, type VerifyReport } from '@glimpse/core';
import type { IndexService, IndexStats } from '../services/index-service.js';
import { readJson } from './request-body.js';
import { wholeNumber } from './query-params.js';

/** GET /index: what the index holds. DELETE /index: delete the vectors and file records; the next scan rebuilds. */
export function indexRoutes({ index }: { index: IndexService }): Router {
  const router = new Router();
  router.get('/index', async (ctx) => {
    ctx.body = indexJson(await index.stats());
  });
  // Files that could not be indexed, with the reason: kept in the index, so they are listed after a restart too
  // (a rescan does not retry a failed file until it changes).
  router.get('/index/failed', async (ctx) => {
    const limit = wholeNumber(ctx.query['limit'], 'limit', { fallback: 100, min: 1, max: 1000 });
    const offset = wholeNumber(ctx.query['offset'], 'offset', { fallback: 0, min: 0, max: 1_000_000 });
    const { total, files } = await index.failed(limit, offset);
    ctx.body = { total, files: files.map((f) => ({ id: f.id, path: f.path, kind: f.kind, error: f.error })) };
  });
  router.delete('/index', async (ctx) => {
    await index.reset();
    ctx.body = {
      deleted: true,
      message: 'The index is empty; start a scan (POST /api/v1/scans) to build it again.',
      ...indexJson(await index.stats()),
    };
  });
  // Checks the index (and repairs it with {"repair": true}); 200 either way, the report says what it found.
  router.post('/index/verify', async (ctx) => {
    const body = ((await readJson(ctx.req)) ?? {}) as { repair?: unknown };
    if (typeof body !== 'object' || (body.repair !== undefined && typeof body.repair !== 'boolean'))
      throw new GlimpseError('invalid-input', 'The body must be like {"repair": true} (or empty to only check).');
    ctx.body = verifyJson(await index.verify(body.repair === true));
  });
  // The vectors kept for files that left the index (a removed folder, deleted files), dropped now.
  router.post('/index/prune', async (ctx) => {
    const dropped = await index.prune();
    ctx.body = {
      dropped,
      message: dropped
        ? `Deleted the vectors of ${dropped} item${dropped === 1 ? '' : 's'} whose files had left the index.`
        : 'No vectors were waiting to be deleted.',
      ...indexJson(await index.stats()),
    };
  });
  return router;
}

/** The index's counts; `released` is what waits for the end of its grace period (or for a prune). */
export function indexJson(s: IndexStats) {
  return {
    modelId: s.modelId,
    files: s.files,
    failedFiles: s.failedFiles,
    contents: s.contents,
    indexedContents: s.indexedContents,
    text: { read: s.text.read, withText: s.text.withText },
    released: {
      contents: s.releasedContents,
      points: s.releasedPoints,
      oldest: s.oldestRelease?.toISOString() ?? null,
      graceDays: s.vectorGraceDays,
      dropsAfter:
        s.oldestRelease === null
          ? null
          : new Date(s.oldestRelease.getTime() + s.vectorGraceDays * 24 * 3600 * 1000).toISOString(),
    },
  };
}

/** A verify report as JSON: problems found, repairs made, problems remaining, and what was checked. */
export function verifyJson(r: VerifyReport) {
  const problem = (p: VerifyReport['problems'][number]) => ({
    kind: p.kind,
    count: p.count,
    message: p.message,
    examples: [...p.examples],
  });
  return {
    consistent: r.remaining.length === 0,
    problems: r.problems.map(problem),
    repairs: [...r.repairs],
    remaining: r.remaining.map(problem),
    checked: r.checked,
  };
}
