import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  api,
  ApiError,
  Unreachable,
  type LibraryMonths,
  type Models,
  type Relevance,
  type Result,
  type Understood,
} from './api.js';
import { Lightbox } from './components/lightbox.js';
import { ResultsGrid } from './components/results-grid.js';
import { Settings } from './components/settings.js';
import { StatusBar } from './components/status-bar.js';
import { count, fileName, monthName } from './format.js';
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
  /** Where the next page starts; null when there is none. */
  const [next, setNext] = useState<number | null>(null);
  const hasMore = next !== null;
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [scopeEmpty, setScopeEmpty] = useState(false);
  const [relevance, setRelevance] = useState<Relevance | null>(null);
  const [months, setMonths] = useState<LibraryMonths | null>(null);
  // On a phone the filters fold away behind one button (open while any is set).
  const activeFilters = (
    url.q || url.similar ? [url.kind, url.from, url.to, url.folder, url.camera, url.place] : [url.kind]
  ).filter(Boolean).length;
  const [filtersOpen, setFiltersOpen] = useState(activeFilters > 0);
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
    sort: url.sort,
    weaker: url.weaker,
  };
  const modelMissing = !!status.ready?.checks['model']?.startsWith('not loaded');
  const browsing = !query && !modelMissing;
  const key = JSON.stringify([
    query?.type,
    query?.type === 'text' ? query.q : query?.type === 'similar' ? query.id : image?.preview,
    filters,
    browsing ? url.month : null,
    modelMissing,
  ]);

  /** A page from `offset`: its results, where the next starts (null: none), and for a text search what it read. */
  const fetchPage = useCallback(
    async (
      offset: number,
    ): Promise<{
      results: readonly Result[];
      next: number | null;
      understood: readonly Understood[];
      relevance: Relevance | null;
    }> => {
      const plain = (a: { results: readonly Result[]; nextOffset: number | null }) => ({
        results: a.results,
        next: a.nextOffset,
        understood: [],
        relevance: null,
      });
      if (!query) {
        const before = url.month ? nextMonth(url.month) : undefined;
        return plain(await api.library({ kind: url.kind, before }, offset, PAGE));
      }
      if (query.type === 'text') {
        const answer = await api.searchText(query.q, filters, offset, PAGE);
        return { ...plain(answer), understood: answer.understood ?? [], relevance: answer.relevance ?? null };
      }
      if (query.type === 'similar') return plain(await api.similar(query.id, filters, offset, PAGE));
      const answer = await api.searchImage(query.file, filters, 200);
      return { ...plain(answer), next: null }; // one page of the best 200
    },
    [key],
  );

  useEffect(() => {
    if (url.view !== 'search') return;
    const id = ++request.current;
    setError(null);
    setOpen(null);
    if (!query) {
      api.scope().then(
        (s) => setScopeEmpty(s.roots.length === 0),
        () => undefined,
      );
      if (!modelMissing)
        api.months(url.kind).then(
          (m) => id === request.current && setMonths(m),
          () => undefined,
        );
    }
    if (modelMissing) {
      setResults([]);
      setNext(null);
      return;
    }
    setLoading(true);
    fetchPage(0).then(
      (page) => {
        // An answer to an older search (typed over since) changes nothing: not its chips, not its counts.
        if (id !== request.current) return;
        setResults(page.results);
        setUnderstood(page.understood);
        setRelevance(page.relevance);
        setNext(page.next);
        setLoading(false);
      },
      (e: unknown) => {
        if (id !== request.current) return;
        setResults([]);
        setRelevance(null);
        setNext(null);
        setLoading(false);
        setError(e instanceof ApiError || e instanceof Unreachable ? e.message : String(e));
      },
    );
  }, [key, url.view, status.generation]);

  const more = useCallback(() => {
    if (loading || next === null) return;
    const id = request.current;
    setLoading(true);
    fetchPage(next).then(
      (page) => {
        if (id !== request.current) return;
        // A JPEG that stood in for its RAW at the end of a page may come again: shown once.
        setResults((r) => [...r, ...page.results.filter((p) => !r.some((x) => x.id === p.id))]);
        setNext(page.next);
        setLoading(false);
      },
      () => {
        setLoading(false);
        setNext(null);
      },
    );
  }, [loading, next, fetchPage]);

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
      navigate({ ...url, view: 'search', q: '', similar: undefined, sort: undefined, weaker: undefined }, 'push');
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
    navigate({ ...url, view: 'search', q: '', similar: id, sort: undefined, weaker: undefined }, 'push');
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
          // What the box holds now: Enter right after a keystroke comes before that keystroke's render.
          const q = (e.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#q')?.value ?? typed;
          setTyped(q);
          navigate({ ...url, view: 'search', q, similar: undefined, month: undefined }, 'push');
        }}
      >
        <label class="visually-hidden" for="q">Search your photos and videos</label>
        <input
          id="q"
          type="search"
          placeholder=${modelMissing ? 'Search needs the model (see below)' : 'dog on a beach at sunset'}
          disabled=${modelMissing}
          autocomplete="off"
          value=${typed}
          onInput=${(e: Event) => setTyped((e.target as HTMLInputElement).value)}
        />
        <label class="file-button" title="Search with a picture">
          <input
            type="file"
            accept="image/*"
            class="visually-hidden"
            onChange=${(e: Event) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              if (f) searchImage(f);
            }}
          />
          <svg class="camera" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path
              fill="currentColor"
              d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9Zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z"
            />
          </svg>
          <span class="file-label">Search with a picture</span>
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
          ? html`<${Settings} status=${status} onScanStarted=${() => void status.refresh()} />`
          : html`
              <button
                type="button"
                class="filters-toggle"
                aria-expanded=${filtersOpen}
                aria-controls="filters"
                hidden=${modelMissing}
                onClick=${() => setFiltersOpen((o) => !o)}
              >
                Filters${activeFilters ? ` (${activeFilters})` : ''}
              </button>
              <div
                id="filters"
                class=${filtersOpen ? 'filters open' : 'filters'}
                role="group"
                aria-label="Filters"
                hidden=${modelMissing}
              >
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
                ${browsing ? html`<p class="muted filters-note">Type a search to filter by date, folder, camera or place.</p>` : ''}
                <label hidden=${browsing}
                  >Taken from
                  <input
                    type="date"
                    value=${url.from ?? ''}
                    onChange=${(e: Event) => setFilter({ from: (e.target as HTMLInputElement).value || undefined })}
                /></label>
                <label hidden=${browsing}
                  >to
                  <input
                    type="date"
                    value=${url.to ?? ''}
                    onChange=${(e: Event) => setFilter({ to: (e.target as HTMLInputElement).value || undefined })}
                /></label>
                <${TextFilter}
                  hidden=${browsing}
                  label="In folder"
                  placeholder="/home/me/Pictures/2024"
                  value=${url.folder}
                  onApply=${(folder: string | undefined) => setFilter({ folder })}
                />
                <${TextFilter}
                  hidden=${browsing}
                  label="Camera"
                  short=${true}
                  placeholder="canon, iphone"
                  value=${url.camera}
                  onApply=${(camera: string | undefined) => setFilter({ camera })}
                />
                <${TextFilter}
                  hidden=${browsing}
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
              ${modelMissing ? html`<${ModelMissing} check=${status.ready?.checks['model'] ?? ''} />` : ''}
              ${error && !modelMissing ? html`<p class="notice error" role="alert">${error}</p>` : ''}
              ${
                !query && !error && !modelMissing && scopeEmpty
                  ? html`<div class="empty">
                      <h1>Nothing indexed yet</h1>
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
                      </p>
                    </div>`
                  : ''
              }
              ${
                browsing && !scopeEmpty && months
                  ? html`<${LibraryHeader}
                      months=${months}
                      month=${url.month}
                      kind=${url.kind}
                      onExample=${(q: string) => {
                        setTyped(q);
                        navigate({ ...url, q, month: undefined }, 'push');
                      }}
                      onMonth=${(month: string | undefined) => {
                        navigate({ ...url, month }, 'push');
                        scrollTo(0, 0);
                      }}
                    />`
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
                query && !error && !(loading && results.length === 0)
                  ? html`<${ResultBar}
                      shown=${results.length}
                      hasMore=${hasMore}
                      relevance=${relevance}
                      sort=${url.sort}
                      sortable=${query.type === 'text'}
                      onSort=${(sort: 'date' | undefined) => navigate({ ...url, sort }, 'push')}
                      onWeaker=${(weaker: boolean) => navigate({ ...url, weaker: weaker ? 'true' : undefined }, 'push')}
                    />`
                  : ''
              }
              ${
                query && !loading && !error && results.length === 0
                  ? relevance && relevance.weaker > 0 && !relevance.weakerShown
                    ? html`<div class="empty" data-testid="cut-off">
                        <h2>Nothing close to “${query.type === 'text' ? query.q : 'that'}”</h2>
                        <p>
                          ${count(relevance.weaker, 'item')} ${relevance.weaker === 1 ? 'is' : 'are'} no closer to these
                          words than to nonsense words.
                        </p>
                        <button type="button" onClick=${() => navigate({ ...url, weaker: 'true' }, 'push')}>
                          Show weaker matches
                        </button>
                      </div>`
                    : html`<div class="empty" data-testid="no-results">
                        <h2>Nothing found</h2>
                        <p>Try other words, fewer filters, or check that the scan has finished.</p>
                      </div>`
                  : ''
              }
              ${
                browsing && !loading && !error && !scopeEmpty && results.length === 0 && months?.total === 0
                  ? html`<div class="empty" data-testid="library-empty">
                      <h2>The library is empty so far</h2>
                      <p>The folders are being scanned, or hold no photos or videos Glimpse can read.</p>
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
                groupOf=${browsing || url.sort === 'date' ? monthOf : undefined}
                label=${browsing ? 'Library' : 'Results'}
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
            ranked=${!!query}
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
  hidden?: boolean;
  onApply: (value: string | undefined) => void;
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  return html`<label hidden=${props.hidden ?? false}
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

/** The month a result was taken in, for the headings of the library ("July 2024"; "No date"). */
function monthOf(r: Result): string {
  return r.takenAt ? monthName(r.takenAt.slice(0, 7)) : 'No date';
}

/** The first day of the month after "2024-07": the library from the end of July, going back. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01T00:00:00Z` : `${y}-${String(m + 1).padStart(2, '0')}-01T00:00:00Z`;
}

