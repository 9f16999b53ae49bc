/** The REST API described as OpenAPI 3.1; a test checks it names every route the router serves. */
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

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
  Error: obj({
    error: obj({
      kind: {
        ...str,
        description:
          'What went wrong, for a program: invalid-input, not-found, conflict, cancelled, too-large, ' +
          'unsupported-media, corrupt-media, unavailable, unauthorized, forbidden or internal',
      },
      message: { ...str, description: 'What went wrong and what to do, for a person' },
    }),
  }),
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
      relevance: orNull(ref('Relevance')),
      nextOffset: nullable('integer', {
        description:
          'Where the next page starts (offset=…); null: this was the last. Not always offset + results: a RAW+JPEG pair shows once',
      }),
      results: list(ref('SearchResult')),
    },
    ['query', 'text', 'understood', 'relevance'],
  ),
  Relevance: obj(
    {
      matches: {
        type: 'integer',
        description: 'Results closer to the query than to nonsense queries (by more than 0.005), or matched by keyword',
      },
      atLeast: {
        type: 'boolean',
        description: 'The count stopped at the best 400 by meaning: there are at least that many',
      },
      weaker: {
        type: 'integer',
        description: 'Weaker results (no closer to the query than to nonsense) within the count',
      },
      weakerShown: { type: 'boolean', description: 'Whether the weaker ones are in the results (weaker=true)' },
    },
    [],
    'How the results of a text search stand against noise, each item against its own similarity to nonsense queries: weaker matches are left out unless weaker=true',
  ),
  LibraryPage: obj(
    {
      nextOffset: nullable('integer', { description: 'Where the next page starts; null: this was the last' }),
      results: list(ref('SearchResult')),
    },
    [],
    'A page of the library, newest taken first (undated last); score is 0 and why is empty: nothing ranked them',
  ),
  LibraryMonths: obj({
    total: int,
    months: list(
      obj({
        month: nullable('string', { description: 'YYYY-MM (UTC); null for the items with no date' }),
        count: int,
      }),
    ),
  }),
  Folders: obj({
    path: str,
    parent: nullable('string'),
    home: str,
    folders: list(obj({ name: str, path: str })),
    more: { type: 'integer', description: 'Folders left out past the first 2,000' },
  }),
  Models: obj({
    inUse: obj({
      id: str,
      model: { type: 'string', description: 'The hub name or folder it is loaded from' },
      state: { type: 'string', enum: ['loading', 'ready', 'failed'] },
      error: nullable('string'),
    }),
    modelDir: { type: 'string', description: 'Where downloaded models live (GLIMPSE_MODEL_DIR)' },
    onDisk: list(obj({ id: str, path: str, complete: bool })),
  }),
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
      missing: list(
        obj(
          {
            part: { type: 'string', enum: ['database', 'vectorStore', 'model'] },
            message: str,
            fix: str,
          },
          [],
          'A part that is missing or failing (not one that is still loading), and what to do about it',
        ),
      ),
    },
    ['download', 'missing'],
  ),
} satisfies Record<string, Schema>;

/** A response whose body is an Error, with when it happens. */
const fails = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});
const json = (name: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const header = (description: string, schema: Schema = str) => ({ description, schema });

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'A media id' };
const scanIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'A scan id' };
const searchParams = [
  {
    name: 'kind',
    in: 'query',
    schema: { type: 'string', enum: ['image', 'video'] },
    description: 'Only pictures, or only videos',
  },
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
  {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    description: 'How many results at most',
  },
  {
    name: 'offset',
    in: 'query',
    schema: { type: 'integer', minimum: 0, maximum: 10000, default: 0 },
    description: 'How many of the best results to skip (the next page)',
  },
];
const badSearchParams =
  'a search parameter is not valid (a limit out of range, a kind that is neither image nor video, a date that is not one, a camera, lens or place over 100 characters), or more than the filter can hold match a camera, lens or place';
const modelUnavailable =
  'The model is still loading (or downloading, on a first run) or could not be loaded, or the vector store does not answer';

const previewHeaders = {
  ETag: header('Names the content and the variant: send it back as If-None-Match'),
  'Cache-Control': header('Kept for good when the URL carries the content version (v), else revalidated'),
};
const jpeg = (description: string) => ({
  description,
  headers: previewHeaders,
  content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } },
});
const notModified = {
  description: 'Not modified: If-None-Match named the ETag of this preview; no body',
  headers: { ETag: previewHeaders.ETag },
};
const ifNoneMatch = {
  name: 'If-None-Match',
  in: 'header',
  schema: { type: 'string' },
  description: 'The ETag of a preview already held: 304 when it is still this one',
};
const badId = 'the id is not a media id (letters, digits, - and _, at most 64)';
const notServed =
  'No indexed file has this id, or the file could not be indexed as a picture or video (it is never served)';
