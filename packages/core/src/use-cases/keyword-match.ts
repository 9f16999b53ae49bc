import type { Content } from '../domain/content.js';
import { cameraName, keywordTokens } from '../domain/media-metadata.js';

/** Which words of an item a keyword search matched. */
export type KeywordField = 'name' | 'folder' | 'camera' | 'lens' | 'place';

/** Why an item matched by keyword: the field, its text, and where the query's words are in it. */
export interface KeywordMatch {
  readonly field: KeywordField;
  readonly text: string;
  /** [start, end) ranges of `text` that match the query's words. */
  readonly marks: readonly (readonly [number, number])[];
  /** The share of the query's words found, weighted by the field (a name counts more than a folder). */
  readonly score: number;
  /** The query is the file's name (without its extension), word for word. */
  readonly exact: boolean;
}

const WEIGHT: Record<KeywordField, number> = { name: 1, place: 0.9, folder: 0.8, camera: 0.7, lens: 0.7 };

/** Words of `text` with where each is (folded, so "Fête" is "fete" at the same place). */
function wordsOf(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = keywordTokens(m[0]);
    if (folded.length) out.push({ word: folded.join(''), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

interface FieldText {
  readonly field: KeywordField;
  readonly text: string;
  readonly words: { word: string; start: number; end: number }[];
}

/**
 * The keyword match of a content, among its files' names and folders and its metadata; null when none of the
 * query's words is there. Each word of the query counts once, in the field where it weighs most (a name 1, a
 * place 0.9, a folder 0.8, a camera or lens 0.7); the score is their sum over the number of words. The field shown
 * is the one that gave the most; a query that is a file's whole name (without its extension) is `exact`.
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
  const shown = [...gain.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const marks = shown.words
    .filter((w) => tokens.some((t) => w.word.startsWith(t)))
    .map((w) => [w.start, w.end] as const);
  return { field: shown.field, text: shown.text, marks, score: exact ? 1 : total / tokens.length, exact };
}

/** Reciprocal rank fusion's constant: the usual 60 (Cormack et al.), so neither list's first places dominate. */
export const RRF_K = 60;

/** A fused score from a vector rank and a keyword rank (1-based; null: not in that list); an exact name first. */
export function fusedScore(vectorRank: number | null, keywordRank: number | null, exact: boolean): number {
  return (vectorRank ? 1 / (RRF_K + vectorRank) : 0) + (keywordRank ? 1 / (RRF_K + keywordRank) : 0) + (exact ? 1 : 0);
}
