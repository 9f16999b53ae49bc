/**
 * Glob patterns for scope include/exclude lists, matched against '/'-separated relative paths. Written for this
 * job instead of compiled to a regular expression: a pattern like `**\/*a*a*a…*b` compiled to a JavaScript
 * RegExp backtracks exponentially on a long name of a's, and one such glob in a scope could stop a scan for good.
 * Here every match takes at most (pattern length x path length) steps.
 *
 * Syntax (a subset of the usual one): `*` any characters inside one path segment; `?` one character; `**` as a
 * whole segment, any number of segments (none too); `[abc]`, `[a-z]`, `[!abc]` or `[^abc]` one character of (or
 * not of) a set; `{jpg,png}` alternatives (may nest; at most 256 in all); `\` takes the next character literally.
 * Names starting with a dot are matched like any other (hidden files are a separate scope setting). A pattern
 * without `/` matches at the top level only: `*.tmp` is `a.tmp`, `**\/*.tmp` is any `.tmp`.
 */
export type GlobMatcher = (path: string) => boolean;

const MAX_ALTERNATIVES = 256;

type Token =
  | { readonly t: 'char'; readonly c: string }
  | { readonly t: 'any' }
  | { readonly t: 'star' }
  | { readonly t: 'set'; readonly ranges: readonly (readonly [number, number])[]; readonly negated: boolean };

type Segment = { readonly globstar: true } | { readonly globstar: false; readonly tokens: readonly Token[] };

/** Compiles a glob; throws a RangeError saying what is wrong with it. */
export function compileGlob(pattern: string): GlobMatcher {
  return compileGlobs([pattern]);
}

/**
 * One matcher for a list of globs: true when any matches. The path is split once; the most common form,
 * `**\/name` (a file or folder of that name anywhere, as in the default excludes), is one set lookup.
 */
export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const anywhere = new Set<string>(); // **/name
  const general: Segment[][] = [];
  for (const pattern of patterns) {
    if (pattern === '') throw new RangeError('a glob must not be empty');
    for (const segments of expandBraces(pattern).map(parsePattern)) {
      const name = segments.length === 2 && segments[0]!.globstar ? literal(segments[1]!) : null;
      if (name !== null) anywhere.add(name);
      else general.push(segments);
    }
  }
  if (anywhere.size === 0 && general.length === 0) return () => false;
  // Only `**/name` globs (the default excludes): the last segment decides, with no split.
  if (general.length === 0) return (path) => anywhere.has(path.slice(path.lastIndexOf('/') + 1));
  return (path) => {
    const parts = path.split('/');
    if (anywhere.has(parts[parts.length - 1]!)) return true;
    return general.some((segments) => matchSegments(segments, parts));
  };
}

/** The text a segment matches when it has no wildcard, else null. */
function literal(seg: Segment): string | null {
  if (seg.globstar) return null;
  let s = '';
  for (const tok of seg.tokens) {
    if (tok.t !== 'char') return null;
    s += tok.c;
  }
  return s;
}

/** `{a,b}` alternatives expanded (nested ones too); a brace with no comma is kept as it is. */
function expandBraces(pattern: string): string[] {
  const open = findBrace(pattern);
  if (!open) return [pattern];
  const { start, end, parts } = open;
  const out: string[] = [];
  for (const part of parts) {
    for (const rest of expandBraces(pattern.slice(0, start) + part + pattern.slice(end + 1))) {
      out.push(rest);
      if (out.length > MAX_ALTERNATIVES)
        throw new RangeError(`it has more than ${MAX_ALTERNATIVES} alternatives in its {…} braces`);
    }
  }
  return out;
}

/** The first top-level `{…,…}` (with a comma at its own depth), or null. */
function findBrace(p: string): { start: number; end: number; parts: string[] } | null {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      continue;
    }
    if (p[i] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let j = i; j < p.length; j++) {
      const ch = p[j];
      if (ch === '\\') {
        j++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) {
          if (commas.length === 0) break; // "{x}": literal
          const cuts = [i, ...commas, j];
          const parts = cuts.slice(0, -1).map((c, k) => p.slice(c + 1, cuts[k + 1]));
          return { start: i, end: j, parts };
        }
      } else if (ch === ',' && depth === 1) commas.push(j);
    }
  }
  return null;
}