/** Statuses of a request body read as JSON (readJson): what the body may not be. */
const jsonBodyFailures = {
  408: {
    description:
      'The request did not arrive complete within 60 s; answered by Node before Glimpse sees it, with no body, and the connection is closed',
  },
  413: fails('The body is larger than 64 KB'),
  415: fails('The body is not JSON: a Content-Type other than application/json (or none), e.g. a form'),
};
const jsonBody = (schema: Schema, description: string, required = false) => ({
  required,
  description,
  content: { 'application/json': { schema } },
});

/** What any operation may answer besides its own statuses; added to each by {@link withCommonStatuses}. */
const COMMON = {
  redirect: {
    description:
      'The key was given in the address (?key=, as in the address `glimpse serve` printed): it is set as an HttpOnly, SameSite=Strict cookie, and Location is the same address without it',
    headers: { Location: header('The same path and query, without key') },
  },
  unauthorized: fails(
    'The key is missing or wrong: send it as "Authorization: Bearer <key>" (the key file is named in the message), or open the address `glimpse serve` printed; not asked when the server runs without a key',
  ),
  forbidden: fails(
    'Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), or its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS',
  ),
  forbiddenChange: fails(
    'Refused before routing: the request came from another machine (not loopback, nor a network in GLIMPSE_TRUSTED_NETWORKS), its Host header names neither localhost, 127.0.0.1, [::1] nor a host in GLIMPSE_ALLOWED_HOSTS, or it carries the Origin of another site (or "null"): changes are accepted without an Origin (curl) or from Glimpse’s own page',
  ),
  internal: fails('Something failed inside Glimpse unexpectedly (a bug); the server log has the details'),
  other: fails('Any other status: an error with a message for a person'),
};

