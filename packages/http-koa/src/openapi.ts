/** The REST API described as OpenAPI 3.1; a test checks it names every route the router serves. */

const error = {
  description: 'An error with a message for a person',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
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
  {
    name: 'camera',
    in: 'query',
    schema: { type: 'string', maxLength: 100 },
    description: "Only items whose camera's make or model contains this (case and accents ignored), e.g. iphone",
  },
  {
    name: 'lens',
    in: 'query',
    schema: { type: 'string', maxLength: 100 },
    description: 'Only items whose lens contains this',
  },
  {
    name: 'place',
    in: 'query',
    schema: { type: 'string', maxLength: 100 },
    description: 'Only items taken in a town, region or country containing this, or with this country code: Lisbon, PT',
  },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 10000, default: 0 } },
];
const jpeg = { description: 'A JPEG', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } };

/** JSON Schema helpers: every object is closed (no field it does not list), every field required unless named. */
type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const bool: Schema = { type: 'boolean' };
const strings: Schema = { type: 'array', items: str };
const nullable = (type: 'string' | 'integer' | 'number', extra: Schema = {}): Schema => ({
  type: [type, 'null'],
  ...extra,
});
const dateTime = nullable('string', { format: 'date-time' });
const list = (items: Schema): Schema => ({ type: 'array', items });
const obj = (properties: Record<string, Schema>, optional: readonly string[] = [], description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
});
const orNull = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });
/** Where a date comes from: the file's metadata, or its modification time (when it records none). */
const takenAtSource: Schema = {
  oneOf: [{ type: 'string', enum: ['metadata', 'file-modified'] }, { type: 'null' }],
  description: 'metadata: the date the file records; file-modified: it records none, so its modification time',
};
const kind: Schema = { type: 'string', enum: ['image', 'video'] };

const SCAN_COUNTS = [
  'seen',
  'unchanged',
  'new',
  'modified',
  'moved',
  'deleted',
  'embedded',
  'failed',
  'skipped',
  'unsupported',
  'links',
  'hashed',
  'deferred',
  'released',
  'restored',
  'swept',
  'textRead',
] as const;

const scanJob = {
  id: str,
  mode: { type: 'string', enum: ['incremental', 'reindex'] },
  trigger: { type: 'string', enum: ['startup', 'request', 'scope-change'] },
  status: { type: 'string', enum: ['queued', 'running', 'completed', 'failed', 'cancelled'] },
  requestedAt: { type: 'string', format: 'date-time' },
  startedAt: dateTime,
  finishedAt: dateTime,
  progress: orNull(obj({ phase: str, done: int, total: nullable('integer') })),
  counts: obj(Object.fromEntries(SCAN_COUNTS.map((c) => [c, int]))),
  offlineRoots: strings,
  errors: list(obj({ path: str, reason: str })),
  errorCount: int,
  durationMs: nullable('integer'),
  error: nullable('string'),
  url: str,
  eventsUrl: str,
};

const indexStats = {
  modelId: str,
  files: int,
  failedFiles: int,
  contents: int,
  indexedContents: int,
  text: obj({ read: int, withText: int }, undefined, 'Pictures whose text was read (OCR), and how many have some'),
  released: obj(
    {
      contents: int,
      points: int,
      oldest: dateTime,
      graceDays: int,
      dropsAfter: dateTime,
    },
    [],
    'Items whose files left the index, keeping their vectors for the grace period',
  ),
};

const scope = {
  roots: strings,
  include: strings,
  exclude: strings,
  extensions: obj({ image: strings, video: strings }),
  includeHidden: bool,
  maxFileSize: nullable('integer'),
};

const problem = obj({ kind: str, count: int, message: str, examples: strings });

