/** The REST API described as OpenAPI 3.1; a test checks it names every route the router serves. */

const error = {
  description: 'An error with a message for a person',
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/Error' },
    },
  },
};
const json = (ref: string, description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'A media id' };
const searchParams = [
  { name: 'kind', in: 'query', schema: { type: 'string', enum: ['image', 'video'] } },
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Taken on or after' },
  { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Taken on or before' },
  { name: 'folder', in: 'query', schema: { type: 'string' }, description: 'Only items inside this absolute folder' },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 10000, default: 0 } },
];
const jpeg = { description: 'A JPEG', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } };

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Glimpse',
      version,
      description:
        'Local-first semantic search over your own photos and videos. Answers only requests from this computer; ' +
        'changes (POST, PUT, DELETE) are accepted without an Origin (curl) or from Glimpse’s own page.',
    },
    servers: [{ url: '/api/v1' }],
    paths: {
      '/search': {
        get: {
          summary: 'Search by text',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 1000 } },
            ...searchParams,
          ],
          responses: { 200: json('SearchResults', 'Best first'), 400: error, 503: error },
        },
      },
      '/search/by-image': {
        post: {
          summary: 'Search with a picture',
          parameters: searchParams,
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: { type: 'object', properties: { image: { type: 'string', format: 'binary' } } },
              },
              'image/*': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            200: json('SearchResults', 'Best first'),
            400: error,
            413: error,
            415: error,
          },
        },
      },
      '/media/{id}': {
        get: {
          summary: 'What Glimpse knows about one file',
          parameters: [idParam],
          responses: { 200: json('Media', 'The file'), 400: error, 404: error },
        },
      },
      '/media/{id}/similar': {
        get: {
          summary: 'Items that look like this one',
          parameters: [idParam, ...searchParams],
          responses: { 200: json('SearchResults', 'Best first'), 404: error, 409: error },
        },
      },
      '/media/{id}/thumbnail': {
        get: {
          summary: 'A JPEG thumbnail (made once, cached by content)',
          parameters: [
            idParam,
            { name: 'size', in: 'query', schema: { type: 'integer', enum: [160, 320, 640], default: 320 } },
            { name: 'v', in: 'query', schema: { type: 'string' }, description: 'Content version from search results' },
          ],
          responses: { 200: jpeg, 304: { description: 'Not modified' }, 404: error },
        },
      },
      '/media/{id}/file': {
        get: {
          summary: 'The original file; honours Range for video seeking',
          parameters: [idParam],
          responses: {
            200: { description: 'The whole file' },
            206: { description: 'The requested byte range' },
            404: error,
            416: error,
          },
        },
      },
      '/media/{id}/frame': {
        get: {
          summary: 'A video frame at a time, as JPEG',
          parameters: [
            idParam,
            { name: 't', in: 'query', required: true, schema: { type: 'number', minimum: 0 } },
            { name: 'size', in: 'query', schema: { type: 'integer', enum: [160, 320, 640], default: 640 } },
          ],
          responses: { 200: jpeg, 400: error, 404: error },
        },
      },
      '/scans': {
        get: { summary: 'Scans, newest first', responses: { 200: json('ScanList', 'Scans') } },
        post: {
          summary: 'Start a scan (or get the one running)',
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { mode: { type: 'string', enum: ['incremental', 'reindex'] } },
                },
              },
            },
          },
          responses: { 200: json('ScanJob', 'The scan already running'), 202: json('ScanJob', 'Started'), 400: error },
        },
      },
      '/scans/{id}': {
        get: {
          summary: 'One scan',
          parameters: [idParam],
          responses: { 200: json('ScanJob', 'The scan'), 404: error },
        },
        delete: {
          summary: 'Cancel a scan',
          parameters: [idParam],
          responses: { 200: json('ScanJob', 'The scan'), 404: error },
        },
      },
      '/scans/{id}/events': {
        get: {
          summary: 'Progress as Server-Sent Events: progress, status, and a last done',
          parameters: [idParam],
          responses: { 200: { description: 'text/event-stream; each data is a ScanJob' }, 404: error },
        },
      },
      '/index': {
        get: { summary: 'What the index holds', responses: { 200: json('IndexStats', 'Counts') } },
        delete: {
          summary: 'Delete the file records and the vectors of every model (the next scan rebuilds them)',
          responses: { 200: json('IndexStats', 'Counts after the reset') },
        },
      },
      '/index/verify': {
        post: {
          summary:
            'Check that the file records and the vectors agree and that the database is sound; {"repair": true} also fixes what can be fixed without embedding again',
          responses: { 200: { description: '{ consistent, problems, repairs, remaining, checked }' }, 400: error },
        },
      },
      '/index/prune': {
        post: {
          summary: 'Delete now the vectors kept for files that left the index (instead of after the grace period)',
          responses: { 200: json('IndexStats', 'Counts after the prune, with `dropped`') },
        },
      },
      '/index/failed': {
        get: {
          summary: 'Files that could not be indexed, with the reason',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: { 200: { description: '{ total, files: [{ id, path, kind, error }] }' }, 400: error },
        },
      },
      '/scope': {
        get: { summary: 'The folders and files indexed', responses: { 200: json('Scope', 'The scope') } },
        put: {
          summary: 'Change the scope; saved, and a scan starts',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Scope' } } },
          },
          responses: {
            200: {
              description:
                'The saved scope, the folders added and removed, leavingFiles (indexed files the next scan takes out), and the scan it started',
            },
            400: { description: 'Not valid, or a new folder does not exist or is not a folder: nothing is saved' },
          },
        },
      },
      '/health': { get: { summary: 'Liveness', responses: { 200: { description: 'The process answers' } } } },
      '/ready': {
        get: {
          summary: 'Readiness: database, vector store and model',
          responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready; checks say which part' } },
        },
      },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text/plain' } } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/docs': { get: { summary: 'This document as a page', responses: { 200: { description: 'text/html' } } } },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: { type: 'object', properties: { kind: { type: 'string' }, message: { type: 'string' } } },
          },
        },
        Segment: {
          type: 'object',
          properties: {
            startSec: { type: 'number' },
            endSec: { type: 'number' },
            score: { type: 'number' },
            frameSec: { type: 'number' },
            frameUrl: { type: 'string' },
          },
        },
        SearchResult: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            path: { type: 'string' },
            paths: { type: 'array', items: { type: 'string' } },
            kind: { type: 'string', enum: ['image', 'video'] },
            score: { type: 'number' },
            width: { type: ['integer', 'null'] },
            height: { type: ['integer', 'null'] },
            takenAt: { type: ['string', 'null'], format: 'date-time' },
            durationSec: { type: ['number', 'null'] },
            thumbnailUrl: { type: 'string' },
            mediaUrl: { type: 'string' },
            segments: { type: 'array', items: { $ref: '#/components/schemas/Segment' } },
          },
        },
        SearchResults: {
          type: 'object',
          properties: { results: { type: 'array', items: { $ref: '#/components/schemas/SearchResult' } } },
        },
        Media: { type: 'object' },
        ScanJob: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            mode: { type: 'string', enum: ['incremental', 'reindex'] },
            status: { type: 'string', enum: ['queued', 'running', 'completed', 'failed', 'cancelled'] },
            startedAt: { type: ['string', 'null'] },
            finishedAt: { type: ['string', 'null'] },
            counts: { type: 'object' },
            errors: { type: 'array', items: { type: 'object' } },
          },
        },
        ScanList: {
          type: 'object',
          properties: { scans: { type: 'array', items: { $ref: '#/components/schemas/ScanJob' } } },
        },
        IndexStats: {
          type: 'object',
          properties: {
            modelId: { type: 'string' },
            files: { type: 'integer' },
            failedFiles: { type: 'integer' },
            contents: { type: 'integer' },
            indexedContents: { type: 'integer' },
            released: {
              type: 'object',
              description: 'Items whose files left the index, keeping their vectors for the grace period',
              properties: {
                contents: { type: 'integer' },
                points: { type: 'integer' },
                oldest: { type: ['string', 'null'], format: 'date-time' },
                graceDays: { type: 'integer' },
                dropsAfter: { type: ['string', 'null'], format: 'date-time' },
              },
            },
          },
        },
        Scope: {
          type: 'object',
          properties: {
            roots: { type: 'array', items: { type: 'string' } },
            include: { type: 'array', items: { type: 'string' } },
            exclude: { type: 'array', items: { type: 'string' } },
            extensions: { type: 'object' },
            includeHidden: { type: 'boolean' },
            maxFileSize: { type: ['integer', 'null'] },
          },
        },
      },
    },
  };
}

/** The same document as a plain page: one section per operation, no scripts, nothing fetched from elsewhere. */
export function docsPage(doc: ReturnType<typeof openApiDocument>): string {
  const esc = (s: string) =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const rows: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(
      ops as Record<
        string,
        { summary: string; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }
      >,
    )) {
      const params = (op.parameters ?? []).map((p) => `<code>${esc(p.name)}</code> (${p.in})`).join(', ');
      rows.push(
        `<section><h2><span class="m">${method.toUpperCase()}</span> /api/v1${esc(path)}</h2><p>${esc(op.summary)}</p>` +
          (params ? `<p>Parameters: ${params}</p>` : '') +
          `<p>Responses: ${Object.keys(op.responses).join(', ')}</p></section>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Glimpse API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{font-size:1rem;margin:1.5rem 0 .25rem}.m{display:inline-block;min-width:4.5rem;color:#0b57d0}code{background:#f3f3f3;padding:0 .2rem}</style>
</head><body><main><h1>Glimpse API ${esc(doc.info.version)}</h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>${rows.join('\n')}</main></body></html>`;
}