export function openApiDocument(version: string) {
  const doc = {
    openapi: '3.1.0',
    info: {
      title: 'Glimpse',
      version,
      description:
        'Local-first semantic search over your own photos and videos. Answers only requests from this computer; ' +
        'changes (POST, PUT, DELETE) are accepted without an Origin (curl) or from Glimpse’s own page.\n\n' +
        'Every request but GET /health needs the server’s key: "Authorization: Bearer <key>", or the cookie a ' +
        'browser gets when it opens the address `glimpse serve` printed.\n\n' +
        'Every GET also answers HEAD (the same status and headers, no body); OPTIONS answers 200 with Allow; a ' +
        'method a path does not have answers 405 with Allow (501 for a method Glimpse serves nowhere, e.g. TRACE), a path that is not here 404. A request Node cannot ' +
        'read as HTTP is answered 400, one whose headers do not arrive within 10 s 408, headers over 16 KB 431, ' +
        'and connections beyond 256 at once are closed: all before Glimpse sees them.',
    },
    servers: [{ url: '/api/v1' }],
    paths: {
      '/search': {
        get: {
          operationId: 'searchText',
          summary: 'Search by text',
          description:
            'A date ("July 2023", "2019", "summer 2021", 2024-03-02), a kind ("videos") and a place the library ' +
            'holds ("Lisbon") in q become filters, listed in understood; the rest is searched for (text).',
          parameters: [
            {
              name: 'q',
              in: 'query',
              required: true,
              schema: { type: 'string', maxLength: 1000 },
              description: 'What to look for, in words: "dog on a beach", "videos of Lisbon in July 2023"',
            },
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
            {
              name: 'sort',
              in: 'query',
              schema: { type: 'string', enum: ['relevance', 'date'], default: 'relevance' },
              description: 'date: newest taken first, among the matches (within the best 400 by meaning)',
            },
            {
              name: 'weaker',
              in: 'query',
              schema: { type: 'string', enum: ['true', 'false'], default: 'false' },
              description: 'true: the weaker matches too (see relevance), after the others',
            },
            ...searchParams,
          ],
          responses: {
            200: json('SearchResults', 'Best first'),
            400: fails(
              `q is missing, empty or over 1000 characters; skip names something other than date, kind, place or all; sort or weaker has another value; or ${badSearchParams}`,
            ),
            503: fails(modelUnavailable),
          },
        },
      },
      '/search/by-image': {
        post: {
          operationId: 'searchByImage',
          summary: 'Search with a picture',
          description:
            'The search parameters may also be sent as fields of the form. The picture is limited in bytes ' +
            '(GLIMPSE_MAX_UPLOAD_MB, 25 by default) and in pixels (GLIMPSE_MAX_UPLOAD_MEGAPIXELS, 50 by default).',
          parameters: searchParams,
          requestBody: {
            required: true,
            description: 'One picture: a multipart form with one file (field image), or the bare bytes',
            content: {
              'multipart/form-data': {
                schema: obj(
                  { image: { type: 'string', format: 'binary', description: 'The picture' } },
                  [],
                  'One file; text fields are read as search parameters',
                ),
              },
              'image/*': { schema: { type: 'string', format: 'binary' } },
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            200: json('SearchResults', 'Best first (only results: nothing is read as a filter)'),
            400: fails(
              `The upload is empty, the form has no file or cannot be read, the body did not arrive complete, the picture has more pixels than allowed, or ${badSearchParams}`,
            ),
            408: jsonBodyFailures[408],
            413: fails('The picture is larger than the upload limit (GLIMPSE_MAX_UPLOAD_MB)'),
            415: fails(
              'Not sent as multipart/form-data, image/* or application/octet-stream; or not a picture Glimpse can read (JPEG, PNG, WebP, GIF, AVIF, HEIF, TIFF, BMP)',
            ),
            422: fails('The picture’s header reads, but its pixels cannot be decoded (a damaged or cut-short file)'),
            503: fails(modelUnavailable),
          },
        },
      },
      '/media/{id}': {
        get: {
          operationId: 'getMedia',
          summary: 'What Glimpse knows about one file',
          parameters: [idParam],
          responses: {
            200: json('Media', 'The file'),
            400: fails(cap(badId)),
            404: fails('No indexed file has this id'),
          },
        },
      },
      '/media/{id}/similar': {
        get: {
          operationId: 'similarMedia',
          summary: 'Items that look like this one',
          parameters: [idParam, ...searchParams],
          responses: {
            200: json('SearchResults', 'Best first, without the item itself'),
            400: fails(cap(badSearchParams)),
            404: fails('No indexed file has this id'),
            409: fails('The file could not be read, or is not indexed yet (try again when the scan has finished)'),
            503: fails(modelUnavailable),
          },
        },
      },
      '/media/{id}/thumbnail': {
        get: {
          operationId: 'getThumbnail',
          summary: 'A JPEG thumbnail (made once, cached by content)',
          description: 'For a video, a frame a little in (a tenth of its length, at most 10 s).',
          parameters: [
            idParam,
            {
              name: 'size',
              in: 'query',
              schema: { type: 'integer', enum: [160, 320, 640], default: 320 },
              description: 'At most this many pixels on the longer side (never enlarged)',
            },
            { name: 'v', in: 'query', schema: { type: 'string' }, description: 'Content version from search results' },
            ifNoneMatch,
          ],
          responses: {
            200: jpeg('The thumbnail'),
            304: notModified,
            400: fails(`size is not one of 160, 320 and 640 (e.g. size=100), or ${badId}`),
            404: fails(notServed),
            415: fails('The file is not (or no longer) in a format Glimpse can read'),
            422: fails('No thumbnail or frame could be made of the file (damaged, or changed since it was indexed)'),
            503: fails(
              'A video’s frame needs ffmpeg, which was not found, or could not be started (e.g. too many open files)',
            ),
          },
        },
      },
      '/media/{id}/file': {
        get: {
          operationId: 'getMediaFile',
          summary: 'The original file; honours Range for video seeking',
          parameters: [
            idParam,
            {
              name: 'Range',
              in: 'header',
              schema: { type: 'string' },
              description:
                'One byte range: bytes=a-b, bytes=a- or bytes=-n; several ranges, another unit or a malformed value get the whole file',
            },
            {
              name: 'If-Range',
              in: 'header',
              schema: { type: 'string' },
              description: 'An ETag: the Range applies only if the file is still that version, else the whole file',
            },
          ],
          responses: {
            200: {
              description: 'The whole file, with its own type (image/jpeg, video/mp4, ...)',
              headers: {
                ETag: header('The file’s size and modification time'),
                'Accept-Ranges': header('bytes'),
                'Content-Disposition': header('inline, with the file’s name'),
              },
              content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
            },
            206: {
              description: 'The requested byte range',
              headers: { 'Content-Range': header('bytes a-b/size') },
              content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
            },
            400: fails(cap(badId)),
            404: fails(`${notServed}; or the file is no longer on disk (moved, deleted, its disk not mounted)`),
            416: {
              ...fails('The range starts past the end of the file (or is bytes=-0)'),
              headers: { 'Content-Range': header('bytes */size') },
            },
            503: fails('The file is there but cannot be read (permissions, too many open files)'),
          },
        },
      },
      '/media/{id}/frame': {
        get: {
          operationId: 'getFrame',
          summary: 'A video frame at a time, as JPEG',
          parameters: [
            idParam,
            {
              name: 't',
              in: 'query',
              required: true,
              schema: { type: 'number', minimum: 0 },
              description:
                'Seconds from the start, with at most 3 decimals: from 0 to the video’s length (durationSec); frames are taken at a tenth of a second',
            },
            {
              name: 'size',
              in: 'query',
              schema: { type: 'integer', enum: [160, 320, 640], default: 640 },
              description: 'At most this many pixels on the longer side (never enlarged)',
            },
            ifNoneMatch,
          ],
          responses: {
            200: jpeg('The frame'),
            304: notModified,
            400: fails(
              `t is missing or not a number of seconds, t is past the end of the video (the message says its length), size is not one of 160, 320 and 640, the file is a picture, or ${badId}`,
            ),
            404: fails(notServed),
            415: fails('The file has no video stream'),
            422: fails('No frame could be read from the video (damaged, or changed since it was indexed)'),
            503: fails(
              'Video frames need ffmpeg, which was not found, or could not be started (e.g. too many open files)',
            ),
          },
        },
      },
      '/scans': {
        get: {
          operationId: 'listScans',
          summary: 'Scans, newest first',
          responses: { 200: json('ScanList', 'Scans') },
        },
        post: {
          operationId: 'startScan',
          summary: 'Start a scan (or get the one running)',
          requestBody: jsonBody(
            obj(
              { mode: { type: 'string', enum: ['incremental', 'reindex'], default: 'incremental' } },
              ['mode'],
              'incremental: only what changed; reindex: embed everything again',
            ),
            'Optional: an empty body is {"mode": "incremental"}',
          ),
          responses: {
            200: {
              ...json('ScanStarted', 'A scan is already queued or running: that one (created: false)'),
              headers: { Location: header('The scan’s URL') },
            },
            202: {
              ...json('ScanStarted', 'Started (created: true)'),
              headers: { Location: header('The scan’s URL') },
            },
            400: fails(
              'The body is not valid JSON, not an object, has a field other than mode, mode is neither incremental nor reindex, or it did not arrive complete',
            ),
            ...jsonBodyFailures,
            409: fails('There are no folders to index yet: set them with PUT /api/v1/scope first'),
            503: fails('The server is shutting down: no new scans are started'),
          },
        },
      },
      '/scans/{id}': {
        get: {
          operationId: 'getScan',
          summary: 'One scan',
          parameters: [scanIdParam],
          responses: { 200: json('ScanJob', 'The scan'), 404: fails('There is no scan with this id') },
        },
        delete: {
          operationId: 'cancelScan',
          summary: 'Cancel a scan',
          description:
            'A queued scan is cancelled at once; a running one stops at its next checkpoint; a finished one is left as it is.',
          parameters: [scanIdParam],
          responses: {
            200: json('ScanJob', 'The scan, as it is now'),
            404: fails('There is no scan with this id'),
          },
        },
      },
      '/scans/{id}/events': {
        get: {
          operationId: 'scanEvents',
          summary: 'Progress as Server-Sent Events: progress, status, and a last done',
          parameters: [scanIdParam],
          responses: {
            200: {
              description:
                'An event stream: progress (at most every 250 ms), status (queued, running, ...) and a last done, then it ends; a scan already finished gets its status and done at once',
              content: {
                'text/event-stream': {
                  schema: { type: 'string', description: 'Each event’s data is a ScanJob as JSON' },
                },
              },
            },
            404: fails('There is no scan with this id'),
          },
        },
      },
      '/index': {
        get: {
          operationId: 'getIndex',
          summary: 'What the index holds',
          responses: { 200: json('IndexStats', 'Counts') },
        },
        delete: {
          operationId: 'deleteIndex',
          summary: 'Delete the file records and the vectors of every model (the next scan rebuilds them)',
          description: 'A running scan is stopped first.',
          responses: {
            200: json('IndexReset', 'Counts after the reset'),
            503: fails('The vector store does not answer'),
          },
        },
      },
      '/index/verify': {
        post: {
          operationId: 'verifyIndex',
          summary:
            'Check that the file records and the vectors agree and that the database is sound; {"repair": true} also fixes what can be fixed without embedding again',
          description: 'Waits for a running scan. 200 whether or not the index is sound: the report says.',
          requestBody: jsonBody(obj({ repair: bool }, ['repair']), 'Optional: an empty body only checks'),
          responses: {
            200: json('VerifyReport', 'What was found, repaired and remains'),
            400: fails('The body is not valid JSON, repair is not true or false, or it did not arrive complete'),
            ...jsonBodyFailures,
            503: fails('The vector store does not answer'),
          },
        },
      },
      '/index/prune': {
        post: {
          operationId: 'pruneIndex',
          summary: 'Delete now the vectors kept for files that left the index (instead of after the grace period)',
          description: 'A body, if any, is not read.',
          responses: {
            200: json('IndexPruned', 'Counts after the prune, with `dropped`'),
            503: fails('The vector store does not answer'),
          },
        },
      },
      '/library': {
        get: {
          operationId: 'browseLibrary',
          summary: 'The library by date, newest taken first',
          description: 'Items indexed for the model in use that a file holds; a RAW+JPEG pair shows once, as the JPEG.',
          parameters: [
            {
              name: 'before',
              in: 'query',
              schema: { type: 'string', format: 'date-time' },
              description: 'Only items taken before this: 2024-08-01 starts at the end of July 2024',
            },
            { name: 'kind', in: 'query', schema: { type: 'string', enum: ['image', 'video'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 40 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 1000000, default: 0 } },
          ],
          responses: {
            200: json('LibraryPage', 'A page, newest first'),
            400: fails('before is not a date, kind is not image or video, or limit or offset is out of range'),
            503: fails(modelUnavailable),
          },
        },
      },
      '/library/months': {
        get: {
          operationId: 'libraryMonths',
          summary: 'How many items the library has in each month, newest first (for a jump to a month)',
          parameters: [{ name: 'kind', in: 'query', schema: { type: 'string', enum: ['image', 'video'] } }],
          responses: {
            200: json('LibraryMonths', 'The months (UTC) with their counts; the undated last'),
            400: fails('kind is not image or video'),
            503: fails(modelUnavailable),
          },
        },
      },
      '/folders': {
        get: {
          operationId: 'listFolders',
          summary: "The folders in a folder of this computer (the settings' folder picker)",
          description:
            'Folders only (links to folders too), never files; hidden ones only with hidden=true. Answered only to ' +
            'a client on this computer (loopback), same-origin like every route.',
          parameters: [
            {
              name: 'path',
              in: 'query',
              schema: { type: 'string' },
              description: 'An absolute folder; the home folder when left out',
            },
            { name: 'hidden', in: 'query', schema: { type: 'string', enum: ['true', 'false'], default: 'false' } },
          ],
          responses: {
            200: json('Folders', 'The folders in it, by name, and its parent'),
            400: fails('path is not absolute, or is a file'),
            403: fails('The client is not on this computer (or a foreign Host or Origin)'),
            404: fails('There is no such folder'),
            503: fails('The folder cannot be read (permissions)'),
          },
        },
      },
      '/models': {
        get: {
          operationId: 'listModels',
          summary: 'The model in use and the models on this computer',
          description: 'Answered only to a client on this computer (loopback).',
          responses: {
            200: json('Models', 'The model in use (and its state), the model folder and what it holds'),
            403: fails('The client is not on this computer (or a foreign Host or Origin)'),
          },
        },
      },
      '/index/failed': {
        get: {
          operationId: 'listFailedFiles',
          summary: 'Files that could not be indexed, with the reason',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
              description: 'How many files at most',
            },
            {
              name: 'offset',
              in: 'query',
              schema: { type: 'integer', minimum: 0, maximum: 1000000, default: 0 },
              description: 'How many to skip (the next page)',
            },
          ],
          responses: {
            200: json('FailedFiles', 'One page of failed files, and how many there are'),
            400: fails('limit or offset is not a whole number in its range (e.g. limit=0)'),
          },
        },
      },
      '/scope': {
        get: {
          operationId: 'getScope',
          summary: 'The folders and files indexed',
          responses: { 200: json('Scope', 'The scope') },
        },
        put: {
          operationId: 'changeScope',
          summary: 'Change the scope; saved, and a scan starts',
          description:
            'Only the fields given change. A scan that runs is cancelled and a new one starts (none when there are no folders).',
          requestBody: jsonBody(ref('ScopeInput'), 'The fields to change', true),
          responses: {
            200: json(
              'ScopeChange',
              'The saved scope, the folders added and removed, leavingFiles (indexed files the next scan takes out), and the scan it started',
            ),
            400: fails(
              'Not valid (not an object, an unknown field, a field of the wrong type, a folder that is not absolute, not valid JSON, or cut short), or a new folder does not exist, is not a folder or cannot be read: nothing is saved',
            ),
            ...jsonBodyFailures,
            503: fails('The server is shutting down: no new scans are started'),
          },
        },
      },
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness',
          description: 'The one request answered without the key: it tells nothing but that the process answers.',
          responses: { 200: json('Health', 'The process answers') },
        },
      },
      '/ready': {
        get: {
          operationId: 'ready',
          summary: 'Readiness: database, vector store and model',
          responses: {
            200: json('Readiness', 'Ready'),
            503: json('Readiness', 'Not ready; checks say which part (and download, while the model downloads)'),
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary: 'Prometheus metrics',
          responses: {
            200: {
              description: 'The Prometheus text format',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          responses: {
            200: {
              description: 'OpenAPI 3.1',
              content: { 'application/json': { schema: { type: 'object', description: 'An OpenAPI 3.1 document' } } },
            },
          },
        },
      },
      '/docs': {
        get: {
          operationId: 'docs',
          summary: 'This document as a page',
          responses: {
            200: {
              description: 'A page with no scripts, loading nothing from elsewhere',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
          },
        },
      },
    },
    components: { schemas: SCHEMAS },
  };
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops) as [string, { responses: Record<string, unknown> }][])
      op.responses = withCommonStatuses(path, method, op.responses);
  return doc;
}