const EXAMPLES = ['sunset at the beach', 'dog', 'snow in the mountains', 'birthday cake', 'a receipt'];

/**
 * Above the library: its counts, a few example searches, and a jump to any month (years, then months; a select on
 * a phone). The library itself is the grid below, newest first, a heading per month.
 */
function LibraryHeader(props: {
  months: LibraryMonths;
  month: string | undefined;
  kind: string | undefined;
  onExample: (q: string) => void;
  onMonth: (month: string | undefined) => void;
}) {
  const { months, month } = props;
  const dated = months.months.filter((m) => m.month !== null) as { month: string; count: number }[];
  const years = [...new Set(dated.map((m) => m.month.slice(0, 4)))];
  const what = props.kind === 'video' ? 'video' : props.kind === 'image' ? 'photo' : 'photo and video';
  const whats = props.kind === 'video' ? 'videos' : props.kind === 'image' ? 'photos' : 'photos and videos';
  return html`<section class="library-head" aria-labelledby="library-title">
    <div class="library-title-row">
      <h1 id="library-title">Your library</h1>
      <p class="muted" data-testid="library-count">
        ${count(months.total, what, whats)}${dated.length ? `, ${count(dated.length, 'month')}` : ''}${
          years.length > 1 ? ` from ${years[years.length - 1]} to ${years[0]}` : ''
        }
      </p>
    </div>
    <p class="examples">
      <span class="muted">Try:</span>
      ${EXAMPLES.map(
        (q) => html`<button type="button" class="example" onClick=${() => props.onExample(q)}>${q}</button>`,
      )}
    </p>
    ${
      dated.length > 1
        ? html`<nav class="jump" aria-label="Jump to a month">
            <label class="jump-select"
              >Jump to
              <select
                value=${month ?? ''}
                onChange=${(e: Event) => props.onMonth((e.target as HTMLSelectElement).value || undefined)}
              >
                <option value="">Newest</option>
                ${dated.map((m) => html`<option value=${m.month}>${monthName(m.month)} (${m.count})</option>`)}
              </select></label
            >
            <ol class="years">
              ${years.map(
                (y) =>
                  html`<li>
                    <button
                      type="button"
                      class="year"
                      aria-current=${month?.startsWith(y) ? 'true' : undefined}
                      onClick=${() => props.onMonth(dated.find((m) => m.month.startsWith(y))!.month)}
                    >
                      ${y}
                    </button>
                  </li>`,
              )}
            </ol>
          </nav>`
        : ''
    }
    ${
      month
        ? html`<p class="muted">
            From ${monthName(month)} back.
            <button type="button" class="link" onClick=${() => props.onMonth(undefined)}>Back to the newest</button>
          </p>`
        : ''
    }
  </section>`;
}

