import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type IndexStats, type Models, type Scope } from '../api.js';
import { count } from '../format.js';
import { html } from '../html.js';
import type { LibraryStatus } from '../library-status.js';
import { FolderPicker } from './folder-picker.js';

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

/**
 * Scope (folders, picked or typed; globs; extensions), the model, and the index's maintenance: rescan, full
 * reindex, delete. The index's figures follow a running scan.
 */
export function Settings({ onScanStarted, status }: { onScanStarted: () => void; status: LibraryStatus }) {
  const [scope, setScope] = useState<Scope | null>(null);
  const [roots, setRoots] = useState<string[]>([]);
  const [stats, setStats] = useState<IndexStats | null>(null);
  const [models, setModels] = useState<Models | null>(null);
  const [picking, setPicking] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; generation: number } | null>(null);
  const confirm = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);

  const load = async () => {
    try {
      const [s, i] = await Promise.all([api.scope(), api.index()]);
      setScope(s);
      setRoots([...s.roots]);
      setStats(i);
    } catch (e) {
      say('error', (e as Error).message);
    }
  };
  const say = (kind: 'ok' | 'error', text: string) => setMessage({ kind, text, generation: status.generation });
  useEffect(() => {
    void load();
    api.models().then(setModels, () => undefined);
  }, []);
  // The figures follow a scan as it runs (at most every 2 s), and a finished scan's.
  const tick = status.active ? Math.floor(Date.now() / 2000) : -1;
  useEffect(() => {
    api.index().then(setStats, () => undefined);
  }, [tick, status.generation]);
  // "A scan has started" holds until that scan has finished; an error stays until the next action.
  useEffect(() => {
    if (message?.kind === 'ok' && status.generation > message.generation && !status.active) setMessage(null);
  }, [status.generation, status.active]);

  const run = async <T>(what: () => Promise<T>, done: string | ((result: T) => string)) => {
    setMessage(null);
    try {
      const result = await what();
      say('ok', typeof done === 'string' ? done : done(result));
      onScanStarted();
      void load();
    } catch (e) {
      say('error', e instanceof ApiError ? e.message : (e as Error).message);
    }
  };

  const saveWith = (nextRoots: readonly string[]) => {
    const f = new FormData(form.current!);
    void run(
      () =>
        api.saveScope({
          roots: [...nextRoots],
          include: lines(String(f.get('include'))),
          exclude: lines(String(f.get('exclude'))),
          extensions: { image: words(String(f.get('image'))), video: words(String(f.get('video'))) },
          includeHidden: f.get('hidden') === 'on',
        }),
      (change) => `${change.message}${change.scan ? ' A scan has started with the new settings.' : ''}`,
    );
  };
  const save = (e: Event) => {
    e.preventDefault();
    saveWith(roots);
  };
  const lineCount = (xs: readonly string[]) => Math.min(12, Math.max(3, xs.length + 1));

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
        <h3 class="field-title" id="roots-title">Folders</h3>
        <ul class="roots" aria-labelledby="roots-title">
          ${roots.map(
            (r) =>
              html`<li>
                <code>${r}</code>
                <button
                  type="button"
                  class="link"
                  aria-label=${`Remove ${r}`}
                  onClick=${() => setRoots(roots.filter((x) => x !== r))}
                >
                  Remove
                </button>
              </li>`,
          )}
          ${roots.length === 0 ? html`<li class="muted">No folders yet.</li>` : ''}
        </ul>
        <div class="actions">
          <button type="button" onClick=${() => setPicking(true)}>Add a folder…</button>
        </div>
        <label for="include">Only files matching (globs, one per line; empty for all)</label>
        <textarea id="include" name="include" rows=${lineCount(scope.include)} spellcheck="false" wrap="off">
${scope.include.join('\n')}</textarea>
        <label for="exclude">Skip files and folders matching (globs, one per line)</label>
        <textarea id="exclude" name="exclude" rows=${lineCount(scope.exclude)} spellcheck="false" wrap="off">
${scope.exclude.join('\n')}</textarea>
        <label for="image-ext">Picture extensions</label>
        <textarea id="image-ext" name="image" rows="2" spellcheck="false" class="words">
${scope.extensions.image.join(' ')}</textarea>
        <label for="video-ext">Video extensions</label>
        <input id="video-ext" name="video" value=${scope.extensions.video.join(' ')} spellcheck="false" />
        <label class="check"
          ><input type="checkbox" name="hidden" checked=${scope.includeHidden} /> Include hidden files and
          folders</label
        >
      </fieldset>
      <button type="submit" class="primary">Save and scan</button>
    </form>
    ${
      picking
        ? html`<${FolderPicker}
            onClose=${() => setPicking(false)}
            onPick=${(path: string) => {
              setPicking(false);
              if (roots.includes(path)) say('error', `${path} is already indexed.`);
              else saveWith([...roots, path]);
            }}
          />`
        : ''
    }
    <section aria-labelledby="model-title">
      <h2 id="model-title">The model</h2>
      ${
        models
          ? html`<p>
                In use: <strong>${models.inUse.id}</strong>${
                  models.inUse.model !== models.inUse.id ? html`, from <code>${models.inUse.model}</code>` : ''
                }
                (${
                  models.inUse.state === 'ready'
                    ? 'loaded'
                    : models.inUse.state === 'loading'
                      ? 'loading'
                      : 'not loaded'
                })
              </p>
              <p class="muted">
                Models on this computer, in <code>${models.modelDir}</code>:
                ${
                  models.onDisk.length
                    ? html`<ul class="models">
                        ${models.onDisk.map(
                          (m) =>
                            html`<li>
                              <code>${m.id}</code
                              >${m.id === models.inUse.id ? ' (in use)' : ''}${m.complete ? '' : ' — incomplete'}
                            </li>`,
                        )}
                      </ul>`
                    : ' none.'
                }
              </p>
              <p class="muted">To use another, start Glimpse with <code>--model NAME</code> (or GLIMPSE_MODEL).</p>`
          : html`<p class="muted">Loading…</p>`
      }
    </section>
    <section aria-labelledby="index-title">
      <h2 id="index-title">The index</h2>
      <p data-testid="index-figures">
        ${
          stats
            ? `${count(stats.files, 'file')} (${stats.failedFiles} failed), ${count(stats.indexedContents, 'indexed item')}${stats.modelId ? `, model ${stats.modelId}` : ''}.`
            : ''
        }
      </p>
      ${
        stats
          ? html`<p class="muted">
              ${
                stats.released.graceDays > 0
                  ? `Vectors of files that leave the index are kept for ${count(stats.released.graceDays, 'day')} ` +
                    '(GLIMPSE_VECTOR_GRACE_DAYS), so a folder that comes back costs nothing.'
                  : 'Vectors of files that leave the index are deleted with them (GLIMPSE_VECTOR_GRACE_DAYS is 0).'
              }
            </p>`
          : ''
      }
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