/**
 * The statuses every operation may answer besides its own, made explicit on each (a test of the server's answers
 * fails on a status its operation does not list): 302 and 401 from the key check (GET /health is answered without
 * the key), 403 from the localhost guard, 500 for a bug; `default` last, for any other.
 */
function withCommonStatuses(path: string, method: string, own: Record<string, unknown>): Record<string, unknown> {
  const open = path === '/health';
  const changes = method !== 'get';
  return {
    ...(!open && !changes ? { 302: COMMON.redirect } : {}),
    ...(!open ? { 401: COMMON.unauthorized } : {}),
    403: changes ? COMMON.forbiddenChange : COMMON.forbidden,
    500: COMMON.internal,
    ...own,
    default: COMMON.other,
  };
}

/** The shape of the document that {@link docsPage} reads: loose, so that any document like it can be shown. */
type DocSchema = Readonly<Record<string, unknown>>;
interface DocParameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly description?: string;
  readonly schema?: DocSchema;
}
interface DocContent {
  readonly [type: string]: { readonly schema?: DocSchema };
}
interface DocResponse {
  readonly description: string;
  readonly headers?: Readonly<Record<string, { readonly description?: string; readonly schema?: DocSchema }>>;
  readonly content?: DocContent;
}
interface DocOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly parameters?: readonly DocParameter[];
  readonly requestBody?: { readonly required?: boolean; readonly description?: string; readonly content: DocContent };
  readonly responses: Readonly<Record<string, DocResponse>>;
}
export interface ApiDocument {
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly servers?: readonly { readonly url: string }[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, DocOperation>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, DocSchema>> };
}

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

