import Router from '@koa/router';
import { GlimpseError } from '@glimpse/core';
import type { MediaPreviews } from '@glimpse/core';
import type { ServerConfig } from '../config.js';
import type { GlimpseMetrics } from '../metrics.js';
import type { ModelService } from '../services/model-service.js';
import { searchResultJson, understoodJson } from './present.js';
import { one } from './query-params.js';
import { searchOptions, skipParts } from './search-options.js';
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

function mp(pixels: number): string {
  return String(Math.round(pixels / 100_000) / 10);
}

export { searchOptions, skipParts };
