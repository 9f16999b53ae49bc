import { useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../api.js';
import { clock, fileName } from '../format.js';
import { html } from '../html.js';

type KeywordMatch = NonNullable<Result['why']['keyword']>;

const FIELD: Record<KeywordMatch['field'], string> = {
  name: 'Name',
  text: 'Text',
  folder: 'Folder',
  camera: 'Camera',
  lens: 'Lens',
  place: 'Place',
};

/** Why a result matched by keyword: the field, and its text with the words found marked. */
export function whyText(k: KeywordMatch) {
  const parts: unknown[] = [];
  let at = 0;
  for (const [a = 0, b = 0] of k.marks) {
    parts.push(k.text.slice(at, a), html`<mark>${k.text.slice(a, b)}</mark>`);
    at = b;
  }
  parts.push(k.text.slice(at));
  return html`<span class="why-field">${FIELD[k.field]}</span> ${parts}`;
}

/** A video result's best moment (the first: moments come best first), or null (a picture, or browsing). */
export function bestMoment(r: Result): Result['segments'][number] | null {
  return r.kind === 'video' && r.segments[0]?.frameUrl ? r.segments[0] : null;
}

const GAP = 6;

/** Where each tile goes: rows of tiles that keep their pictures' aspect ratios and fill the width. */
export interface Placed {
  readonly index: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The justified layout (as Google Photos and Immich do it): tiles are added to a row at the target height until the
 * row is wider than the container, then the row is scaled down to fit exactly. The last row keeps the target height.
 * Aspect ratios are clamped to 1:3..3:1, so a panorama or a strip does not take a row alone.
 */
export function justify(
  aspects: readonly number[],
  width: number,
  target: number,
  start = 0,
): { rows: Placed[][]; height: number } {
  const rows: Placed[][] = [];
  let row: { index: number; aspect: number }[] = [];
  let sum = 0;
  let height = 0;
  const close = (h: number) => {
    rows.push(
      row.map((t) => ({ index: t.index, width: Math.max(1, Math.floor(t.aspect * h)), height: Math.round(h) })),
    );
    height += Math.round(h) + GAP;
    row = [];
    sum = 0;
  };
  aspects.forEach((a, k) => {
    const aspect = Math.min(3, Math.max(1 / 3, Number.isFinite(a) && a > 0 ? a : 4 / 3));
    row.push({ index: start + k, aspect });
    sum += aspect;
    const gaps = GAP * (row.length - 1);
    if (sum * target + gaps >= width) close((width - gaps) / sum);
  });
  if (row.length) close(target);
  return { rows, height };
}

function aspectOf(r: Result): number {
  return r.width && r.height ? r.width / r.height : 4 / 3;
}

/** The container's width, followed as the window changes. */
function useWidth(ref: { current: HTMLElement | null }): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return width;
}

/**
 * Results (or the library) in justified rows, loaded lazily; with `groupOf`, a heading before each group (months
 * when browsing). The sentinel at the end asks for the next page.
 */
export function ResultsGrid(props: {
  results: readonly Result[];
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  onOpen: (index: number) => void;
  onSimilar: (id: string) => void;
  groupOf?: (r: Result) => string;
  label?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const { hasMore, loading, onMore } = props;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !loading) onMore();
      },
      { rootMargin: '600px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore, loading, onMore]);

  const target = width < 600 ? 120 : 200;
  // Consecutive results of one group are laid out together.
  const groups: { label: string | null; start: number; items: readonly Result[] }[] = [];
  props.results.forEach((r, k) => {
    const label = props.groupOf ? props.groupOf(r) : null;
    const last = groups[groups.length - 1];
    if (last && last.label === label) (last.items as Result[]).push(r);
    else groups.push({ label, start: k, items: [r] });
  });

  return html`<div ref=${box} class="grid-box">
    ${
      width > 0
        ? groups.map((g) => {
            const { rows } = justify(g.items.map(aspectOf), width, target, g.start);
            return html`<section class="grid-group" key=${`${g.label}-${g.start}`} aria-label=${g.label ?? undefined}>
              ${g.label !== null ? html`<h2 class="group-title">${g.label}</h2>` : ''}
              <ul class="grid" aria-label=${props.label ?? 'Results'}>
                ${rows.flat().map((p) => {
                  const r = props.results[p.index]!;
                  return html`<${Tile}
                    key=${r.id}
                    r=${r}
                    width=${p.width}
                    height=${p.height}
                    onOpen=${() => props.onOpen(p.index)}
                    onSimilar=${props.onSimilar}
                  />`;
                })}
              </ul>
            </section>`;
          })
        : ''
    }
    <div ref=${sentinel} class="sentinel" aria-hidden="true"></div>
    ${props.loading ? html`<p class="muted" role="status">Loading…</p>` : ''}
  </div>`;
}

function Tile({
  r,
  width,
  height,
  onOpen,
  onSimilar,
}: {
  r: Result;
  width: number;
  height: number;
  onOpen: () => void;
  onSimilar: (id: string) => void;
}) {
  const moment = bestMoment(r);
  const [preview, setPreview] = useState(false);
  // A video tile shows its best moment's frame; hovering plays a few muted seconds from there.
  const src = moment ? `${moment.frameUrl}&size=320` : r.thumbnailUrl;
  return html`<li
    class="tile"
    style=${{ width: `${width}px`, height: `${height}px` }}
    onMouseEnter=${moment ? () => setPreview(true) : undefined}
    onMouseLeave=${moment ? () => setPreview(false) : undefined}
  >
    <button
      type="button"
      class="tile-open"
      onClick=${onOpen}
      title=${`${r.path}${r.why.vectorRank !== null || r.why.keyword ? `\nscore ${r.score.toFixed(3)}` : ''}`}
    >
      <img src=${src} alt=${fileName(r.path)} loading="lazy" decoding="async" width=${width} height=${height} />
      ${
        preview && moment
          ? html`<video
              class="tile-preview"
              src=${`${r.mediaUrl}#t=${moment.startSec ?? 0}`}
              muted
              autoplay
              loop
              playsinline
              aria-hidden="true"
            ></video>`
          : ''
      }
      ${
        r.kind === 'video'
          ? html`<span class="badge" data-testid="video-badge"
              >▶
              ${moment ? html`<span class="moment-at">${clock(moment.startSec)}</span> / ` : ''}${clock(r.durationSec)}</span
            >`
          : ''
      }
      ${r.pairedWith.length ? html`<span class="badge badge-right" title=${r.pairedWith.join('\n')}>RAW+JPEG</span>` : ''}
      ${r.why.keyword ? html`<span class="why" data-testid="why">${whyText(r.why.keyword)}</span>` : ''}
    </button>
    <button
      type="button"
      class="tile-similar"
      onClick=${() => onSimilar(r.id)}
      aria-label=${`More like ${fileName(r.path)}`}
    >
      More like this
    </button>
  </li>`;
}
