import type { Content } from '../domain/content.js';
import { cameraName, keywordTokens } from '../domain/media-metadata.js';

/** Which words of an item a keyword search matched. */
export type KeywordField = 'name' | 'text' | 'folder' | 'camera' | 'lens' | 'place';

/** Why an item matched by keyword: the field, its text, and where the query's words are in it. */
export interface KeywordMatch {
  readonly field: KeywordField;
  readonly text: string;
  /** [start, end) ranges of `text` that match the query's words. */
  readonly marks: readonly (readonly [number, number])[];
  /** The share of the query's words found, weighted by the field (a name counts more than a folder). */
  readonly score: number;
  /**
   * The query is the file's name (without its extension) word for word, or a phrase of the picture's text (two
   * words or more in a row, or a whole line).
   */
  readonly exact: boolean;
}

const WEIGHT: Record<KeywordField, number> = { name: 1, text: 0.9, place: 0.9, folder: 0.8, camera: 0.7, lens: 0.7 };

/** The longest snippet of a picture's text shown with a match (characters, about). */
const SNIPPET = 120;

interface Word {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** A part of a word that runs letters and digits together ("2024" of "INVOICE2024"). */
  readonly part?: boolean;
}

/** Words of `text` with where each is (folded, so "Fête" is "fete" at the same place), and their parts. */
function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = keywordTokens(m[0]);
    if (folded.length === 0) continue;
    out.push({ word: folded.join(''), start: m.index, end: m.index + m[0].length });
    const parts = [...m[0].matchAll(/\p{L}+|\p{N}+/gu)];
    if (parts.length > 1)
      for (const p of parts) {
        const w = keywordTokens(p[0]).join('');
        if (w) out.push({ word: w, start: m.index + p.index, end: m.index + p.index + p[0].length, part: true });
      }
  }
  return out;
}

/** Whether the query's words are in `words` one after the other, as whole words. */
function hasPhrase(words: readonly Word[], query: readonly string[]): boolean {
  const whole = words.filter((w) => !w.part).map((w) => w.word);
  for (let i = 0; i + query.length <= whole.length; i++) if (query.every((q, k) => whole[i + k] === q)) return true;
  return false;
}

/** A picture's text shown with a match: its lines joined by " · ", cut around the first word matched. */
function snippet(text: string, tokens: readonly string[]): string {
  const flat = text.split('\n').join(' · ');
  if (flat.length <= SNIPPET) return flat;
  const first = wordsOf(flat).find((w) => tokens.some((t) => w.word.startsWith(t)));
  const at = Math.max(0, (first?.start ?? 0) - SNIPPET / 3);
  const from = at === 0 ? 0 : flat.lastIndexOf(' ', at) + 1;
  const to = Math.min(flat.length, from + SNIPPET);
  const end = to === flat.length ? to : Math.max(flat.lastIndexOf(' ', to), first?.end ?? to);
  return `${from > 0 ? '… ' : ''}${flat.slice(from, end)}${end < flat.length ? ' …' : ''}`;
}

interface FieldText {
  readonly field: KeywordField;
  readonly text: string;
  readonly words: Word[];
  /** What is shown when it is not `text` itself (a snippet of a long text), with its words. */
  readonly shown?: { readonly text: string; readonly words: Word[] };
}

/**
 * The keyword match of a content, among its files' names and folders, its metadata and the text read in it; null
 * when none of the query's words is there. Each word of the query counts once, in the field where it weighs most
 * (a name 1, the picture's text or a place 0.9, a folder 0.8, a camera or lens 0.7); the score is their sum over
 * the number of words. The field shown is the one that gave the most (the text as a snippet around its first
 * match); a query that is a file's whole name (without its extension) or a phrase of its text is `exact`.
 */
export function bestKeywordMatch(
  query: string,
  tokens: readonly string[],
  paths: readonly string[],
  content: Content | undefined,
): KeywordMatch | null {
  if (tokens.length === 0) return null;
  const fields: FieldText[] = [];
  const add = (field: KeywordField, text: string) => fields.push({ field, text, words: wordsOf(text) });
  const whole = keywordTokens(query).join(' ');
  let exact = false;
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    add('name', name);
    if (whole !== '' && keywordTokens(name.replace(/\.[^.]*$/, '')).join(' ') === whole) exact = true;
    add('folder', path.slice(0, slash).split('/').slice(-3).join('/'));
  }
  if (content?.text) {
    const words = keywordTokens(query);
    const lines = content.text.split('\n');
    const all = wordsOf(content.text);
    const shown = snippet(content.text, tokens);
    fields.push({ field: 'text', text: content.text, words: all, shown: { text: shown, words: wordsOf(shown) } });
    if (
      words.length > 0 &&
      ((words.length >= 2 && hasPhrase(all, words)) || lines.some((l) => keywordTokens(l).join(' ') === whole))
    )
      exact = true;
  }
  const meta = content?.meta;
  if (meta) {
    const camera = cameraName(meta);
    if (camera) add('camera', camera);
    if (meta.lens) add('lens', meta.lens);
    if (meta.place) {
      const p = meta.place;
      add('place', [p.city, p.region, p.country].filter((x, k, all) => x && all.indexOf(x) === k).join(', '));
    }
  }
  let total = 0;
  const gain = new Map<FieldText, number>();
  for (const t of tokens) {
    let best: FieldText | null = null;
    for (const f of fields)
      if (f.words.some((w) => w.word.startsWith(t)) && (!best || WEIGHT[f.field] > WEIGHT[best.field])) best = f;
    if (!best) continue;
    total += WEIGHT[best.field];
    gain.set(best, (gain.get(best) ?? 0) + WEIGHT[best.field]);
  }
  if (total === 0) return null;
  const best = [...gain.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const shown = best.shown ?? best;
  // A word and its parts may both match: their ranges merge.
  const marks: [number, number][] = [];
  for (const w of shown.words
    .filter((x) => tokens.some((t) => x.word.startsWith(t)))
    .sort((a, b) => a.start - b.start)) {
    const last = marks[marks.length - 1];
    if (last && w.start <= last[1]) last[1] = Math.max(last[1], w.end);
    else marks.push([w.start, w.end]);
  }
  return { field: best.field, text: shown.text, marks, score: exact ? 1 : total / tokens.length, exact };
}

/** Reciprocal rank fusion's constant: the usual 60 (Cormack et al.), so neither list's first places dominate. */
export const RRF_K = 60;

/** A fused score from a vector rank and a keyword rank (1-based; null: not in that list); an exact name first. */
export function fusedScore(vectorRank: number | null, keywordRank: number | null, exact: boolean): number {
  return (vectorRank ? 1 / (RRF_K + vectorRank) : 0) + (keywordRank ? 1 / (RRF_K + keywordRank) : 0) + (exact ? 1 : 0);
}