function parsePattern(pattern: string): Segment[] {
  const segments: Segment[] = [];
  let tokens: Token[] = [];
  let raw = '';
  const endSegment = () => {
    segments.push(raw === '**' ? { globstar: true } : { globstar: false, tokens });
    tokens = [];
    raw = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '/') {
      endSegment();
      continue;
    }
    raw += ch;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new RangeError('it ends with a lone backslash');
      tokens.push({ t: 'char', c: next });
      raw += next;
      i++;
    } else if (ch === '*') {
      if (tokens.at(-1)?.t !== 'star') tokens.push({ t: 'star' }); // ** inside a segment is one *
    } else if (ch === '?') tokens.push({ t: 'any' });
    else if (ch === '[') {
      const set = parseSet(pattern, i);
      if (set) {
        tokens.push(set.token);
        raw += pattern.slice(i + 1, set.end + 1);
        i = set.end;
      } else tokens.push({ t: 'char', c: '[' }); // no closing bracket: a literal "["
    } else tokens.push({ t: 'char', c: ch });
  }
  endSegment();
  return segments;
}

/** `[…]` starting at `start`; null when it has no closing bracket within its segment. */
function parseSet(p: string, start: number): { token: Token; end: number } | null {
  let i = start + 1;
  const negated = p[i] === '!' || p[i] === '^';
  if (negated) i++;
  const ranges: [number, number][] = [];
  let first = true;
  for (; i < p.length; i++) {
    let ch = p[i]!;
    if (ch === '/') return null;
    if (ch === ']' && !first) return { token: { t: 'set', ranges, negated }, end: i };
    first = false;
    if (ch === '\\' && i + 1 < p.length) ch = p[++i]!;
    const lo = ch.codePointAt(0)!;
    if (p[i + 1] === '-' && p[i + 2] !== undefined && p[i + 2] !== ']') {
      let hiCh = p[i + 2]!;
      i += 2;
      if (hiCh === '\\' && i + 1 < p.length) hiCh = p[++i]!;
      const hi = hiCh.codePointAt(0)!;
      ranges.push(lo <= hi ? [lo, hi] : [hi, lo]);
    } else ranges.push([lo, lo]);
  }
  return null;
}

/** Segments of the pattern against segments of the path, `**` spanning any number of them; memoized. */
function matchSegments(pattern: readonly Segment[], parts: readonly string[]): boolean {
  const width = parts.length + 1;
  const memo = new Uint8Array(pattern.length * width); // 0 unknown, 1 no, 2 yes
  const go = (pi: number, si: number): boolean => {
    if (pi === pattern.length) return si === parts.length;
    const key = pi * width + si;
    if (memo[key]) return memo[key] === 2;
    const seg = pattern[pi]!;
    let ok: boolean;
    if (seg.globstar) ok = go(pi + 1, si) || (si < parts.length && go(pi, si + 1));
    else ok = si < parts.length && matchSegment(seg.tokens, parts[si]!) && go(pi + 1, si + 1);
    memo[key] = ok ? 2 : 1;
    return ok;
  };
  return go(0, 0);
}

/**
 * One segment: the classic wildcard algorithm (remember the last `*` and where it started; on a mismatch, let it
 * take one more character). At most tokens x characters steps: no backtracking beyond the last star.
 */
function matchSegment(tokens: readonly Token[], s: string): boolean {
  const chars = Array.from(s); // code points, so `?` is one character even beyond the BMP
  let t = 0;
  let i = 0;
  let starT = -1;
  let starI = 0;
  while (i < chars.length) {
    const tok = tokens[t];
    if (tok && tok.t !== 'star' && single(tok, chars[i]!)) {
      t++;
      i++;
    } else if (tok?.t === 'star') {
      starT = t++;
      starI = i;
    } else if (starT >= 0) {
      t = starT + 1;
      i = ++starI;
    } else return false;
  }
  while (tokens[t]?.t === 'star') t++;
  return t === tokens.length;
}

function single(tok: Exclude<Token, { t: 'star' }>, ch: string): boolean {
  if (tok.t === 'char') return tok.c === ch;
  if (tok.t === 'any') return true;
  const cp = ch.codePointAt(0)!;
  const inSet = tok.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
  return inSet !== tok.negated;
}
