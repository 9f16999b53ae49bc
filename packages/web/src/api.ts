// The web app's only way to the server: the public REST API under /api/v1.

export interface Segment {
  readonly startSec: number | null;
  readonly endSec: number | null;
  readonly score: number;
  readonly frameSec: number | null;
  readonly frameUrl: string | null;
}

export interface Result {
  readonly id: string;
  readonly path: string;
  readonly paths: readonly string[];
  readonly kind: 'image' | 'video';
  readonly score: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly takenAt: string | null;
  readonly durationSec: number | null;
  readonly thumbnailUrl: string;
  readonly mediaUrl: string;
  readonly segments: readonly Segment[];
}

export interface MediaItem {
  readonly id: string;
  readonly path: string;
  readonly paths: readonly string[];
  readonly kind: 'image' | 'video';
  readonly size: number;
  readonly status: 'ok' | 'failed';
  readonly error: string | null;
  readonly indexed: boolean;
  readonly width: number | null;
  readonly height: number | null;
  readonly takenAt: string | null;
  readonly durationSec: number | null;
  readonly camera: string | null;
  readonly mediaUrl: string;
}

export interface Filters {
  readonly kind?: 'image' | 'video' | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly folder?: string | undefined;
}

export interface Counts {
  readonly seen: number;
  readonly unchanged: number;
  readonly new: number;
  readonly modified: number;
  readonly moved: number;
  readonly deleted: number;
  readonly embedded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly hashed: number;
}

export interface ScanJob {
  readonly id: string;
  readonly mode: 'incremental' | 'reindex';
  readonly trigger: string;
  readonly status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly progress: { readonly phase: string; readonly done: number; readonly total: number | null } | null;
  readonly counts: Counts;
  readonly offlineRoots: readonly string[];
  readonly errors: readonly { readonly path: string; readonly reason: string }[];
  readonly errorCount: number;
  readonly durationMs: number | null;
  readonly error: string | null;
}

export interface Scope {
  readonly roots: readonly string[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly extensions: { readonly image: readonly string[]; readonly video: readonly string[] };
  readonly includeHidden: boolean;
  readonly maxFileSize: number | null;
}

export interface IndexStats {
  readonly files: number;
  readonly failedFiles: number;
  readonly contents: number;
  readonly indexedContents: number;
  readonly modelId: string | null;
  /** Items whose files left the index, keeping their vectors for the grace period. */
  readonly released: {
    readonly contents: number;
    readonly points: number;
    readonly oldest: string | null;
    readonly graceDays: number;
    readonly dropsAfter: string | null;
  };
}

export interface ScopeChange {
  readonly scope: Scope;
  readonly addedRoots: readonly string[];
  readonly removedRoots: readonly string[];
  readonly leavingFiles: number;
  readonly message: string;
  readonly scan: ScanJob | null;
}

export interface Readiness {
  readonly status: 'ready' | 'not-ready';
  readonly checks: Record<string, string>;
  readonly download?: { readonly model: string; readonly file: string; readonly bytes: number; readonly total: number };
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
    call<{ results: Result[] }>(`/search?${query({ q, ...f, offset, limit })}`),
  searchImage: (image: Blob, f: Filters, limit: number) => {
    const form = new FormData();
    form.append('image', image, image instanceof File ? image.name : 'image');
    return call<{ results: Result[] }>(`/search/by-image?${query({ ...f, limit })}`, { method: 'POST', body: form });
  },
  similar: (id: string, f: Filters, offset: number, limit: number) =>
    call<{ results: Result[] }>(`/media/${encodeURIComponent(id)}/similar?${query({ ...f, offset, limit })}`),
  media: (id: string) => call<MediaItem>(`/media/${encodeURIComponent(id)}`),
  scans: () => call<{ scans: ScanJob[] }>('/scans'),
  startScan: (mode: 'incremental' | 'reindex') => call<ScanJob>('/scans', json('POST', { mode })),
  cancelScan: (id: string) => call<ScanJob>(`/scans/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  scanEvents: (id: string) => new EventSource(`${API}/scans/${encodeURIComponent(id)}/events`),
  scope: () => call<Scope>('/scope'),
  saveScope: (scope: Partial<Scope>) => call<ScopeChange>('/scope', json('PUT', scope)),
  index: () => call<IndexStats>('/index'),
  deleteIndex: () => call<IndexStats>('/index', { method: 'DELETE' }),
  pruneIndex: () => call<IndexStats & { dropped: number }>('/index/prune', json('POST', {})),
  failed: (limit: number) =>
    call<{ total: number; files: { id: string; path: string; kind: string; error: string | null }[] }>(
      `/index/failed?limit=${limit}`,
    ),
  ready: () => call<Readiness>('/ready'),
};
