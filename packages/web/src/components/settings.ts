import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type IndexStats, type Scope } from '../api.js';
import { count } from '../format.js';
import { html } from '../html.js';

const lines = (s: string) =>
  s
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const words = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((w) => w.trim().replace(/^\./, ''))
    .filter(Boolean);

/** Scope (folders, globs, extensions) and the index's maintenance: rescan, full reindex, delete. */
export function Settings({ onScanStarted }: { onScanStarted: () => void }) {
  const [scope, setScope] = useState<Scope | null>(null);
  const [stats, setStats] = useState<IndexStats | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const confirm = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);

  const load = async () => {
    try {
      const [s, i] = await Promise.all([api.scope(), api.index()]);
      setScope(s);
      setStats(i);
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const run = async <T>(what: () => Promise<T>, done: string | ((result: T) => string)) => {
    setMessage(null);
    try {
      const result = await what();
      setMessage({ kind: 'ok', text: typeof done === 'string' ? done : done(result) });
      onScanStarted();
      void load();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : (e as Error).message });
    }
  };

  const save = (e: Event) => {
    e.preventDefault();
    const f = new FormData(form.current!);
    void run(
      () =>
        api.saveScope({
          roots: lines(String(f.get('roots'))),
          include: lines(String(f.get('include'))),
          exclude: lines(String(f.get('exclude'))),
          extensions: { image: words(String(f.get('image'))), video: words(String(f.get('video'))) },
          includeHidden: f.get('hidden') === 'on',
        }),
      (change) => `${change.message}${change.scan ? ' A scan has started with the new settings.' : ''}`,
    );
  };

  if (!scope)
    return html`<section class="settings">
      <h1>Settings</h1>
      <p class="muted">Loading…</p>
    </section>`;
  return html`<section class="settings" aria-labelledby="settings-title">
    <h1 id="settings-title">Settings</h1>
    ${message ? html`<p class=${message.kind === 'ok' ? 'notice' : 'notice error'} role="alert">${message.text}</p>` : ''}
    <form ref=${form} onSubmit=${save}>
      <fieldset>
        <legend>What Glimpse indexes</legend>
        <label for="roots">Folders, one per line (absolute paths)</label>
        <textarea id="roots" name="roots" rows="3" spellcheck="false">${scope.roots.join('\n')}</textarea>
        <label for="include">Only files matching (globs, one per line; empty for all)</label>
        <textarea id="include" name="include" rows="2" spellcheck="false">${scope.include.join('\n')}</textarea>
        <label for="exclude">Skip files and folders matching (globs, one per line)</label>
        <textarea id="exclude" name="exclude" rows="3" spellcheck="false">${scope.exclude.join('\n')}</textarea>
        <label for="image-ext">Picture extensions</label>
        <input id="image-ext" name="image" value=${scope.extensions.image.join(' ')} spellcheck="false" />
        <label for="video-ext">Video extensions</label>
        <input id="video-ext" name="video" value=${scope.extensions.video.join(' ')} spellcheck="false" />
        <label class="check"
          ><input type="checkbox" name="hidden" checked=${scope.includeHidden} /> Include hidden files and
          folders</label
        >
      </fieldset>
      <button type="submit" class="primary">Save and scan</button>
    </form>
    <section aria-labelledby="index-title">
      <h2 id="index-title">The index</h2>
      <p>
        ${
          stats
            ? `${count(stats.files, 'file')} (${stats.failedFiles} failed), ${count(stats.indexedContents, 'indexed item')}${stats.modelId ? `, model ${stats.modelId}` : ''}.`
            : ''
        }
      </p>
      ${
        stats && stats.released.contents > 0
          ? html`<p class="released">
              ${
                `${count(stats.released.contents, 'item')} whose files left the index keep their vectors for ` +
                `${stats.released.graceDays} days (the oldest until ${stats.released.dropsAfter?.slice(0, 10)}), so ` +
                'adding those files back costs nothing.'
              }
              <button
                type="button"
                onClick=${() =>
                  run(
                    () => api.pruneIndex(),
                    (r) => `Deleted the vectors of ${count(r.dropped, 'item')} whose files had left the index.`,
                  )}
              >
                Delete them now
              </button>
            </p>`
          : ''
      }
      <div class="actions">
        <button type="button" onClick=${() => run(() => api.startScan('incremental'), 'A scan has started.')}>
          Rescan now
        </button>
        <button
          type="button"
          onClick=${() => run(() => api.startScan('reindex'), 'A full reindex has started: every file is read and embedded again.')}
        >
          Full reindex
        </button>
        <button type="button" class="danger" onClick=${() => void load().then(() => confirm.current?.showModal())}>
          Delete index…
        </button>
      </div>
    </section>
    <dialog ref=${confirm} class="confirm" aria-labelledby="confirm-title">
      <form method="dialog">
        <h2 id="confirm-title">Delete the index?</h2>
        <p>
          ${
            `This deletes the search index: ${stats ? count(stats.files, 'file record') : 'all file records'} and ` +
            `the vectors of ${stats ? count(stats.indexedContents + stats.released.contents, 'item') : 'every item'}, ` +
            'for every model. Your photos and videos are not touched; a rescan builds the index again.'
          }
        </p>
        <div class="actions">
          <button value="cancel" autofocus>Keep the index</button>
          <button
            value="delete"
            class="danger"
            onClick=${() => void run(() => api.deleteIndex(), 'The index is deleted. Rescan to build it again.')}
          >
            Delete index
          </button>
        </div>
      </form>
    </dialog>
  </section>`;
}
