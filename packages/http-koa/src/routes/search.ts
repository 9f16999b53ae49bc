import Router from '@koa/router';
import {
  GlimpseError,
  MEDIA_KINDS,
  type MediaKind,
  type SearchMedia,
  type SearchOptions,
  type SearchResult,
} from '@glimpse/core';

/** GET /search?q=&kind=&from=&to=&folder=&limit=&offset= — text search; 400 with a message for bad parameters. */
export function searchRoutes(search: SearchMedia): Router {
  const router = new Router();
  router.get('/search', async (ctx) => {
    const q = one(ctx.query['q']);
    if (!q)
      throw new GlimpseError('invalid-input', 'The query parameter q is required: /api/v1/search?q=dog+on+a+beach');
    ctx.body = { results: (await search.byText(q, searchOptions(ctx.query))).map(toJson) };
  });
  return router;
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function searchOptions(query: Record<string, string | string[] | undefined>): SearchOptions {
  const problems: string[] = [];
  const int = (name: string): number | undefined => {
    const v = one(query[name]);
    if (v === undefined || v === '') return undefined;
    if (!/^\d+$/.test(v)) problems.push(`${name} must be a whole number (got "${v}")`);
    return Number(v);
  };
  const date = (name: string): Date | undefined => {
    const v = one(query[name]);
    if (v === undefined || v === '') return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) problems.push(`${name} must be a date like 2024-07-31 (got "${v}")`);
    return d;
  };
  const kind = one(query['kind']);
  if (kind !== undefined && kind !== '' && !MEDIA_KINDS.includes(kind as MediaKind))
    problems.push(`kind must be "image" or "video" (got "${kind}")`);
  const limit = int('limit');
  const offset = int('offset');
  const from = date('from');
  const to = date('to');
  const folder = one(query['folder']);
  if (problems.length)
    throw new GlimpseError('invalid-input', `The search parameters are not valid: ${problems.join('; ')}.`);
  return {
    ...(kind ? { kind: kind as MediaKind } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(folder ? { folder } : {}),
  };
}

function toJson(r: SearchResult) {
  return {
    id: r.id,
    path: r.path,
    paths: r.paths,
    kind: r.kind,
    score: r.score,
    width: r.width,
    height: r.height,
    takenAt: r.takenAt?.toISOString() ?? null,
    durationSec: r.durationSec,
    segments: r.segments.map((s) => ({ startSec: s.startSec, endSec: s.endSec, score: s.score, frameSec: s.frameSec })),
  };
}
