import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type FailedFiles, type ScanJob } from '../api.js';
import { bytes, count } from '../format.js';
import { html } from '../html.js';
import type { LibraryStatus } from '../library-status.js';

const PHASE: Record<string, string> = {
  walking: 'Listing files',
  hashing: 'Checking what changed',
  embedding: 'Indexing',
  metadata: 'Reading dates, cameras and places',
  text: 'Reading text in pictures',
  cleaning: 'Cleaning up',
  done: 'Finishing',
};

/**
 * The rate of the current phase, from when it was first seen in this scan (hashing and indexing take turns: each
 * keeps its own start), and the time left at that rate.
 */
function useRate(job: ScanJob | null): { rate: number | null; left: number | null } {
  const starts = useRef<{ job: string; phases: Map<string, { t0: number; done0: number }> } | null>(null);
  const p = job?.progress;
  if (!job || !p) return { rate: null, left: null };
  if (starts.current?.job !== job.id) starts.current = { job: job.id, phases: new Map() };
  const now = performance.now();
  const phases = starts.current.phases;
  let s = phases.get(p.phase);
  if (!s || p.done < s.done0) phases.set(p.phase, (s = { t0: now, done0: p.done }));
  const elapsed = (now - s.t0) / 1000;
  if (elapsed < 0.5 || p.done <= s.done0) return { rate: null, left: null };
  const rate = (p.done - s.done0) / elapsed;
  const left = p.total !== null ? (p.total - p.done) / rate : null;
  return { rate, left };
}

function duration(sec: number): string {
  if (sec < 1) return 'less than a second';
  if (sec < 90) return `${Math.round(sec)} s`;
  if (sec < 5400) return `${Math.round(sec / 60)} min`;
  return `${(sec / 3600).toFixed(1)} h`;
}

/** The summary's short line: what changed, only the counts that are not 0. */
function shortSummary(job: ScanJob, modelMissing: boolean): string {
  const c = job.counts;
  // The missing model is explained on the page: its reason is not repeated here.
  if (job.status === 'failed' && modelMissing) return 'The last scan stopped: the model is missing (see below).';
  if (job.status === 'failed') return `The last scan failed: ${job.error ?? 'unknown reason'}`;
  if (job.status === 'cancelled') return 'The last scan was cancelled; the index is consistent.';
  const when = job.finishedAt ? new Date(job.finishedAt).toLocaleTimeString() : '';
  const parts = [
    [c.new, 'new'],
    [c.modified, 'changed'],
    [c.moved, 'moved'],
    [c.deleted, 'deleted'],
    [c.embedded, 'indexed'],
    [c.failed, 'failed'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${Number(n).toLocaleString()} ${what}`);
  if (c.textRead) parts.push(`text read in ${count(c.textRead, 'picture')}`);
  return (
    `Scanned ${count(c.seen, 'file')} at ${when} in ${((job.durationMs ?? 0) / 1000).toFixed(1)} s: ` +
    `${parts.length ? parts.join(', ') : 'nothing changed'}.`
  );
}

const COUNTS: [keyof ScanJob['counts'], string][] = [
  ['seen', 'Files seen'],
  ['unchanged', 'Unchanged'],
  ['new', 'New'],
  ['modified', 'Changed'],
  ['moved', 'Moved or renamed'],
  ['deleted', 'Deleted'],
  ['embedded', 'Indexed'],
  ['failed', 'Failed'],
  ['textRead', 'Text read'],
];

/**
 * The library's state in one bar: the server unreachable, the model downloading or loading, a scan running (phase,
 * done of total, a bar, rate and time left), or the last scan's short summary, which opens to every count.
 */
export function StatusBar({ status, onCancel }: { status: LibraryStatus; onCancel: (id: string) => void }) {
  const { active, last, ready, unreachable, generation } = status;
  // Failed files come from the index, not from the last scan: a rescan does not retry an unchanged failed file,
  // and they must still be listed (after a restart too).
  const [failed, setFailed] = useState<FailedFiles | null>(null);
  useEffect(() => {
    let live = true;
    api.failed(50).then(
      (f) => live && setFailed(f),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [generation, last?.id]);
  const { rate, left } = useRate(active);
  let body;
  if (unreachable) {
    body = html`<span class="status-error">The Glimpse server does not answer. Is it still running?</span>`;
  } else if (
    ready &&
    ready.status !== 'ready' &&
    ready.checks['model'] !== 'ok' &&
    // A model that is missing is explained once, on the page itself.
    !(ready.checks['model'] ?? '').startsWith('not loaded')
  ) {
    const d = ready.download;
    body = d
      ? html`<span>Downloading the model ${d.model}: ${bytes(d.bytes)} of ${bytes(d.total)}</span>
          <progress max=${d.total} value=${d.bytes} aria-label="Model download"></progress>`
      : html`<span>Loading the model…</span>`;
  } else if (active) {
    const p = active.progress;
    const phase = active.status === 'queued' ? 'Waiting to scan' : (PHASE[p?.phase ?? 'walking'] ?? p?.phase);
    body = html`<span class="scan-live" data-testid="scan-live">
        <strong class="phase">${phase}</strong>
        ${
          p
            ? html`<span class="done" data-testid="scan-done"
                >${p.done.toLocaleString()}${p.total !== null ? ` of ${p.total.toLocaleString()}` : ''}</span
              >`
            : ''
        }
        ${
          p?.total
            ? html`<progress max=${p.total} value=${p.done} aria-label="Scan progress"></progress>`
            : html`<progress aria-label="Scan progress"></progress>`
        }
        ${rate !== null ? html`<span class="rate" data-testid="scan-rate">${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s</span>` : ''}
        ${left !== null && Number.isFinite(left) ? html`<span class="left">about ${duration(left)} left</span>` : ''}
      </span>
      <button type="button" class="link" onClick=${() => onCancel(active.id)}>Cancel</button>`;
  } else if (last) {
    body = html`<details class="scan-details">
        <summary data-testid="scan-summary">
          ${shortSummary(last, (ready?.checks['model'] ?? '').startsWith('not loaded'))}
        </summary>
        <dl class="counts">
          ${COUNTS.map(
            ([k, label]) =>
              html`<div>
                <dt>${label}</dt>
                <dd>${Number(last.counts[k] ?? 0).toLocaleString()}</dd>
              </div>`,
          )}
        </dl>
      </details>
      ${
        failed && failed.total > 0
          ? html`<details class="failures">
              <summary>${count(failed.total, 'file')} could not be indexed</summary>
              <ul>
                ${failed.files.map((f) => html`<li><code>${f.path}</code>: ${f.error ?? 'unknown reason'}</li>`)}
                ${failed.total > failed.files.length ? html`<li>… and ${failed.total - failed.files.length} more</li>` : ''}
              </ul>
            </details>`
          : ''
      }
      ${
        last.offlineRoots.length
          ? html`<span class="status-warn">Offline: ${last.offlineRoots.join(', ')} (entries kept)</span>`
          : ''
      }`;
  } else body = html`<span>No scan yet.</span>`;
  return html`<div class="status-bar" role="status" aria-live="polite">${body}</div>`;
}
