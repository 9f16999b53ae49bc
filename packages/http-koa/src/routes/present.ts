import type { MediaItem, ScanJob, Scope, SearchResult, Understood } from '@glimpse/core';

const API = '/api/v1';

/** Thumbnail URL carrying the content version, so a browser may keep it for good. */
function thumbnailUrl(id: string, contentHash: string | null): string {
  return `${API}/media/${id}/thumbnail${contentHash ? `?v=${contentHash.slice(0, 16)}` : ''}`;
}

export function searchResultJson(r: SearchResult) {
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
    takenAtSource: r.takenAtSource,
    camera: r.camera,
    lens: r.lens,
    place: r.place,
    pairedWith: r.pairedWith,
    why: {
      vectorRank: r.why.vectorRank,
      keywordRank: r.why.keywordRank,
      fused: r.why.fused,
      keyword: r.why.keyword
        ? {
            field: r.why.keyword.field,
            text: r.why.keyword.text,
            marks: r.why.keyword.marks.map(([a, b]) => [a, b]),
            score: r.why.keyword.score,
            exact: r.why.keyword.exact,
          }
        : null,
    },
    thumbnailUrl: thumbnailUrl(r.id, r.contentHash),
    mediaUrl: `${API}/media/${r.id}/file`,
    segments: r.segments.map((s) => ({
      startSec: s.startSec,
      endSec: s.endSec,
      score: s.score,
      frameSec: s.frameSec,
      frameUrl: s.frameSec !== null ? `${API}/media/${r.id}/frame?t=${s.frameSec}` : null,
    })),
  };
}

export function mediaItemJson(m: MediaItem) {
  return {
    ...m,
    takenAt: m.takenAt?.toISOString() ?? null,
    thumbnailUrl: thumbnailUrl(m.id, m.contentHash),
    mediaUrl: `${API}/media/${m.id}/file`,
    similarUrl: `${API}/media/${m.id}/similar`,
  };
}

export function scanJobJson(j: ScanJob) {
  return {
    id: j.id,
    mode: j.mode,
    trigger: j.trigger,
    status: j.status,
    requestedAt: j.requestedAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
    progress: j.progress ? { phase: j.progress.phase, done: j.progress.done, total: j.progress.total } : null,
    counts: j.counts,
    offlineRoots: j.offlineRoots,
    errors: j.errors,
    errorCount: j.errorCount,
    durationMs: j.durationMs,
    error: j.error,
    url: `${API}/scans/${j.id}`,
    eventsUrl: `${API}/scans/${j.id}/events`,
  };
}

export function scopeJson(s: Scope) {
  return { ...s, extensions: { image: [...s.extensions.image], video: [...s.extensions.video] } };
}

/** What a query was understood to say: a chip's label and the filter it became. */
export function understoodJson(u: Understood) {
  if (u.type === 'date')
    return { type: u.type, text: u.text, from: u.from.toISOString(), to: u.to.toISOString(), kind: null, place: null };
  if (u.type === 'kind') return { type: u.type, text: u.text, from: null, to: null, kind: u.kind, place: null };
  return { type: u.type, text: u.text, from: null, to: null, kind: null, place: u.place };
}

/** What a scope change does to the index, for a person. */
export function changeMessage(leavingFiles: number, graceDays: number, prune = 'POST /api/v1/index/prune'): string {
  if (leavingFiles === 0) return 'Saved; no indexed file leaves the index.';
  const files = `${leavingFiles} indexed file${leavingFiles === 1 ? '' : 's'} leave${leavingFiles === 1 ? 's' : ''}`;
  if (graceDays === 0) return `Saved; ${files} the index with the next scan, and their vectors are deleted.`;
  return (
    `Saved; ${files} the index with the next scan. Their vectors are kept for ${graceDays} day` +
    `${graceDays === 1 ? '' : 's'}, so adding them back embeds nothing (${prune} drops them now).`
  );
}