/** The page's one stylesheet; the Content-Security-Policy allows exactly it, by its hash. */
const DOCS_STYLE = `:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--code:#f3f5f7;--box:#fafbfc;--link:#0969da;--get:#0969da;--post:#1a7f37;--put:#9a6700;--delete:#cf222e;--on-m:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9ba4ae;--line:#30363d;--code:#1c2129;--box:#11161d;--link:#58a6ff;--get:#58a6ff;--post:#3fb950;--put:#d29922;--delete:#ff7b72;--on-m:#0d1117}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:62rem;margin:0 auto;padding:1.5rem 1rem 4rem}
a{color:var(--link)}
code{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:.05rem .3rem;border-radius:4px;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:0 0 .5rem}
h2{font-size:1.25rem;margin:2.5rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
h3 code{font-size:14px;background:none;padding:0}
h4{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:1.25rem 0 .4rem}
p{margin:.4rem 0}
section{scroll-margin-top:1rem}
.op,.schema{border:1px solid var(--line);border-radius:8px;background:var(--box);padding:1rem;margin:1rem 0}
.opid,.desc,.facts,.muted{color:var(--muted)}
.desc,.facts{font-size:14px}
.summary{font-weight:600;margin-top:.5rem}
.m{display:inline-block;min-width:4rem;text-align:center;font:700 12px/1.7 ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--on-m);background:var(--muted);border-radius:4px;padding:0 .4rem}
.m-get{background:var(--get)}.m-post{background:var(--post)}.m-put,.m-patch{background:var(--put)}.m-delete{background:var(--delete)}
.status{font:700 13px ui-monospace,SFMono-Regular,Menlo,monospace}
.s2{color:var(--post)}.s3{color:var(--get)}.s4{color:var(--put)}.s5{color:var(--delete)}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-top:1px solid var(--line)}
th{font-size:12px;color:var(--muted);font-weight:600;border-top:0}
.tag{display:inline-block;font-size:11px;line-height:1.6;padding:0 .4rem;border-radius:999px;border:1px solid var(--line);color:var(--muted)}
.tag.opt{color:var(--fg);border-color:var(--muted)}
code.name{white-space:nowrap;overflow-wrap:normal}
ul.fields{list-style:none;margin:.3rem 0 0;padding-left:.9rem;border-left:2px solid var(--line)}
ul.fields li{margin:.4rem 0}
ul.headers{margin:.3rem 0 0;padding-left:1.1rem;font-size:14px}
.media{margin:.4rem 0}.media>code:first-child{white-space:nowrap}
.toc ul{list-style:none;padding-left:0;margin:.3rem 0}.toc ul ul{padding-left:1rem}.toc li{margin:.2rem 0}.toc .group{font-weight:600}.toc a{text-decoration:none}.toc a:hover{text-decoration:underline}
.toc .m{min-width:3.6rem;font-size:11px}
@media (max-width:640px){main{padding:1rem .75rem 3rem}.op,.schema{padding:.75rem}
table.stack thead{display:none}table.stack tr{display:block;border-top:1px solid var(--line);padding:.35rem 0}
table.stack td{display:block;border:0;padding:.1rem 0}
table.stack td::before{content:attr(data-label);display:block;font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
table.stack td.inl{display:inline-block;margin-right:.6rem}table.stack td.inl::before,table.stack td.bare::before{content:none}}`;

