import type { Filters } from './api.js';

/** What the address bar holds: the view, the query and its filters, or the item "more like this" is about. */
export interface UrlState extends Filters {
  readonly view: 'search' | 'settings';
  readonly q: string;
  readonly similar?: string | undefined;
  /** Browsing: the month jumped to ("2024-07"), shown from its end. */
  readonly month?: string | undefined;
}

export function readUrl(loc: Location = location): UrlState {
  const p = new URLSearchParams(loc.search);
  const kind = p.get('kind');
  return {
    view: loc.pathname.replace(/\/+$/, '') === '/settings' ? 'settings' : 'search',
    q: p.get('q') ?? '',
    kind: kind === 'image' || kind === 'video' ? kind : undefined,
    from: p.get('from') || undefined,
    to: p.get('to') || undefined,
    folder: p.get('folder') || undefined,
    camera: p.get('camera') || undefined,
    place: p.get('place') || undefined,
    skip: p.get('skip') || undefined,
    similar: p.get('similar') || undefined,
    sort: p.get('sort') === 'date' ? 'date' : undefined,
    weaker: p.get('weaker') === 'true' ? 'true' : undefined,
    month: /^\d{4}-\d{2}$/.test(p.get('month') ?? '') ? p.get('month')! : undefined,
  };
}

export function urlOf(s: UrlState): string {
  if (s.view === 'settings') return '/settings';
  const p = new URLSearchParams();
  if (s.similar) p.set('similar', s.similar);
  else if (s.q) p.set('q', s.q);
  if (!s.similar && !s.q && s.month) p.set('month', s.month);
  for (const k of ['kind', 'from', 'to', 'folder', 'camera', 'place', 'skip', 'sort', 'weaker'] as const) {
    const v = s[k];
    if (v) p.set(k, v);
  }
  const qs = p.toString();
  return qs ? `/?${qs}` : '/';
}

/** Typing replaces the history entry (no entry per keystroke); a new search or view pushes one. */
export function writeUrl(s: UrlState, mode: 'push' | 'replace'): void {
  const url = urlOf(s);
  if (url === location.pathname + location.search) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
