import { useEffect, useRef } from 'preact/hooks';
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

/** Thumbnails in a responsive grid, loaded lazily; the sentinel at the end asks for the next page. */
export function ResultsGrid(props: {
  results: readonly Result[];
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  onOpen: (index: number) => void;
  onSimilar: (id: string) => void;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
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

  return html`<ul class="grid" aria-label="Results">
      ${props.results.map(
        (r, i) =>
          html`<li class="tile" key=${r.id}>
            <button
              type="button"
              class="tile-open"
              onClick=${() => props.onOpen(i)}
              title=${`${r.path}\nscore ${r.score.toFixed(3)}`}
            >
              <img
                src=${r.thumbnailUrl}
                alt=${fileName(r.path)}
                loading="lazy"
                decoding="async"
                width="320"
                height="240"
              />
              ${r.kind === 'video' ? html`<span class="badge">▶ ${clock(r.durationSec)}</span>` : ''}
              ${r.pairedWith.length ? html`<span class="badge" title=${r.pairedWith.join('\n')}>RAW+JPEG</span>` : ''}
              ${r.why.keyword ? html`<span class="why" data-testid="why">${whyText(r.why.keyword)}</span>` : ''}
              <span class="score">${r.score.toFixed(3)}</span>
            </button>
            <button
              type="button"
              class="tile-similar"
              onClick=${() => props.onSimilar(r.id)}
              aria-label=${`More like ${fileName(r.path)}`}
            >
              More like this
            </button>
          </li>`,
      )}
    </ul>
    <div ref=${sentinel} class="sentinel" aria-hidden="true"></div>
    ${props.loading ? html`<p class="muted" role="status">Searching…</p>` : ''}`;
}
