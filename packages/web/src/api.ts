// The web app's only way to the server: the public REST API under /api/v1.
import type { components } from './api-types.gen.js';

// The wire types are generated from the API's OpenAPI document (npm run api-types; a test fails when they are
// not what the document gives), and e2e tests check every answer of the server against that document. So a field
// renamed in the API breaks this app's build, not its users.
type Schemas = components['schemas'];
export type Segment = Schemas['Segment'];
export type Result = Schemas['SearchResult'];
export type SearchResults = Schemas['SearchResults'];
export type MediaItem = Schemas['Media'];
export type ScanJob = Schemas['ScanJob'];
export type ScanStarted = Schemas['ScanStarted'];
export type Counts = ScanJob['counts'];
export type Scope = Schemas['Scope'];
export type ScopeInput = Schemas['ScopeInput'];
export type ScopeChange = Schemas['ScopeChange'];
export type IndexStats = Schemas['IndexStats'];
export type FailedFiles = Schemas['FailedFiles'];
export type Readiness = Schemas['Readiness'];
export type Understood = Schemas['Understood'];
export type Relevance = NonNullable<SearchResults['relevance']>;
export type LibraryMonths = Schemas['LibraryMonths'];
export type Folders = Schemas['Folders'];
export type Models = Schemas['Models'];

export interface Filters {
  readonly kind?: 'image' | 'video' | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly folder?: string | undefined;
  /** Only items whose camera's make or model contains this ("canon", "iphone 15"). */
  readonly camera?: string | undefined;
  /** Only items taken in a town, region or country containing this (or a country code). */
  readonly place?: string | undefined;
  /** Parts of the query not to read as filters (chips removed): "date,place". */
  readonly skip?: string | undefined;
  /** `date`: newest taken first, among the matches. */
  readonly sort?: 'date' | undefined;
  /** Show the weaker matches too. */
  readonly weaker?: 'true' | undefined;
}

/** An answer the server gave with an error; `message` is written for a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server could not be reached at all. */
export class Unreachable extends Error {}

const API = '/api/v1';

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, init);
  } catch {
    throw new Unreachable('The Glimpse server does not answer. Is it running?');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok && res.status !== 503) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new ApiError(res.status, message ?? `The server answered ${res.status}.`);
  }
  if (res.status === 503 && !path.startsWith('/ready')) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new ApiError(503, message ?? 'Glimpse is not ready yet.');
  }
  return body as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const api = {
  searchText: (q: string, f: Filters, offset: number, limit: number) =>
    call<SearchResults>(`/search?${query({ q, ...f, offset, limit })}`),
  searchImage: (image: Blob, f: Filters, limit: number) => {
    const form = new FormData();
    form.append('image', image, image instanceof File ? image.name : 'image');
    return call<SearchResults>(`/search/by-image?${query({ ...f, limit })}`, { method: 'POST', body: form });
  },
  similar: (id: string, f: Filters, offset: number, limit: number) =>
    call<SearchResults>(`/media/${encodeURIComponent(id)}/similar?${query({ ...f, offset, limit })}`),
  media: (id: string) => call<MediaItem>(`/media/${encodeURIComponent(id)}`),
  scans: () => call<{ scans: ScanJob[] }>('/scans'),
  startScan: (mode: 'incremental' | 'reindex') => call<ScanStarted>('/scans', json('POST', { mode })),
  cancelScan: (id: string) => call<ScanJob>(`/scans/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  scanEvents: (id: string) => new EventSource(`${API}/scans/${encodeURIComponent(id)}/events`),
  scope: () => call<Scope>('/scope'),
  saveScope: (scope: ScopeInput) => call<ScopeChange>('/scope', json('PUT', scope)),
  index: () => call<IndexStats>('/index'),
  deleteIndex: () => call<Schemas['IndexReset']>('/index', { method: 'DELETE' }),
  pruneIndex: () => call<Schemas['IndexPruned']>('/index/prune', json('POST', {})),
  failed: (limit: number) => call<FailedFiles>(`/index/failed?limit=${limit}`),
  ready: () => call<Readiness>('/ready'),
  library: (f: { kind?: string | undefined; before?: string | undefined }, offset: number, limit: number) =>
    call<SearchResults>(`/library?${query({ ...f, offset, limit })}`),
  months: (kind?: string) => call<LibraryMonths>(`/library/months?${query({ kind })}`),
  folders: (path?: string) => call<Folders>(`/folders?${query({ path })}`),
  models: () => call<Models>('/models'),
};
