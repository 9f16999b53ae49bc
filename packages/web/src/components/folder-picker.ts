import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Folders } from '../api.js';
import { html } from '../html.js';

/**
 * A dialog that lists the folders of this computer (GET /folders, which the server answers only to this computer),
 * starting at the home folder: open one to go in, "Up" to go out, or type a path; "Add this folder" picks it.
 */
export function FolderPicker({ onPick, onClose }: { onPick: (path: string) => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [at, setAt] = useState<Folders | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);

  const go = (path?: string) => {
    setError(null);
    api.folders(path).then(
      (f) => {
        setAt(f);
        setTyped(f.path);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  };
  useEffect(() => {
    dialog.current!.showModal();
    const close = () => onClose();
    const d = dialog.current!;
    d.addEventListener('close', close);
    go();
    return () => d.removeEventListener('close', close);
  }, []);

  return html`<dialog ref=${dialog} class="picker" aria-labelledby="picker-title">
    <h2 id="picker-title">Add a folder</h2>
    <form
      class="picker-path"
      onSubmit=${(e: Event) => {
        e.preventDefault();
        go(typed.trim());
      }}
    >
      <label class="visually-hidden" for="picker-path">Folder path</label>
      <input
        id="picker-path"
        value=${typed}
        spellcheck="false"
        onInput=${(e: Event) => setTyped((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Go</button>
    </form>
    ${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
    <ul class="picker-list" aria-label="Folders">
      ${
        at?.parent
          ? html`<li><button type="button" class="picker-item up" onClick=${() => go(at.parent!)}>↑ Up</button></li>`
          : ''
      }
      ${at?.folders.map(
        (f) =>
          html`<li>
            <button type="button" class="picker-item" onClick=${() => go(f.path)}>📁 ${f.name}</button>
          </li>`,
      )}
      ${at && at.folders.length === 0 ? html`<li class="muted">No folders in here.</li>` : ''}
      ${at && at.more > 0 ? html`<li class="muted">… and ${at.more} more (type a path to go there).</li>` : ''}
    </ul>
    <div class="actions">
      <button
        type="button"
        class="primary"
        disabled=${!at && !typed.trim()}
        onClick=${() => onPick(at && error === null ? at.path : typed.trim())}
      >
        Add this folder${at && error === null ? `: ${at.path}` : typed.trim() ? `: ${typed.trim()}` : ''}
      </button>
      <button type="button" onClick=${() => dialog.current?.close()}>Cancel</button>
    </div>
  </dialog>`;
}