/**
 * The Content-Security-Policy of the page from {@link docsPage}: nothing but its own stylesheet (no scripts, no
 * images, nothing fetched, no forms, not framed).
 */
export const DOCS_PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(DOCS_STYLE).digest('base64')}'; ` +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const anchor = (prefix: string, name: string) => `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const code = (s: string) => `<code>${esc(s)}</code>`;
const literal = (v: unknown) => code(typeof v === 'string' ? v : JSON.stringify(v));

/** A schema as a person reads it: its type (HTML, `$ref`s as links), whether null is allowed, and its limits. */
interface Described {
  readonly type: string;
  readonly nullable: boolean;
  readonly facts: readonly string[];
  readonly description: string | null;
  /** An object schema whose fields are listed below it. */
  readonly fields: DocSchema | null;
}

function describeSchema(s: DocSchema): Described {
  const facts: string[] = [];
  let nullable = false;
  let type: string;
  let fields: DocSchema | null = null;
  let description = typeof s['description'] === 'string' ? s['description'] : null;
  const members = (s['oneOf'] ?? s['anyOf']) as DocSchema[] | undefined;
  if (typeof s['$ref'] === 'string') {
    const name = s['$ref'].slice(s['$ref'].lastIndexOf('/') + 1);
    type = `<a href="#${anchor('schema', name)}">${esc(name)}</a>`;
  } else if (Array.isArray(members)) {
    const real = members.filter((m) => m['type'] !== 'null');
    nullable = real.length < members.length;
    const inner = real.map(describeSchema);
    if (inner.length === 1) {
      const only = inner[0]!;
      type = only.type;
      nullable ||= only.nullable;
      facts.push(...only.facts);
      fields = only.fields;
      description ??= only.description;
    } else type = inner.map((d) => d.type).join(' or ');
  } else {
    const types = Array.isArray(s['type']) ? (s['type'] as string[]) : typeof s['type'] === 'string' ? [s['type']] : [];
    nullable = types.includes('null');
    const main = types.filter((t) => t !== 'null').join(' or ') || 'any';
    if (main === 'array') {
      const items = describeSchema((s['items'] as DocSchema | undefined) ?? {});
      type = `list of ${items.type}${items.nullable ? ' (or null)' : ''}`;
      facts.push(...items.facts.map((f) => `each: ${f}`));
      fields = items.fields;
    } else if (main === 'object' && s['properties']) {
      type = 'object';
      fields = s;
    } else if (main === 'object' && typeof s['additionalProperties'] === 'object') {
      type = `object: any names, each ${describeSchema(s['additionalProperties'] as DocSchema).type}`;
    } else type = esc(main);
    if (typeof s['format'] === 'string') type += ` (${esc(s['format'])})`;
  }
  if (Array.isArray(s['enum'])) facts.push(`one of ${s['enum'].map(literal).join(', ')}`);
  if ('const' in s) facts.push(`always ${literal(s['const'])}`);
  const limits: [string, string][] = [
    ['minimum', 'min'],
    ['maximum', 'max'],
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
  ];
  for (const [key, label] of limits) if (s[key] !== undefined) facts.push(`${label} ${literal(s[key])}`);
  if ('default' in s) facts.push(`default ${literal(s['default'])}`);
  return { type, nullable, facts, description, fields };
}

