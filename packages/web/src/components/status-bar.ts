import { useEffect, useState } from 'preact/hooks';
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

function eta(job: ScanJob): string {
  const p = job.progress;
  if (!p || !p.total || !job.startedAt || p.done === 0) return '';
  const elapsed = (Date.now() - new Date(job.startedAt).getTime()) / 1000;
  const rate = p.done / Math.max(elapsed, 0.001);
  const left = (p.total - p.done) / rate;
  const rateText = `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`;
  if (!Number.isFinite(left) || left < 1) return rateText;
  return `${rateText}, about ${left < 90 ? `${Math.round(left)} s` : `${Math.round(left / 60)} min`} left`;
}

function summary(job: ScanJob): string {
  const c = job.counts;
  if (job.status === 'failed') return `The last scan failed: ${job.error ?? 'unknown reason'}`;
  if (job.status === 'cancelled') return 'The last scan was cancelled; the index is consistent.';
  const when = job.finishedAt ? new Date(job.finishedAt).toLocaleTimeString() : '';
  return (
    `Last scan ${when}: ${count(c.seen, 'file')}, ${c.new} new, ${c.modified} changed, ${c.moved} moved, ` +
    `${c.deleted} deleted, ${c.embedded} indexed, ${c.failed} failed` +
    `${c.textRead ? `, text read in ${count(c.textRead, 'picture')}` : ''} (${((job.durationMs ?? 0) / 1000).toFixed(1)} s).`
  );
}

/** One line about the library: unreachable, model loading, a scan running (live), or the last scan's summary. */
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
  let body;
  if (unreachable) {
    body = html`<span class="status-error">The Glimpse server does not answer. Is it still running?</span>`;
  } else if (ready && ready.status !== 'ready' && ready.checks['model'] !== 'ok') {
    const d = ready.download;
    body = d
      ? html`<span>Downloading the model ${d.model}: ${bytes(d.bytes)} of ${bytes(d.total)}</span>
          <progress max=${d.total} value=${d.bytes} aria-label="Model download"></progress>`
      : html`<span
          >${ready.checks['model']?.startsWith('failing') ? ready.checks['model'] : 'Loading the model…'}</span
        >`;
  } else if (active) {
    const p = active.progress;
    const c = active.counts;
    body = html`<span class="scan-live" data-testid="scan-live">
        ${active.status === 'queued' ? 'Scan waiting…' : `${PHASE[p?.phase ?? 'walking'] ?? p?.phase}:`}
        ${p ? ` ${p.done}${p.total !== null ? ` of ${p.total}` : ''}` : ''} · ${c.new} new, ${c.modified} changed,
        ${c.embedded} indexed, ${c.failed} failed ${eta(active) ? ` · ${eta(active)}` : ''}
      </span>
      ${p?.total ? html`<progress max=${p.total} value=${p.done} aria-label="Scan progress"></progress>` : ''}
      <button type="button" class="link" onClick=${() => onCancel(active.id)}>Cancel</button>`;
  } else if (last) {
    body = html`<span data-testid="scan-summary">${summary(last)}</span> ${
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