/** Above the results: how many, the weaker ones left out (and a way to see them), and the order. */
function ResultBar(props: {
  shown: number;
  hasMore: boolean;
  relevance: Relevance | null;
  sort: 'date' | undefined;
  sortable: boolean;
  onSort: (sort: 'date' | undefined) => void;
  onWeaker: (weaker: boolean) => void;
}) {
  const r = props.relevance;
  const matches = r ? r.matches : props.shown;
  const total = r
    ? `${count(matches, 'result')}${r.atLeast ? ' or more' : ''}`
    : `${count(props.shown, 'result')}${props.hasMore ? ' so far' : ''}`;
  return html`<div class="result-bar">
    <p class="result-count" data-testid="result-count">
      ${total}
      ${
        r && r.weaker > 0
          ? r.weakerShown
            ? html` · ${count(r.weaker, 'weaker match', 'weaker matches')} shown after them${' '}
                <button type="button" class="link" onClick=${() => props.onWeaker(false)}>Hide weaker matches</button>`
            : html` · ${count(r.weaker, 'weaker match', 'weaker matches')} hidden
              ${
                props.shown > 0
                  ? html`<button type="button" class="link" onClick=${() => props.onWeaker(true)}>
                      Show weaker matches
                    </button>`
                  : ''
              }`
          : ''
      }
    </p>
    ${
      props.sortable
        ? html`<label class="sort"
            >Sort by
            <select
              value=${props.sort ?? ''}
              onChange=${(e: Event) => props.onSort(((e.target as HTMLSelectElement).value || undefined) as 'date' | undefined)}
            >
              <option value="">Relevance</option>
              <option value="date">Date taken</option>
            </select></label
          >`
        : ''
    }
  </div>`;
}

/** The model is not there: one explanation of what is missing and what to do, instead of a search box that fails. */
function ModelMissing({ check }: { check: string }) {
  const [models, setModels] = useState<Models | null>(null);
  useEffect(() => {
    api.models().then(setModels, () => undefined);
  }, []);
  const reason = check.replace(/^not loaded:\s*/, '');
  const folder = models ? `${models.modelDir}/${models.inUse.id}` : null;
  return html`<section class="model-missing" data-testid="model-missing" aria-labelledby="model-missing-title">
    <h1 id="model-missing-title">Glimpse needs its model to search</h1>
    <p>${reason}</p>
    <ul>
      ${
        folder && !reason.includes(folder)
          ? html`<li>
              Put the model's files in <code>${folder}</code> (config.json, visual/ and textual/), then restart Glimpse;
              or
            </li>`
          : ''
      }
      <li>start Glimpse with <code>--model</code> naming a model folder you have (or set GLIMPSE_MODEL); or</li>
      <li>connect this computer to the internet once: Glimpse downloads the model when it starts.</li>
    </ul>
    <p class="muted">
      Your folders are still listed and scanned for changes; nothing is embedded until the model is there.
    </p>
  </section>`;
}
