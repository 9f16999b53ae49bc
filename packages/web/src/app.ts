import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, Unreachable, type Result, type Understood } from './api.js';
import { Lightbox } from './components/lightbox.js';
import { ResultsGrid } from './components/results-grid.js';
import { Settings } from './components/settings.js';
import { StatusBar } from './components/status-bar.js';
import { fileName } from './format.js';
import { html } from './html.js';
import { useLibraryStatus } from './library-status.js';
import { readUrl, writeUrl, type UrlState } from './url-state.js';

const PAGE = 40;
const DEBOUNCE_MS = 250;

/** What is being searched: words (from the URL), a dropped picture, or items like one result (in the URL). */
type Query =
  { type: 'text'; q: string } | { type: 'image'; file: File; preview: string } | { type: 'similar'; id: string };

export function App() {
  const [url, setUrl] = useState<UrlState>(readUrl);
  const [typed, setTyped] = useState(url.q);
  const [image, setImage] = useState<{ file: File; preview: string } | null>(null);
  const [results, setResults] = useState<readonly Result[]>([]);
  const [understood, setUnderstood] = useState<readonly Understood[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [scopeEmpty, setScopeEmpty] = useState(false);
  const [dragging, setDragging] = useState(false);
  const status = useLibraryStatus();
  const request = useRef(0);

  const navigate = useCallback((next: UrlState, mode: 'push' | 'replace') => {
    writeUrl(next, mode);
    setUrl(next);
  }, []);

  useEffect(() => {
    const onPop = () => {
      const s = readUrl();
      setUrl(s);
      setTyped(s.q);
      setImage(null);
      setOpen(null);
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  // Results as you type: the URL follows the box after a short pause.
  useEffect(() => {
    if (typed === url.q || url.view !== 'search') return;
    const t = setTimeout(() => {
      setImage(null);
      // Refining the words in place (adding or removing letters) replaces the entry; a different search adds one.
      const refining = url.q !== '' && typed !== '' && (typed.startsWith(url.q) || url.q.startsWith(typed));
      navigate({ ...url, q: typed, similar: undefined, skip: undefined }, refining ? 'replace' : 'push');
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [typed]);

  const query: Query | null = image
    ? { type: 'image', ...image }
    : url.similar
      ? { type: 'similar', id: url.similar }
      : url.q.trim()
        ? { type: 'text', q: url.q.trim() }
        : null;
  const filters = {
    kind: url.kind,
    from: url.from,
    to: url.to,
    folder: url.folder,
    camera: url.camera,
    place: url.place,
    skip: url.skip,
  };
  const key = JSON.stringify([
    query?.type,
    query?.type === 'text' ? query.q : query?.type === 'similar' ? query.id : image?.preview,
    filters,
  ]);

  const fetchPage = useCallback(
    async (offset: number): Promise<readonly Result[]> => {
      if (!query) return [];
      if (query.type === 'text') {
        const answer = await api.searchText(query.q, filters, offset, PAGE);
        if (offset === 0) setUnderstood(answer.understood ?? []);
        return answer.results;
      }
      if (offset === 0) setUnderstood([]);
      if (query.type === 'similar') return (await api.similar(query.id, filters, offset, PAGE)).results;
      return offset === 0 ? (await api.searchImage(query.file, filters, 200)).results : [];
    },
    [key],
  );

  useEffect(() => {
    if (url.view !== 'search') return;
    const id = ++request.current;
    setError(null);
    setOpen(null);
    if (!query) {
      setResults([]);
      setHasMore(false);
      api.scope().then(
        (s) => setScopeEmpty(s.roots.length === 0),
        () => undefined,
      );
      return;
    }
    setLoading(true);
    fetchPage(0).then(
      (page) => {
        if (id !== request.current) return;
        setResults(page);
        setHasMore(query.type !== 'image' && page.length === PAGE);
        setLoading(false);
      },
      (e: unknown) => {
        if (id !== request.current) return;
        setResults([]);
        setHasMore(false);
        setLoading(false);
        setError(e instanceof ApiError || e instanceof Unreachable ? e.message : String(e));
      },
    );
  }, [key, url.view, status.generation]);

  const more = useCallback(() => {
    if (loading || !hasMore) return;
    const id = request.current;
    setLoading(true);
    fetchPage(results.length).then(
      (page) => {
        if (id !== request.current) return;
        setResults((r) => [...r, ...page.filter((p) => !r.some((x) => x.id === p.id))]);
        setHasMore(page.length === PAGE);
        setLoading(false);
      },
      () => {
        setLoading(false);
        setHasMore(false);
      },
    );
  }, [loading, hasMore, results.length, fetchPage]);

  const searchImage = useCallback(
    (file: File) => {
      if (!file.type.startsWith('image/')) {
        setError(`"${file.name}" is not a picture; drop a JPEG, PNG or WebP to search with it.`);
        return;
      }
      setImage((old) => {
        if (old) URL.revokeObjectURL(old.preview);
        return { file, preview: URL.createObjectURL(file) };
      });
      setTyped('');
      navigate({ ...url, view: 'search', q: '', similar: undefined }, 'push');
    },
    [url, navigate],
  );

  // Drop or paste a picture anywhere to search with it.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if ([...(e.dataTransfer?.types ?? [])].includes('Files')) {
        e.preventDefault();
        setDragging(true);
      }
    };
    const leave = (e: DragEvent) => {
      if (!e.relatedTarget) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      setDragging(false);
      if (!file) return;
      e.preventDefault();
      searchImage(file);
    };
    const paste = (e: ClipboardEvent) => {
      const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
      if (file) {
        e.preventDefault();
        searchImage(file);
      }
    };
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    document.addEventListener('paste', paste);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
      document.removeEventListener('paste', paste);
    };
  }, [searchImage]);

  const similar = (id: string) => {
    setImage(null);
    setTyped('');
    setOpen(null);
    navigate({ ...url, view: 'search', q: '', similar: id }, 'push');
  };
  const setFilter = (patch: Partial<UrlState>) => navigate({ ...url, ...patch }, 'push');
  const closeLightbox = useCallback(() => setOpen(null), []);

  const similarTo = url.similar ? results.find((r) => r.id === url.similar) : null;
  return html`<div class=${dragging ? 'app dragging' : 'app'}>
    <a class="skip" href="#main">Skip to results</a>
    <header class="top">
      <a
        class="brand"
        href="/"
        onClick=${(e: Event) => {
          e.preventDefault();
          setTyped('');
          setImage(null);
          navigate({ view: 'search', q: '' }, 'push');
        }}
        >Glimpse</a
      >
      <form
        class="search"
        role="search"
        onSubmit=${(e: Event) => {
          e.preventDefault();
          navigate({ ...url, view: 'search', q: typed, similar: undefined }, 'push');
        }}
      >
        <label class="visually-hidden" for="q">Search your photos and videos</label>
        <input
          id="q"
          type="search"
          placeholder="dog on a beach at sunset"
          autocomplete="off"
          value=${typed}
          onInput=${(e: Event) => setTyped((e.target as HTMLInputElement).value)}
        />
        <label class="file-button">
          <input
            type="file"
            accept="image/*"
            class="visually-hidden"
            onChange=${(e: Event) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              if (f) searchImage(f);
            }}
          />
          <span>Search with a picture</span>
        </label>
      </form>
      <nav aria-label="Views">
        <a
          href="/"
          aria-current=${url.view === 'search' ? 'page' : undefined}
          onClick=${(e: Event) => {
            e.preventDefault();
            navigate({ ...url, view: 'search' }, 'push');
          }}
          >Search</a
        >
        <a
          href="/settings"
          aria-current=${url.view === 'settings' ? 'page' : undefined}
          onClick=${(e: Event) => {
            e.preventDefault();
            navigate({ ...url, view: 'settings' }, 'push');
          }}
          >Settings</a
        >
      </nav>
    </header>
    <${StatusBar} status=${status} onCancel=${(id: string) => void api.cancelScan(id).then(status.refresh)} />
    <main id="main">
      ${
        url.view === 'settings'
          ? html`<${Settings} onScanStarted=${() => void status.refresh()} />`
          : html`
              <div class="filters" role="group" aria-label="Filters">
                <label
                  >Show
                  <select
                    value=${url.kind ?? ''}
                    onChange=${(e: Event) => setFilter({ kind: ((e.target as HTMLSelectElement).value || undefined) as UrlState['kind'] })}
                  >
                    <option value="">Photos and videos</option>
                    <option value="image">Photos</option>
                    <option value="video">Videos</option>
                  </select>
                </label>
                <label
                  >Taken from
                  <input
                    type="date"
                    value=${url.from ?? ''}
                    onChange=${(e: Event) => setFilter({ from: (e.target as HTMLInputElement).value || undefined })}
                /></label>
                <label
                  >to
                  <input
                    type="date"
                    value=${url.to ?? ''}
                    onChange=${(e: Event) => setFilter({ to: (e.target as HTMLInputElement).value || undefined })}
                /></label>
                <${TextFilter}
                  label="In folder"
                  placeholder="/home/me/Pictures/2024"
                  value=${url.folder}
                  onApply=${(folder: string | undefined) => setFilter({ folder })}
                />
                <${TextFilter}
                  label="Camera"
                  short=${true}
                  placeholder="canon, iphone"
                  value=${url.camera}
                  onApply=${(camera: string | undefined) => setFilter({ camera })}
                />
                <${TextFilter}
                  label="Place"
                  short=${true}
                  placeholder="Lisbon, France"
                  value=${url.place}
                  onApply=${(place: string | undefined) => setFilter({ place })}
                />
              </div>
              ${
                image
                  ? html`<p class="query-chip">
                      <img src=${image.preview} alt="" /> Searching with <strong>${image.file.name}</strong>
                      <button type="button" class="link" onClick=${() => setImage(null)}>Clear</button>
                    </p>`
                  : ''
              }
              ${
                url.similar
                  ? html`<p class="query-chip">
                      Items like <strong>${similarTo ? fileName(similarTo.path) : 'the chosen one'}</strong>
                      <button
                        type="button"
                        class="link"
                        onClick=${() => navigate({ ...url, similar: undefined }, 'push')}
                      >
                        Clear
                      </button>
                    </p>`
                  : ''
              }
              ${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
              ${
                !query && !error
                  ? html`<div class="empty">
                      ${
                        scopeEmpty
                          ? html`<h1>Nothing indexed yet</h1>
                              <p>
                                Add the folders with your photos and videos in
                                <a
                                  href="/settings"
                                  onClick=${(e: Event) => {
                                    e.preventDefault();
                                    navigate({ ...url, view: 'settings' }, 'push');
                                  }}
                                  >Settings</a
                                >.
                              </p>`
                          : html`<h1>Search your photos and videos</h1>
                              <p>Type what you are looking for, or drop a picture anywhere on this page.</p>`
                      }
                    </div>`
                  : ''
              }
              ${
                query?.type === 'text' && understood.length > 0
                  ? html`<div class="chips" role="list" aria-label="Read from your search">
                      ${understood.map(
                        (u) =>
                          html`<span class="chip" role="listitem" data-testid="chip-${u.type}">
                            <span class="chip-label">${chipLabel(u)}</span>
                            <button
                              type="button"
                              class="chip-remove"
                              aria-label=${`Search the words "${u.text}" instead`}
                              title="Search these words as words"
                              onClick=${() =>
                                navigate(
                                  { ...url, skip: [...(url.skip ? url.skip.split(',') : []), u.type].join(',') },
                                  'push',
                                )}
                            >
                              ×
                            </button>
                          </span>`,
                      )}
                    </div>`
                  : ''
              }
              ${
                query && !loading && !error && results.length === 0
                  ? html`<div class="empty" data-testid="no-results">
                      <h2>Nothing found</h2>
                      <p>Try other words, fewer filters, or check that the scan has finished.</p>
                    </div>`
                  : ''
              }
              <${ResultsGrid}
                results=${results}
                hasMore=${hasMore}
                loading=${loading}
                onMore=${more}
                onOpen=${(i: number) => setOpen(i)}
                onSimilar=${similar}
              />
            `
      }
    </main>
    ${
      open !== null && results[open]
        ? html`<${Lightbox}
            result=${results[open]}
            onClose=${closeLightbox}
            onPrev=${open > 0 ? () => setOpen(open - 1) : null}
            onNext=${open < results.length - 1 ? () => setOpen(open + 1) : null}
            onSimilar=${similar}
          />`
        : ''
    }
    ${dragging ? html`<div class="drop-hint" aria-hidden="true">Drop a picture to search with it</div>` : ''}
  </div>`;
}

/**
 * A filter's text box. It keeps what is typed in it (a re-render while results arrive must not wipe it) and follows
 * the URL when that changes (back, a link); leaving the box or Enter applies it.
 */
function TextFilter(props: {
  label: string;
  placeholder: string;
  value: string | undefined;
  short?: boolean;
  onApply: (value: string | undefined) => void;
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  return html`<label
    >${props.label}
    <input
      type="text"
      class=${props.short ? 'short' : undefined}
      placeholder=${props.placeholder}
      value=${text}
      spellcheck="false"
      onInput=${(e: Event) => setText((e.target as HTMLInputElement).value)}
      onKeyDown=${(e: KeyboardEvent) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
      onChange=${(e: Event) => props.onApply((e.target as HTMLInputElement).value.trim() || undefined)}
  /></label>`;
}

/** A chip for what the query was read as: "Taken July 2023", "Videos only", "In Lisbon". */
function chipLabel(u: Understood): string {
  if (u.type === 'date') return `Taken ${u.text}`;
  if (u.type === 'kind') return u.kind === 'video' ? 'Videos only' : 'Photos only';
  return `In ${u.place ?? u.text}`;
}