function fieldList(object: DocSchema): string {
  const properties = (object['properties'] ?? {}) as Record<string, DocSchema>;
  const required = new Set((object['required'] ?? []) as string[]);
  const items = Object.entries(properties).map(([name, p]) => {
    const d = describeSchema(p);
    return (
      `<li><code>${esc(name)}</code> ${d.type}` +
      (d.nullable ? ' <span class="tag">nullable</span>' : '') +
      (required.has(name) ? ' <span class="tag">required</span>' : ' <span class="tag opt">optional</span>') +
      (d.description ? `<div class="desc">${esc(d.description)}</div>` : '') +
      (d.facts.length ? `<div class="facts">${d.facts.join('; ')}</div>` : '') +
      (d.fields ? fieldList(d.fields) : '') +
      '</li>'
    );
  });
  const closed = object['additionalProperties'] === false ? '' : '<li class="muted">and any other fields</li>';
  return `<ul class="fields">${items.join('')}${closed}</ul>`;
}

function schemaBlock(s: DocSchema): string {
  const d = describeSchema(s);
  return (
    `<p>${d.type}${d.nullable ? ' <span class="tag">nullable</span>' : ''}` +
    (d.facts.length ? ` <span class="facts">${d.facts.join('; ')}</span>` : '') +
    '</p>' +
    (d.description ? `<p class="desc">${esc(d.description)}</p>` : '') +
    (d.fields ? fieldList(d.fields) : '')
  );
}

function contentBlock(content: DocContent | undefined): string {
  const entries = Object.entries(content ?? {});
  if (entries.length === 0) return '<span class="muted">no body</span>';
  return entries
    .map(([type, media]) => `<div class="media">${code(type)}${media.schema ? schemaBlock(media.schema) : ''}</div>`)
    .join('');
}

