import type { MediaKind } from './media-file.js';

/** One thing a query was understood to say, with the words it was read from (for a chip the user can remove). */
export type Understood =
  | { readonly type: 'date'; readonly text: string; readonly from: Date; readonly to: Date }
  | { readonly type: 'kind'; readonly text: string; readonly kind: MediaKind }
  | { readonly type: 'place'; readonly text: string; readonly place: string };

export interface UnderstoodQuery {
  /** What is left to search for by meaning and by keyword ("" when every word was understood as a filter). */
  readonly text: string;
  readonly understood: readonly Understood[];
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = `(${MONTHS.map((m) => `${m.slice(0, 3)}(?:${m.slice(3)})?`).join('|')})\\.?`;
const SEASONS: Record<string, [number, number]> = {
  // Months, 0-based, of the northern hemisphere's meteorological seasons; winter runs into the next year.
  spring: [2, 4],
  summer: [5, 7],
  autumn: [8, 10],
  fall: [8, 10],
  winter: [11, 13],
};
const YEAR = '((?:19|20)\\d\\d)';
const KIND_WORDS: Record<string, MediaKind> = {
  video: 'video',
  videos: 'video',
  clip: 'video',
  clips: 'video',
  movie: 'video',
  movies: 'video',
  photo: 'image',
  photos: 'image',
  picture: 'image',
  pictures: 'image',
  image: 'image',
  images: 'image',
  pic: 'image',
  pics: 'image',
};

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
const endOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d + 1) - 1);
const monthIndex = (word: string) =>
  MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().replace('.', '').slice(0, 3)));

interface Rule {
  readonly re: RegExp;
  readonly read: (m: RegExpExecArray) => { from: Date; to: Date } | null;
}

/** Most specific first: a day before a month before a year. */
const DATE_RULES: Rule[] = [
  {
    // 2023-07-14
    re: /\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b/gi,
    read: (m) => validDay(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
  },
  {
    // 14 July 2023, July 14 2023, July 14th, 2023
    re: new RegExp(
      `\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?)\\s+${YEAR}\\b`,
      'gi',
    ),
    read: (m) => {
      const d = Number(m[1] ?? m[4]);
      const mo = monthIndex(m[2] ?? m[3]!);
      return validDay(Number(m[5]), mo, d);
    },
  },
  {
    // 2023-07
    re: /\b((?:19|20)\d\d)-(\d\d)\b(?!-)/gi,
    read: (m) => {
      const y = Number(m[1]);
      const mo = Number(m[2]) - 1;
      return mo >= 0 && mo < 12 ? { from: day(y, mo, 1), to: endOf(y, mo + 1, 0) } : null;
    },
  },
  {
    // July 2023, Jul. 2023
    re: new RegExp(`\\b${MONTH}\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'),
    read: (m) => {
      const y = Number(m[2]);
      const mo = monthIndex(m[1]!);
      return { from: day(y, mo, 1), to: endOf(y, mo + 1, 0) };
    },
  },
  {
    // summer 2021 (northern hemisphere), winter 2021 (December 2021 to February 2022)
    re: new RegExp(`\\b(spring|summer|autumn|fall|winter)\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'),
    read: (m) => {
      const [a, b] = SEASONS[m[1]!.toLowerCase()]!;
      const y = Number(m[2]);
      return { from: day(y, a, 1), to: endOf(y, b + 1, 0) };
    },
  },
  {
    // 2019-2021, 2019 to 2021, between 2019 and 2021
    re: new RegExp(`\\b(?:between\\s+|from\\s+)?${YEAR}\\s*(?:-|–|to|until|and)\\s*${YEAR}\\b`, 'gi'),
    read: (m) => {
      const [a, b] = [Number(m[1]), Number(m[2])];
      return a <= b ? { from: day(a, 0, 1), to: endOf(b, 11, 31) } : null;
    },
  },
  {
    // 2019 on its own (not part of a name like IMG_2019 or 2019.jpg)
    re: new RegExp(`(?<![\\w.-])${YEAR}(?![\\w.-])`, 'gi'),
    read: (m) => ({ from: day(Number(m[1]), 0, 1), to: endOf(Number(m[1]), 11, 31) }),
  },
];

function validDay(y: number, mo: number, d: number): { from: Date; to: Date } | null {
  if (mo < 0 || mo > 11 || d < 1) return null;
  const from = day(y, mo, d);
  return from.getUTCMonth() === mo ? { from, to: endOf(y, mo, d) } : null;
}

/**
 * Reads what a search query says besides what to look for, in English: dates and ranges ("July 2023", "2019",
 * "summer 2021", "2019-2021", ISO dates), a kind ("video", "photos"), and places the library holds (`places`:
 * lower-cased names of the towns, regions and countries its items were taken in). Each understood part is taken
 * out of the text, with a linking word before it ("beach in July 2023" leaves "beach"). Modest on purpose: one
 * date, one kind, one place; anything ambiguous ("May" alone, "2019.jpg") is left as words. `skip` names kinds
 * of part not to read (a chip the user removed, a filter given otherwise).
 */
export function understandQuery(
  query: string,
  places: ReadonlySet<string> = new Set(),
  skip: readonly Understood['type'][] = [],
): UnderstoodQuery {
  let text = ` ${query.replace(/\s+/g, ' ').trim()} `;
  const understood: Understood[] = [];
  const cut = (start: number, end: number, linkAfter = false) => {
    // A linking word just before goes with it: "in July 2023", "taken in Lisbon"; after a kind: "videos of".
    const before = /\s(?:in|on|from|during|of|at|taken in|taken on|shot in)\s*$/i.exec(text.slice(0, start));
    const after = linkAfter ? /^\s*(?:of|from|with|in)(?=\s)/i.exec(text.slice(end)) : null;
    const s = before && !linkAfter ? start - before[0].length + 1 : start;
    text = `${text.slice(0, s)} ${text.slice(end + (after ? after[0].length : 0))}`;
  };

  for (const rule of skip.includes('date') ? [] : DATE_RULES) {
    rule.re.lastIndex = 0;
    const m = rule.re.exec(text);
    if (!m) continue;
    const range = rule.read(m);
    if (!range) continue;
    understood.push({ type: 'date', text: m[0].trim(), ...range });
    cut(m.index, m.index + m[0].length);
    break;
  }

  const kind = skip.includes('kind')
    ? null
    : /(?<![\w-])(videos?|clips?|movies?|photos?|pictures?|images?|pics?)(?![\w-])/i.exec(text);
  if (kind) {
    understood.push({ type: 'kind', text: kind[1]!, kind: KIND_WORDS[kind[1]!.toLowerCase()]! });
    cut(kind.index, kind.index + kind[0].length, true);
  }

  if (places.size > 0 && !skip.includes('place')) {
    // The longest run of words (up to four) that names a place the library holds.
    const words = [...text.matchAll(/[\p{L}\p{N}'’.-]+/gu)];
    let found: { start: number; end: number; name: string } | null = null;
    for (let n = Math.min(4, words.length); n >= 1 && !found; n--)
      for (let i = 0; i + n <= words.length && !found; i++) {
        const first = words[i]!;
        const last = words[i + n - 1]!;
        const name = text.slice(first.index, last.index + last[0].length);
        if (places.has(name.toLowerCase())) found = { start: first.index, end: last.index + last[0].length, name };
      }
    if (found) {
      understood.push({ type: 'place', text: found.name, place: found.name });
      cut(found.start, found.end);
    }
  }

  return { text: text.replace(/\s+/g, ' ').trim(), understood };
}
