import Router from '@koa/router';
import { GlimpseError, type SearchOptions, type Understood } from '@glimpse/core';
import type { MediaPreviews } from '@glimpse/core';
import type { ServerConfig } from '../config.js';
import type { GlimpseMetrics } from '../metrics.js';
import type { ModelService } from '../services/model-service.js';
import { searchResultJson, understoodJson } from './present.js';
import { one, readKind, readWholeNumber } from './query-params.js';
import { readUpload } from './request-body.js';

/** Formats an upload may have; anything else is refused with 415 before it is decoded. */
const UPLOAD_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'heic', 'tiff', 'bmp']);

/** Text search, search by an uploaded picture, and "more like this". */
export function searchRoutes({
  model,
  metrics,
  previews,
  limits,
}: {
  model: ModelService;
  metrics: GlimpseMetrics;
  previews: () => Promise<MediaPreviews>;
  limits: Pick<ServerConfig, 'maxUploadBytes' | 'maxUploadPixels'>;
}): Router {
  const router = new Router();
  const { maxUploadBytes, maxUploadPixels } = limits;

  router.get('/search', async (ctx) => {
    const q = one(ctx.query['q']);
    if (!q?.trim())
      throw new GlimpseError('invalid-input', 'The query parameter q is required: /api/v1/search?q=dog+on+a+beach');
    const options = searchOptions(ctx.query);
    const skip = skipParts(one(ctx.query['skip']));
    const { search } = await model.now();
    const found = await metrics.timeSearch('text', () => search.byTextUnderstood(q, options, skip));
    ctx.body = {
      query: q,
      text: found.text,
      understood: found.understood.map(understoodJson),
      relevance: found.relevance,
      nextOffset: found.nextOffset,
      results: found.results.map(searchResultJson),
    };
  });

  router.post('/search/by-image', async (ctx) => {
    const upload = await readUpload(ctx.req, maxUploadBytes);
    const options = searchOptions({ ...upload.fields, ...ctx.query });
    if (upload.bytes.length === 0) throw new GlimpseError('invalid-input', 'The uploaded file is empty.');
    const facts = await (await previews()).inspectUpload(upload.bytes);
    if (!UPLOAD_FORMATS.has(facts.format))
      throw new GlimpseError('unsupported-media', `Pictures in ${facts.format} format cannot be searched with.`);
    if (facts.width * facts.height > maxUploadPixels) {
      throw new GlimpseError(
        'invalid-input',
        `The picture is ${facts.width} x ${facts.height} pixels (${mp(facts.width * facts.height)} megapixels); ` +
          `uploads are limited to ${mp(maxUploadPixels)} megapixels (GLIMPSE_MAX_UPLOAD_MEGAPIXELS).`,
      );
    }
    const { search } = await model.now();
    const page = await metrics.timeSearch('image', () =>
      search.byImagePage({ type: 'encoded', bytes: upload.bytes }, options),
    );
    ctx.body = { nextOffset: page.nextOffset, results: page.results.map(searchResultJson) };
  });

  router.get('/media/:id/similar', async (ctx) => {
    const options = searchOptions(ctx.query);
    const { search } = await model.now();
    const page = await metrics.timeSearch('similar', () => search.similarToPage(ctx.params.id!, options));
    ctx.body = { nextOffset: page.nextOffset, results: page.results.map(searchResultJson) };
  });
  return router;
}

const PARTS = ['date', 'kind', 'place'] as const;

/** `skip=date,place` (chips the user removed), or `skip=all`: the query's words taken as they are. */
export function skipParts(v: string | undefined): Understood['type'][] {
  if (v === undefined || v.trim() === '') return [];
  const parts = v.split(',').map((x) => x.trim().toLowerCase());
  if (parts.includes('all')) return [...PARTS];
  const bad = parts.find((x) => !(PARTS as readonly string[]).includes(x));
  if (bad !== undefined)
    throw new GlimpseError('invalid-input', `skip lists date, kind, place or all (got "${bad.slice(0, 40)}").`);
  return parts as Understood['type'][];
}

function mp(pixels: number): string {
  return String(Math.round(pixels / 100_000) / 10);
}

/** Search options from query parameters (or form fields); 400 listing every bad one. */
export function searchOptions(query: Record<string, string | string[] | undefined>): SearchOptions {
  const problems: string[] = [];
  const int = (name: string): number | undefined => {
    const { value, problem } = readWholeNumber(one(query[name]), name, 0, 999_999);
    if (problem) problems.push(problem);
    return value;
  };
  const date = (name: string): Date | undefined => {
    const v = one(query[name]);
    if (v === undefined || v === '') return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) problems.push(`${name} must be a date like 2024-07-31 (got "${v.slice(0, 40)}")`);
    return d;
  };
  const kind = readKind(one(query['kind']), problems);
  const limit = int('limit');
  const offset = int('offset');
  const from = date('from');
  const to = date('to');
  const folder = one(query['folder']);
  const text = (name: 'camera' | 'lens' | 'place'): string | undefined => {
    const v = one(query[name])?.trim();
    if (v === undefined || v === '') return undefined;
    if (v.length > 100) problems.push(`${name} must be at most 100 characters`);
    return v;
  };
  const ranking = one(query['ranking']);
  if (ranking !== undefined && ranking !== '' && !['fused', 'meaning', 'keywords'].includes(ranking))
    problems.push(`ranking must be "fused", "meaning" or "keywords" (got "${ranking.slice(0, 40)}")`);
  const sort = one(query['sort']);
  if (sort !== undefined && sort !== '' && sort !== 'relevance' && sort !== 'date')
    problems.push(`sort must be "relevance" or "date" (got "${sort.slice(0, 40)}")`);
  const weaker = one(query['weaker']);
  if (weaker !== undefined && weaker !== '' && weaker !== 'true' && weaker !== 'false')
    problems.push(`weaker must be true or false (got "${weaker.slice(0, 40)}")`);
  const camera = text('camera');
  const lens = text('lens');
  const place = text('place');
  if (problems.length)
    throw new GlimpseError('invalid-input', `The search parameters are not valid: ${problems.join('; ')}.`);
  return {
    ...(kind ? { kind } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(folder ? { folder } : {}),
    ...(ranking ? { ranking: ranking as 'fused' | 'meaning' | 'keywords' } : {}),
    ...(sort ? { sort: sort as 'relevance' | 'date' } : {}),
    ...(weaker === 'true' ? { weaker: true } : {}),
    ...(camera ? { camera } : {}),
    ...(lens ? { lens } : {}),
    ...(place ? { place } : {}),
  };
}