/** Every body the API answers with: the one source of the web app's types (packages/web/src/api-types.gen.ts). */
const SCHEMAS = {
  Error: obj({ error: obj({ kind: str, message: str }) }),
  Segment: obj({
    startSec: nullable('number'),
    endSec: nullable('number'),
    score: num,
    frameSec: nullable('number'),
    frameUrl: nullable('string'),
  }),
  SearchResult: obj({
    id: str,
    path: str,
    paths: strings,
    kind,
    score: num,
    width: nullable('integer'),
    height: nullable('integer'),
    takenAt: dateTime,
    durationSec: nullable('number'),
    takenAtSource: takenAtSource,
    camera: nullable('string'),
    lens: nullable('string'),
    place: orNull(ref('Place')),
    pairedWith: {
      ...strings,
      description:
        'The same shot in other files: the camera RAW beside this JPEG (same folder, same name, another extension); a RAW whose JPEG is indexed is not a result of its own',
    },
    why: ref('Why'),
    thumbnailUrl: str,
    mediaUrl: str,
    segments: list(ref('Segment')),
  }),
  Why: obj(
    {
      vectorRank: nullable('integer'),
      keywordRank: nullable('integer'),
      fused: nullable('number'),
      keyword: orNull(
        obj({
          field: { type: 'string', enum: ['name', 'text', 'folder', 'camera', 'lens', 'place'] },
          text: str,
          marks: list({ type: 'array', items: int, minItems: 2, maxItems: 2 }),
          score: num,
          exact: bool,
        }),
      ),
    },
    [],
    'Why a result is here: its rank by meaning, its keyword match (the field, its text, the [start, end) ranges of the words matched), and the fused score (reciprocal rank fusion, +1 for an exact file name or a phrase of the text in the picture) that ranked it',
  ),
  Place: obj({ city: str, region: nullable('string'), country: str, countryCode: str }),
  SearchResults: obj(
    {
      query: str,
      text: str,
      understood: list(ref('Understood')),
      results: list(ref('SearchResult')),
    },
    ['query', 'text', 'understood'],
  ),
  Understood: obj(
    {
      type: { type: 'string', enum: ['date', 'kind', 'place'] },
      text: str,
      from: nullable('string', { format: 'date-time' }),
      to: nullable('string', { format: 'date-time' }),
      kind: orNull({ type: 'string', enum: ['image', 'video'] }),
      place: nullable('string'),
    },
    [],
    'A part of the query read as a filter: a date range, a kind or a place (remove it with skip=<type>)',
  ),
  Media: obj({
    id: str,
    path: str,
    paths: strings,
    kind,
    size: int,
    status: { type: 'string', enum: ['ok', 'failed'] },
    error: nullable('string'),
    contentHash: nullable('string'),
    indexed: bool,
    width: nullable('integer'),
    height: nullable('integer'),
    takenAt: dateTime,
    durationSec: nullable('number'),
    camera: nullable('string'),
    takenAtSource: takenAtSource,
    takenAtOffsetMin: nullable('integer'),
    lens: nullable('string'),
    location: orNull(obj({ latitude: num, longitude: num })),
    place: orNull(ref('Place')),
    text: nullable('string', {
      description:
        "The text read in the picture (OCR), one line per line; '' when it has none; null until read (or for videos)",
    }),
    thumbnailUrl: str,
    mediaUrl: str,
    similarUrl: str,
  }),
  ScanJob: obj(scanJob),
  ScanStarted: obj({ ...scanJob, created: bool }),
  ScanList: obj({ scans: list(ref('ScanJob')) }),
  IndexStats: obj(indexStats),
  IndexReset: obj({ deleted: { type: 'boolean', const: true }, message: str, ...indexStats }),
  IndexPruned: obj({ dropped: int, message: str, ...indexStats }),
  FailedFiles: obj({ total: int, files: list(obj({ id: str, path: str, kind, error: nullable('string') })) }),
  VerifyReport: obj({
    consistent: bool,
    problems: list(problem),
    repairs: strings,
    remaining: list(problem),
    checked: obj({ files: int, contents: int, vectorContents: int }),
  }),
  Scope: obj(scope),
  ScopeInput: obj(scope, Object.keys(scope), 'Only the fields to change'),
  ScopeChange: obj({
    scope: ref('Scope'),
    addedRoots: strings,
    removedRoots: strings,
    leavingFiles: int,
    message: str,
    scan: orNull(ref('ScanJob')),
  }),
  Health: obj({ status: { type: 'string', const: 'ok' } }),
  Readiness: obj(
    {
      status: { type: 'string', enum: ['ready', 'not-ready'] },
      checks: { type: 'object', additionalProperties: str, description: 'Each part: "ok", or what is wrong' },
      download: obj({ model: str, file: str, bytes: int, total: int }, [], 'A model download in progress'),
    },
    ['download'],
  ),
} satisfies Record<string, Schema>;