function parameterTable(parameters: readonly DocParameter[]): string {
  const rows = parameters.map((p) => {
    const d = p.schema ? describeSchema(p.schema) : null;
    const type = d ? `${d.type}${d.facts.length ? `<div class="facts">${d.facts.join('; ')}</div>` : ''}` : '';
    return (
      `<tr><td class="inl" data-label="Name"><code class="name">${esc(p.name)}</code></td>` +
      `<td class="inl" data-label="In">${esc(p.in)}</td><td class="inl" data-label="Required">` +
      `${p.required ? '<span class="tag">required</span>' : '<span class="tag opt">optional</span>'}</td>` +
      `<td data-label="Type">${type}</td>` +
      `<td class="bare" data-label="Description">${esc(p.description ?? d?.description ?? '')}</td></tr>`
    );
  });
  return (
    '<table class="stack"><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Type</th><th>Description</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function responseTable(responses: Readonly<Record<string, DocResponse>>): string {
  const rows = Object.entries(responses).map(([status, r]) => {
    const reason = status === 'default' ? 'Any other' : (STATUS_CODES[Number(status)] ?? '');
    const headers = Object.entries(r.headers ?? {});
    return (
      `<tr><td class="inl" data-label="Status"><span class="status s${esc(status.charAt(0))}">${esc(status)}</span> ` +
      `<span class="muted">${esc(reason)}</span></td><td class="bare" data-label="When">${esc(r.description)}` +
      (headers.length
        ? `<ul class="headers">${headers.map(([name, h]) => `<li>${code(name)} ${esc(h.description ?? '')}</li>`).join('')}</ul>`
        : '') +
      `</td><td data-label="Body">${contentBlock(r.content)}</td></tr>`
    );
  });
  return (
    '<table class="stack"><thead><tr><th>Status</th><th>When</th><th>Body</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/**
 * The document as a page: a table of contents, then each operation (method, path, operationId, summary and
 * description, its parameters, request body and every status it answers, each with its body's schema), then every
 * schema, `$ref`s linking to it. Self-contained: no scripts, nothing fetched; its stylesheet is allowed by
 * {@link DOCS_PAGE_CSP}. Everything taken from the document is escaped.
 */
export function docsPage(doc: ApiDocument): string {
  const base = doc.servers?.[0]?.url ?? '';
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ path, method, op })),
  );
  const badge = (method: string) => `<span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span>`;

  const groups = new Map<string, typeof operations>();
  for (const o of operations) {
    const first = o.path.split('/')[1] ?? '';
    const group = ['search', 'media', 'scans', 'index', 'scope'].includes(first) ? first : 'system';
    groups.set(group, [...(groups.get(group) ?? []), o]);
  }
  const toc =
    '<nav class="toc" aria-label="Contents"><h2>Contents</h2><ul>' +
    [...groups]
      .map(
        ([group, ops]) =>
          `<li><span class="group">${esc(group.charAt(0).toUpperCase() + group.slice(1))}</span><ul>` +
          ops
            .map(
              ({ path, method, op }) =>
                `<li><a href="#${anchor('op', op.operationId)}">${badge(method)} <code>${esc(path)}</code></a> ` +
                `<span class="muted">${esc(op.operationId)}: ${esc(op.summary)}</span></li>`,
            )
            .join('') +
          '</ul></li>',
      )
      .join('') +
    `<li><a class="group" href="#schemas">Schemas</a><div class="muted">${Object.keys(doc.components.schemas)
      .map((name) => `<a href="#${anchor('schema', name)}">${esc(name)}</a>`)
      .join(', ')}</div></li></ul></nav>`;

  const sections = operations.map(({ path, method, op }) => {
    const body = op.requestBody;
    return (
      `<section class="op" id="${anchor('op', op.operationId)}"><h3>${badge(method)} <code>${esc(base + path)}</code></h3>` +
      `<p class="opid">operationId ${code(op.operationId)}</p><p class="summary">${esc(op.summary)}</p>` +
      (op.description ? `<p>${esc(op.description)}</p>` : '') +
      (op.parameters?.length ? `<h4>Parameters</h4>${parameterTable(op.parameters)}` : '') +
      (body
        ? `<h4>Request body</h4><p>${body.required ? '<span class="tag">required</span>' : '<span class="tag opt">optional</span>'}` +
          `${body.description ? ` ${esc(body.description)}` : ''}</p>${contentBlock(body.content)}`
        : '') +
      `<h4>Responses</h4>${responseTable(op.responses)}</section>`
    );
  });

  const schemas = Object.entries(doc.components.schemas).map(
    ([name, s]) =>
      `<section class="schema" id="${anchor('schema', name)}"><h3>${esc(name)}</h3>${schemaBlock(s)}</section>`,
  );

  const intro = doc.info.description
    .split(/\n\n+/)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} API ${esc(doc.info.version)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<style>${DOCS_STYLE}</style>
</head><body><main><h1>${esc(doc.info.title)} API <span class="muted">${esc(doc.info.version)}</span></h1>${intro}
<p>Paths are under ${code(base || '/')}. Machine-readable: <a href="${esc(base)}/openapi.json">${esc(base)}/openapi.json</a></p>
${toc}
<h2>Operations</h2>
${sections.join('\n')}
<h2 id="schemas">Schemas</h2><p>Objects accept no fields they do not list; a field is required unless it says optional.</p>
${schemas.join('\n')}
</main></body></html>`;
}
