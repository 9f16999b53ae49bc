import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type MediaItem, type Result } from '../api.js';
import { browserShows, bytes, clock, date, fileName } from '../format.js';
import { html } from '../html.js';

/** The viewer: the picture (or the video with its matched moments), its facts, and keyboard navigation. */
export function Lightbox(props: {
  result: Result;
  onClose: () => void;
  onPrev: (() => void) | null;
  onNext: (() => void) | null;
  onSimilar: (id: string) => void;
}) {
  const { result: r, onClose, onPrev, onNext } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [item, setItem] = useState<MediaItem | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    const d = dialog.current!;
    if (!d.open) d.showModal();
    const close = () => onClose();
    d.addEventListener('close', close);
    return () => d.removeEventListener('close', close);
  }, [onClose]);

  useEffect(() => {
    setItem(null);
    setCopied(false);
    let live = true;
    api.media(r.id).then(
      (m) => live && setItem(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [r.id]);

  // The newest callbacks, read when a key is pressed: effects re-subscribe only after paint, and a key pressed
  // right after moving must already see the new neighbours.
  const nav = useRef({ onPrev, onNext });
  nav.current = { onPrev, onNext };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement | null)?.tagName === 'VIDEO') return;
      const { onPrev: prev, onNext: next } = nav.current;
      if (e.key === 'ArrowLeft' && prev) prev();
      else if (e.key === 'ArrowRight' && next) next();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const playFrom = (sec: number | null) => {
    const v = video.current;
    if (!v || sec === null) return;
    v.currentTime = sec;
    void v.play().catch(() => undefined);
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(r.path);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return html`<dialog ref=${dialog} class="lightbox" aria-label=${fileName(r.path)}>
    <div class="lightbox-media">
      ${
        r.kind === 'image'
          ? html`<img
              src=${browserShows(r.path) ? r.mediaUrl : `${r.thumbnailUrl}${r.thumbnailUrl.includes('?') ? '&' : '?'}size=640`}
              alt=${fileName(r.path)}
            />`
          : html`<video
              ref=${video}
              src=${r.mediaUrl}
              controls
              preload="metadata"
              aria-label=${fileName(r.path)}
            ></video>`
      }
    </div>
    ${
      r.kind === 'video' && r.segments.length
        ? html`<ol class="moments" aria-label="Matching moments">
            ${r.segments.map(
              (s) =>
                html`<li>
                  <button type="button" class="moment" onClick=${() => playFrom(s.startSec)}>
                    ${s.frameUrl ? html`<img src=${s.frameUrl.replace('frame?', 'frame?size=160&')} alt="" loading="lazy" />` : ''}
                    <span><span class="visually-hidden">Play </span>${`${clock(s.startSec)}–${clock(s.endSec)}`}</span>
                  </button>
                </li>`,
            )}
          </ol>`
        : ''
    }
    <div class="facts">
      <h2>${fileName(r.path)}</h2>
      <dl>
        <dt>Path</dt>
        <dd>
          <code>${r.path}</code>
          <button type="button" class="link" onClick=${copy}>${copied ? 'Copied' : 'Copy path'}</button>
        </dd>
        ${
          r.paths.length > 1
            ? html`<dt>Copies</dt>
                <dd>${r.paths.slice(1).map((p) => html`<code>${p}</code> `)}</dd>`
            : ''
        }
        ${
          r.pairedWith.length
            ? html`<dt>RAW</dt>
                <dd>${r.pairedWith.map((p) => html`<code>${p}</code> `)}</dd>`
            : ''
        }
        ${
          item?.text
            ? html`<dt>Text in it</dt>
                <dd><blockquote class="ocr-text" data-testid="ocr-text">${item.text}</blockquote></dd>`
            : ''
        }
        <dt>Size</dt>
        <dd>${r.width && r.height ? `${r.width} × ${r.height}` : 'unknown'}${item ? `, ${bytes(item.size)}` : ''}</dd>
        <dt>${r.takenAtSource === 'file-modified' ? 'Modified' : 'Taken'}</dt>
        <dd>
          ${date(r.takenAt)}${
            r.takenAtSource === 'file-modified'
              ? html`<small class="muted note">The file records no date taken; this is when it last changed.</small>`
              : ''
          }
        </dd>
        ${
          item?.camera
            ? html`<dt>Camera</dt>
                <dd>${item.camera}</dd>`
            : ''
        }
        ${
          item?.lens
            ? html`<dt>Lens</dt>
                <dd>${item.lens}</dd>`
            : ''
        }
        ${
          item?.place
            ? html`<dt>Place</dt>
                <dd>
                  ${[item.place.city, item.place.region, item.place.country]
                    .filter((x, k, all) => x && all.indexOf(x) === k)
                    .join(', ')}
                </dd>`
            : ''
        }
        ${
          r.kind === 'video'
            ? html`<dt>Length</dt>
                <dd>${clock(r.durationSec)}</dd>`
            : ''
        }
        <dt>Score</dt>
        <dd>${r.score.toFixed(3)}</dd>
      </dl>
      <div class="actions">
        <button type="button" onClick=${() => props.onSimilar(r.id)}>More like this</button>
        <button type="button" disabled=${!onPrev} onClick=${() => onPrev?.()} aria-label="Previous">←</button>
        <button type="button" disabled=${!onNext} onClick=${() => onNext?.()} aria-label="Next">→</button>
        <button type="button" onClick=${() => dialog.current?.close()}>Close</button>
      </div>
    </div>
  </dialog>`;
}