export function openApiDocument(version: string) {
  const doc = {
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
          description:
            'A date ("July 2023", "2019", "summer 2021", 2024-03-02), a kind ("videos") and a place the library ' +
            'holds ("Lisbon") in q become filters, listed in understood; the rest is searched for (text).',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 1000 } },
            {
              name: 'ranking',
              in: 'query',
              schema: { type: 'string', enum: ['fused', 'meaning', 'keywords'], default: 'fused' },
              description: 'fused: by meaning and by keyword (names, folders, cameras, places) together',
            },
            {
              name: 'skip',
              in: 'query',
              schema: { type: 'string' },
              description: 'Parts not to read as filters: date, kind, place (comma-separated), or all',
            },
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
          responses: {
            200: json('ScanStarted', 'The scan already running (created: false)'),
            202: json('ScanStarted', 'Started (created: true)'),
            400: error,
          },
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
          responses: { 200: json('IndexReset', 'Counts after the reset') },
        },
      },
      '/index/verify': {
        post: {
          summary:
            'Check that the file records and the vectors agree and that the database is sound; {"repair": true} also fixes what can be fixed without embedding again',
          requestBody: {
            content: {
              'application/json': {
                schema: obj({ repair: bool }, ['repair']),
              },
            },
          },
          responses: { 200: json('VerifyReport', 'What was found, repaired and remains'), 400: error },
        },
      },
      '/index/prune': {
        post: {
          summary: 'Delete now the vectors kept for files that left the index (instead of after the grace period)',
          responses: { 200: json('IndexPruned', 'Counts after the prune, with `dropped`') },
        },
      },
      '/index/failed': {
        get: {
          summary: 'Files that could not be indexed, with the reason',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          ],
          responses: { 200: json('FailedFiles', 'One page of failed files, and how many there are'), 400: error },
        },
      },
      '/scope': {
        get: { summary: 'The folders and files indexed', responses: { 200: json('Scope', 'The scope') } },
        put: {
          summary: 'Change the scope; saved, and a scan starts',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('ScopeInput') } },
          },
          responses: {
            200: json(
              'ScopeChange',
              'The saved scope, the folders added and removed, leavingFiles (indexed files the next scan takes out), and the scan it started',
            ),
            400: {
              ...error,
              description: 'Not valid, or a new folder does not exist or is not a folder: nothing is saved',
            },
          },
        },
      },
      '/health': { get: { summary: 'Liveness', responses: { 200: json('Health', 'The process answers') } } },
      '/ready': {
        get: {
          summary: 'Readiness: database, vector store and model',
          responses: { 200: json('Readiness', 'Ready'), 503: json('Readiness', 'Not ready; checks say which part') },
        },
      },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text/plain' } } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/docs': { get: { summary: 'This document as a page', responses: { 200: { description: 'text/html' } } } },
    },
    components: { schemas: SCHEMAS },
  };
  // Any status an operation does not list (401 without the key, 403 from elsewhere, 500) is an Error.
  for (const ops of Object.values(doc.paths))
    for (const op of Object.values(ops) as { responses: Record<string, unknown> }[])
      op.responses['default'] ??= { ...error, description: 'Any other status: an error with a message for a person' };
  return doc;
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
