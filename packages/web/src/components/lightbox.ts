import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type MediaItem, type Result } from '../api.js';
import { browserShows, bytes, clock, date, fileName, folderOf } from '../format.js';
import { html } from '../html.js';
import { bestMoment } from './results-grid.js';

const SWIPE_PX = 50;

/**
 * The viewer, full screen: the picture fitted to the window (zoom with a click, the wheel or + and -; drag to look
 * around), or the video playing from its best moment with the matching moments under it; left and right (arrows,
 * buttons, a swipe) through the results; the details in a side panel that can be hidden (i).
 */
export function Lightbox(props: {
  result: Result;
  onClose: () => void;
  onPrev: (() => void) | null;
  onNext: (() => void) | null;
  onSimilar: (id: string) => void;
  /** Whether the result was ranked (a search), not listed (browsing): the score means something. */
  ranked: boolean;
}) {
  const { result: r, onClose, onPrev, onNext } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [item, setItem] = useState<MediaItem | null>(null);
  const [copied, setCopied] = useState(false);
  const [details, setDetails] = useState(() => matchMedia('(min-width: 900px)').matches);
  const [zoom, setZoom] = useState<{ scale: number; x: number; y: number }>({ scale: 1, x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; moved: boolean; zx: number; zy: number } | null>(null);
  const dragged = useRef(false);

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
    setZoom({ scale: 1, x: 0, y: 0 });
    let live = true;
    api.media(r.id).then(
      (m) => live && setItem(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [r.id]);

  const moment = bestMoment(r);
  // A video opens at its best moment and plays from there.
  useEffect(() => {
    const v = video.current;
    if (!v || !moment) return;
    const start = () => {
      v.currentTime = moment.startSec ?? 0;
      void v.play().catch(() => undefined);
    };
    if (v.readyState >= 1) start();
    else v.addEventListener('loadedmetadata', start, { once: true });
    return () => v.removeEventListener('loadedmetadata', start);
  }, [r.id]);

  // The newest callbacks, read when a key is pressed: effects re-subscribe only after paint, and a key pressed
  // right after moving must already see the new neighbours.
  const nav = useRef({ onPrev, onNext });
  nav.current = { onPrev, onNext };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (tag === 'VIDEO' || tag === 'INPUT') return;
      const { onPrev: prev, onNext: next } = nav.current;
      if (e.key === 'ArrowLeft' && prev) prev();
      else if (e.key === 'ArrowRight' && next) next();
      else if (e.key === 'i') setDetails((d) => !d);
      else if (e.key === '+' || e.key === '=') setZoom((z) => ({ ...z, scale: Math.min(8, z.scale * 1.5) }));
      else if (e.key === '-')
        setZoom((z) => (z.scale / 1.5 <= 1 ? { scale: 1, x: 0, y: 0 } : { ...z, scale: z.scale / 1.5 }));
      else if (e.key === '0') setZoom({ scale: 1, x: 0, y: 0 });
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

  // Swipe (touch or mouse) to the next or previous result; when zoomed in, drag to look around.
  const onPointerDown = (e: PointerEvent) => {
    // The video's own controls (seeking, volume) are not a swipe.
    if (e.button !== 0 || (e.target as HTMLElement).tagName === 'VIDEO') return;
    dragged.current = false;
    drag.current = { x: e.clientX, y: e.clientY, moved: false, zx: zoom.x, zy: zoom.y };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    if (e.buttons === 0) {
      drag.current = null; // released where we did not see it
      return;
    }
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (Math.abs(dx) + Math.abs(dy) > 6) d.moved = true;
    if (zoom.scale > 1 && d.moved) setZoom((z) => ({ ...z, x: d.zx + dx, y: d.zy + dy }));
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    dragged.current = d.moved; // the click that follows a drag is not a click
    const dx = e.clientX - d.x;
    if (zoom.scale === 1 && d.moved && Math.abs(dx) > SWIPE_PX && Math.abs(dx) > Math.abs(e.clientY - d.y)) {
      if (dx < 0) onNext?.();
      else onPrev?.();
    }
  };
  const toggleZoom = (e: MouseEvent) => {
    if (dragged.current) {
      dragged.current = false;
      return;
    }
    const img = e.currentTarget as HTMLElement;
    if (zoom.scale > 1) setZoom({ scale: 1, x: 0, y: 0 });
    else {
      const box = img.getBoundingClientRect();
      // Zoom towards the point clicked.
      const x = (box.left + box.width / 2 - e.clientX) * 1.5;
      const y = (box.top + box.height / 2 - e.clientY) * 1.5;
      setZoom({ scale: 2.5, x, y });
    }
  };
  const onWheel = (e: WheelEvent) => {
    if (r.kind !== 'image') return;
    e.preventDefault();
    setZoom((z) => {
      const scale = Math.min(8, Math.max(1, z.scale * (e.deltaY < 0 ? 1.2 : 1 / 1.2)));
      return scale === 1 ? { scale, x: 0, y: 0 } : { ...z, scale };
    });
  };

  const modified = r.takenAtSource === 'file-modified';
  const place = item?.place
    ? [item.place.city, item.place.region, item.place.country]
        .filter((x, k, all) => x && all.indexOf(x) === k)
        .join(', ')
    : null;
  return html`<dialog ref=${dialog} class=${details ? 'viewer with-details' : 'viewer'} aria-label=${fileName(r.path)}>
    <div class="viewer-stage">
      <div class="viewer-bar">
        <button type="button" class="icon" onClick=${() => dialog.current?.close()} aria-label="Close">✕</button>
        <span class="viewer-title">${fileName(r.path)}</span>
        ${
          r.kind === 'image'
            ? html`<button
                type="button"
                class="icon"
                aria-label=${zoom.scale > 1 ? 'Zoom out' : 'Zoom in'}
                onClick=${() => setZoom((z) => (z.scale > 1 ? { scale: 1, x: 0, y: 0 } : { scale: 2.5, x: 0, y: 0 }))}
              >
                ${zoom.scale > 1 ? '−' : '+'}
              </button>`
            : ''
        }
        <button
          type="button"
          class="icon"
          aria-pressed=${details}
          aria-label=${details ? 'Hide details' : 'Show details'}
          onClick=${() => setDetails((d) => !d)}
        >
          Details
        </button>
      </div>
      <div
        class="viewer-media"
        onPointerDown=${onPointerDown}
        onPointerMove=${onPointerMove}
        onPointerUp=${onPointerUp}
        onPointerCancel=${() => (drag.current = null)}
        onWheel=${onWheel}
      >
        ${
          r.kind === 'image'
            ? html`<img
                key=${r.id}
                class=${zoom.scale > 1 ? 'zoomed' : undefined}
                src=${browserShows(r.path) ? r.mediaUrl : `${r.thumbnailUrl}${r.thumbnailUrl.includes('?') ? '&' : '?'}size=1600`}
                alt=${fileName(r.path)}
                draggable=${false}
                style=${{ transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})` }}
                onClick=${toggleZoom}
              />`
            : html`<video
                key=${r.id}
                ref=${video}
                src=${r.mediaUrl}
                controls
                preload="metadata"
                aria-label=${fileName(r.path)}
              ></video>`
        }
        <button type="button" class="nav prev" disabled=${!onPrev} onClick=${() => onPrev?.()} aria-label="Previous">
          ‹
        </button>
        <button type="button" class="nav next" disabled=${!onNext} onClick=${() => onNext?.()} aria-label="Next">
          ›
        </button>
      </div>
      ${
        r.kind === 'video' && r.segments.length
          ? html`<ol class="moments" aria-label="Matching moments">
              ${r.segments.map(
                (s) =>
                  html`<li>
                    <button type="button" class="moment" onClick=${() => playFrom(s.startSec)}>
                      ${s.frameUrl ? html`<img src=${`${s.frameUrl}&size=160`} alt="" loading="lazy" />` : ''}
                      <span
                        ><span class="visually-hidden">Play </span>${`${clock(s.startSec)}–${clock(s.endSec)}`}</span
                      >
                    </button>
                  </li>`,
              )}
            </ol>`
          : ''
      }
    </div>
    <aside class="facts" hidden=${!details} aria-label="Details">
      <h2>${fileName(r.path)}</h2>
      <dl>
        <dt>${modified ? 'Modified' : 'Taken'}</dt>
        <dd>
          ${date(r.takenAt)}${
            modified
              ? html`<small class="muted note">The file records no date taken; this is when it last changed.</small>`
              : ''
          }
        </dd>
        ${
          place
            ? html`<dt>Place</dt>
                <dd>${place}</dd>`
            : ''
        }
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
        <dt>Dimensions</dt>
        <dd>${r.width && r.height ? `${r.width} × ${r.height} pixels` : 'unknown'}</dd>
        <dt>File size</dt>
        <dd>${item ? bytes(item.size) : '…'}</dd>
        ${
          r.kind === 'video'
            ? html`<dt>Length</dt>
                <dd>${clock(r.durationSec)}</dd>`
            : ''
        }
        <dt>Folder</dt>
        <dd class="path">${folderOf(r.path)}</dd>
        ${
          r.paths.length > 1
            ? html`<dt>Copies</dt>
                <dd class="path">${r.paths.slice(1).map((p) => html`<code>${p}</code> `)}</dd>`
            : ''
        }
        ${
          r.pairedWith.length
            ? html`<dt>RAW</dt>
                <dd class="path">${r.pairedWith.map((p) => html`<code>${p}</code> `)}</dd>`
            : ''
        }
        ${
          item?.text
            ? html`<dt>Text in it</dt>
                <dd><blockquote class="ocr-text" data-testid="ocr-text">${item.text}</blockquote></dd>`
            : ''
        }
        ${
          props.ranked
            ? html`<dt>Score</dt>
                <dd>${r.score.toFixed(3)}</dd>`
            : ''
        }
      </dl>
      <p class="path-line"><code>${r.path}</code></p>
      <div class="actions">
        <button type="button" onClick=${copy}>${copied ? 'Copied' : 'Copy path'}</button>
        <button type="button" onClick=${() => props.onSimilar(r.id)}>More like this</button>
      </div>
    </aside>
  </dialog>`;
}
