import type { Content } from '../domain/content.js';
import type { MediaFile, MediaKind } from '../domain/media-file.js';
import { comparePaths, isNormalAbsolutePath, isUnder } from '../domain/paths.js';
import { isDevelopedPath, isRawPath, pairCandidates } from '../domain/raw-pairs.js';
import { closeMoments } from '../domain/segment.js';
import { dot, meanDirection } from '../domain/vectors.js';
import { GlimpseError } from '../errors.js';
import type { Embedder, ImageInput } from '../ports/embedder.js';
import { cameraName, queryTokens, type Place, type TakenAtSource } from '../domain/media-metadata.js';
import { understandQuery, type Understood } from '../domain/query-understanding.js';
import type { FileRepository, MetadataFilter } from '../ports/file-repository.js';
import type { ContentHit, SegmentHit, StoredPoint, VectorFilter, VectorStore } from '../ports/vector-store.js';
import { bestKeywordMatch, fusedScore, type KeywordMatch } from './keyword-match.js';

export interface SearchFilters {
  readonly kind?: MediaKind;
  readonly from?: Date;
  readonly to?: Date;
  /** Absolute folder: only items with a path inside it. */
  readonly folder?: string;
  /** Only items whose camera's make or model contains this (case and accents ignored): "canon", "iphone 15". */
  readonly camera?: string;
  /** Only items whose lens contains this. */
  readonly lens?: string;
  /** Only items taken in a place whose town, region or country contains this, or whose country code it is. */
  readonly place?: string;
}

export interface SearchOptions extends SearchFilters {
  /**
   * Text searches: `fused` (the default) ranks by meaning and by keyword (file names, folders, cameras, lenses,
   * places) together; `meaning` by the model alone; `keywords` by keyword alone.
   */
  readonly ranking?: 'fused' | 'meaning' | 'keywords';
  /**
   * `relevance` (the default) or `date`: newest taken first (undated last), among the results a text search keeps
   * (see `Relevance`), within its best 1,000 by meaning.
   */
  readonly sort?: 'relevance' | 'date';
  /** Text searches: keep the weaker matches too ("show weaker matches"; see `Relevance`). */
  readonly weaker?: boolean;
  /** 1..200, default 20. */
  readonly limit?: number;
  /** Default 0, at most 10,000. */
  readonly offset?: number;
}

/** One search result: a content with where it lives now. */
export interface SearchResult {
  /** Id of the file shown for this result (the first of `paths`). */
  readonly id: string;
  readonly path: string;
  /** Every current path holding the same bytes (copies). */
  readonly paths: readonly string[];
  readonly kind: MediaKind;
  readonly score: number;
  readonly contentHash: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly takenAt: Date | null;
  readonly durationSec: number | null;
  /** For videos: the matching moments, best first. For images: empty. */
  readonly segments: readonly SegmentHit[];
  /** Where `takenAt` comes from (null until the file's metadata is read). */
  readonly takenAtSource: TakenAtSource | null;
  /** "Canon EOS R6", from the file's metadata. */
  readonly camera: string | null;
  readonly lens: string | null;
  readonly place: Place | null;
  /**
   * The same shot in other files: the RAW beside this JPEG (same folder, same name, another extension; see
   * `pairCandidates`). A RAW whose developed picture is indexed is not a result of its own.
   */
  readonly pairedWith: readonly string[];
  /** Why it is here: its similarity and rank by meaning, its keyword match, and the fused score that ranked it. */
  readonly why: {
    readonly vectorRank: number | null;
    readonly keyword: KeywordMatch | null;
    readonly keywordRank: number | null;
    /** Reciprocal rank fusion of the two ranks (+1 for an exact file name); null for a search by meaning alone. */
    readonly fused: number | null;
  };
}

/**
 * How a text search's results stand against noise, calibrated per model and per item: each result is compared with
 * its own similarity to nonsense queries (`NONSENSE_QUERIES`, embedded by the same model). A result that is no closer
 * to the query than to nonsense (by more than `NONSENSE_MARGIN`), and that no keyword matched, is a weaker match:
 * left out unless asked for. So a picture that resembles everything (blank, blurred, muddy) does not crowd in, and
 * a query that means nothing to the model finds nothing.
 */
export interface Relevance {
  /** Results closer to the query than to nonsense, or matched by keyword, counted within the best `RELEVANCE_WINDOW`. */
  readonly matches: number;
  /** True when the count stopped at that window: there are at least `matches`. */
  readonly atLeast: boolean;
  /** Weaker results within the window: left out, or shown after the matches when `weaker` was asked. */
  readonly weaker: number;
  /** Whether the weaker ones are in the results (the search asked for them). */
  readonly weakerShown: boolean;
}

/**
 * A page of results; `relevance` for text searches. `nextOffset` is where the next page starts (null: this was the
 * last): not always `offset + results.length`, because a RAW+JPEG pair shows once.
 */
export interface SearchPage {
  readonly results: SearchResult[];
  readonly relevance: Relevance | null;
  readonly nextOffset: number | null;
}

/**
 * Queries that mean nothing to any model: an item's best similarity to them is what noise reaches for it.
 * Letters only, no words of any language the models were trained on.
 */
export const NONSENSE_QUERIES = [
  'zqxj vkw',
  'qqpf zzrt',
  'xkcdq wmvb',
  'jjvq plzx',
  'wqzt kxvy',
  'fzzq bvxk',
  'vkqj zxwp',
  'pqxz jvkw',
];

/** A result must be closer to the query than to nonsense by more than this (nonsense of another length lands a hair apart). */
export const NONSENSE_MARGIN = 0.005;

/** How deep a text search counts its matches, and how deep a sort by date reaches. */
export const RELEVANCE_WINDOW = 400;

/** Contents a metadata filter may name; more than this and the search says to narrow it. */
export const MAX_FILTERED_CONTENTS = 200_000;

export const MAX_LIMIT = 200;
export const MAX_OFFSET = 10_000;

/** Search by text, by an image, or for items similar to an indexed one; results carry current paths. */
export class SearchMedia {
  constructor(
    private readonly files: FileRepository,
    private readonly vectors: VectorStore,
    private readonly embedder: Embedder,
  ) {}

  async byText(query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    return (await this.textPage(query, options, false)).results;
  }

  /** A text search with its relevance: weaker matches left out unless `weaker`; `sort` by relevance or date. */
  async byTextPage(query: string, options: SearchOptions = {}): Promise<SearchPage> {
    return this.textPage(query, options, true);
  }

  /** The text embedded and searched for; `weigh`: its results weighed against nonsense (see `Relevance`). */
  private async textPage(query: string, options: SearchOptions, weigh: boolean): Promise<SearchPage> {
    const text = checkedText(query);
    const [[vector], nonsense] = await Promise.all([
      this.embedder.embedTexts([text]),
      weigh ? this.nonsense() : Promise.resolve(null),
    ]);
    return this.search(vector!, options, [], options.ranking === 'meaning' ? null : text, nonsense);
  }

  /** The nonsense queries' vectors (see `Relevance`), embedded once. */
  private nonsense(): Promise<Float32Array[]> {
    this.nonsenseVectors ??= this.embedder.embedTexts(NONSENSE_QUERIES).catch((e: unknown) => {
      this.nonsenseVectors = null;
      throw e;
    });
    return this.nonsenseVectors;
  }
  private nonsenseVectors: Promise<Float32Array[]> | null = null;

  /** The contents among `hashes` closer to the query than to nonsense (see `Relevance`), by any of their points. */
  private async closerThanNonsense(
    hashes: readonly string[],
    query: Float32Array,
    nonsense: readonly Float32Array[],
  ): Promise<Set<string>> {
    const close = new Set<string>();
    for (const p of await this.vectors.pointsOf([...hashes])) {
      if (close.has(p.contentHash)) continue;
      let base = -Infinity;
      for (const n of nonsense) base = Math.max(base, dot(p.vector, n));
      if (dot(p.vector, query) > base + NONSENSE_MARGIN) close.add(p.contentHash);
    }
    return close;
  }

  /**
   * A text search that reads the query first (see `understandQuery`): a date, a kind and a place it names become
   * filters, unless the options give their own or `skip` names them (a chip the user removed), and the rest is
   * searched for. What was understood comes back with the results. When every word was a filter ("videos 2019"),
   * the whole query is what the model is asked for, within those filters.
   */
  async byTextUnderstood(
    query: string,
    options: SearchOptions = {},
    skip: readonly Understood['type'][] = [],
  ): Promise<{ understood: readonly Understood[]; text: string } & SearchPage> {
    const skipped = new Set(skip);
    if (options.from || options.to) skipped.add('date');
    if (options.kind) skipped.add('kind');
    if (options.place) skipped.add('place');
    const places = skipped.has('place') ? new Set<string>() : await this.knownPlaces();
    const { understood, text } = understandQuery(query, places, [...skipped]);
    const filters: SearchOptions = { ...options };
    for (const u of understood) {
      if (u.type === 'date') Object.assign(filters, { from: u.from, to: u.to });
      else if (u.type === 'kind') Object.assign(filters, { kind: u.kind });
      else Object.assign(filters, { place: u.place });
    }
    // Every word a filter ("videos 2019"): everything within them is what was asked for, none weaker.
    if (text === '' && understood.length > 0) {
      return { understood, text, ...(await this.textPage(query, filters, false)) };
    }
    return { understood, text, ...(await this.byTextPage(text || query, filters)) };
  }

  /** The places the index's items were taken in, lower-cased; re-read at most every 30 s. */
  private async knownPlaces(): Promise<Set<string>> {
    const now = Date.now();
    if (!this.places || now - this.places.at > 30_000)
      this.places = { at: now, names: new Set(await this.files.knownPlaces()) };
    return this.places.names;
  }
  private places: { at: number; names: Set<string> } | null = null;

  async byImage(image: ImageInput, options: SearchOptions = {}): Promise<SearchResult[]> {
    return (await this.byImagePage(image, options)).results;
  }

  async byImagePage(image: ImageInput, options: SearchOptions = {}): Promise<SearchPage> {
    const [outcome] = await this.embedder.embedImages([image]);
    if (!outcome!.ok) throw outcome!.error;
    return this.search(outcome!.value.vector, options, []);
  }

  /** Items that look like the file with this id (it is left out). Throws `not-found` for an unknown id. */
  async similarTo(fileId: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    return (await this.similarToPage(fileId, options)).results;
  }

  async similarToPage(fileId: string, options: SearchOptions = {}): Promise<SearchPage> {
    const file = await this.files.findById(fileId);
    if (!file) throw new GlimpseError('not-found', `No indexed file has the id "${fileId}".`);
    if (!file.contentHash)
      throw new GlimpseError('conflict', `"${file.path}" could not be read, so nothing can be compared with it.`);
    const vectors = await this.vectors.vectorsOf(file.contentHash);
    if (vectors.length === 0) {
      throw new GlimpseError('conflict', `"${file.path}" is not indexed yet; try again when the scan has finished.`);
    }
    return this.search(meanDirection(vectors), options, [file.contentHash]);
  }

  /**
   * The library by date, newest taken first (undated last): a page of results with score 0 (nothing ranked them),
   * `before` to jump to a month. Pairs collapse as in a search.
   */
  async browse(
    options: { before?: Date; kind?: MediaKind; offset?: number; limit?: number } = {},
  ): Promise<{ results: SearchResult[]; nextOffset: number | null }> {
    const limit = options.limit ?? 40;
    const offset = options.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT || !Number.isInteger(offset) || offset < 0)
      throw new GlimpseError('invalid-input', `limit must be 1 to ${MAX_LIMIT} and offset a whole number.`);
    if (options.before && Number.isNaN(options.before.getTime()))
      throw new GlimpseError('invalid-input', 'before is not a valid date.');
    const hashes = await this.files.browse(this.vectors.modelId, {
      ...(options.before ? { before: options.before } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
      offset,
      limit: limit + PAIR_SLACK,
    });
    const contents = new Map((await this.files.findContents(hashes)).map((c) => [c.hash, c]));
    const ranked = hashes.flatMap((h) => {
      const c = contents.get(h);
      if (!c) return [];
      const hit: ContentHit = { contentHash: h, kind: c.kind, score: 0, segments: [] };
      return [{ hit, vectorRank: null, keyword: null, keywordRank: null, fused: null }];
    });
    const { results, consumed } = await this.present(ranked, {}, limit);
    const more = consumed < hashes.length || hashes.length === limit + PAIR_SLACK;
    return { results, nextOffset: more ? offset + consumed : null };
  }

  /** How many items the library has in each month (UTC), newest first, the undated last. */
  async months(kind?: MediaKind): Promise<{ month: string | null; count: number }[]> {
    return this.files.libraryMonths(this.vectors.modelId, kind);
  }

  private async search(
    vector: Float32Array,
    options: SearchOptions,
    exclude: string[],
    text: string | null = null,
    nonsense: readonly Float32Array[] | null = null,
  ): Promise<SearchPage> {
    const { limit, offset, filter, meta } = validate(options);
    const relevanceOf = (counted: Omit<Relevance, 'weakerShown'>): Relevance | null =>
      nonsense === null ? null : { ...counted, weakerShown: options.weaker === true };
    const none = { results: [], nextOffset: null, relevance: relevanceOf({ matches: 0, atLeast: false, weaker: 0 }) };
    let only: string[] | null = null;
    if (meta) {
      only = await this.files.contentsMatching(meta, MAX_FILTERED_CONTENTS + 1);
      if (only.length > MAX_FILTERED_CONTENTS)
        throw new GlimpseError(
          'invalid-input',
          `More than ${MAX_FILTERED_CONTENTS.toLocaleString('en')} items match that camera, lens or place; narrow it.`,
        );
      if (only.length === 0) return none;
    }
    const vectorFilter: VectorFilter = {
      ...filter,
      ...(exclude.length ? { excludeContents: exclude } : {}),
      ...(only ? { onlyContents: only } : {}),
    };
    const tokens = text ? queryTokens(text) : [];
    const keyword = tokens.length ? await this.files.keywordCandidates(tokens, KEYWORD_CANDIDATES) : null;
    const byKeywordsOnly = options.ranking === 'keywords';
    const byDate = options.sort === 'date';
    const noKeywords = !keyword || (keyword.files.length === 0 && keyword.contents.length === 0);
    // Beyond the largest window (a page past the first 1,000) the ranking is by meaning alone, as deep as it goes.
    const beyond = offset + limit > WINDOWS[WINDOWS.length - 1]!;
    const weighed = nonsense !== null || byDate;
    if (!byKeywordsOnly && !weighed && (beyond || noKeywords)) {
      const hits = await this.vectors.search({ vector, limit: limit + PAIR_SLACK, offset, filter: vectorFilter });
      const { results, consumed } = await this.present(
        hits.map((hit, k) => ({ hit, vectorRank: offset + k + 1, keyword: null, keywordRank: null, fused: null })),
        options,
        limit,
      );
      const more = consumed < hits.length || hits.length === limit + PAIR_SLACK;
      return { results, relevance: null, nextOffset: more ? offset + consumed : null };
    }

    // The best `window` by meaning and the keyword candidates, each list ranked on its own, then by reciprocal rank
    // fusion. Pages are slices of one list for every offset within a window. A search that weighs relevance makes one
    // list for every offset (so pages never skip or repeat): its matches, counted within the best 60 by meaning, or
    // within RELEVANCE_WINDOW when the 60th is still a match; a sort by date, or the weaker ones shown, always the
    // whole RELEVANCE_WINDOW. Such a list ends there.
    let window = weighed
      ? byDate || options.weaker
        ? RELEVANCE_WINDOW
        : WINDOWS[0]!
      : (WINDOWS.find((w) => w >= offset + limit) ?? WINDOWS[WINDOWS.length - 1]!);
    const searchWindow = (n: number) =>
      byKeywordsOnly ? Promise.resolve([]) : this.vectors.search({ vector, limit: n, offset: 0, filter: vectorFilter });
    const closeOf = (h: readonly ContentHit[]) =>
      nonsense
        ? this.closerThanNonsense(
            h.map((x) => x.contentHash),
            vector,
            nonsense,
          )
        : Promise.resolve(null);
    let hits = await searchWindow(window);
    // Whether the window's last is a match (then there may be more below it): asked of that one first.
    const lastIsClose = async (h: readonly ContentHit[]) =>
      nonsense !== null && h.length === window && (await closeOf(h.slice(-1)))!.size === 1;
    if (window < RELEVANCE_WINDOW && (await lastIsClose(hits))) hits = await searchWindow((window = RELEVANCE_WINDOW));
    const close = await closeOf(hits);
    const candidates = [
      ...new Set([...(keyword?.files ?? []).map((f) => f.contentHash), ...(keyword?.contents ?? [])]),
    ];
    const [rows, contents] = candidates.length
      ? await Promise.all([this.files.findByContent(candidates), this.files.findContents(candidates)])
      : [[], []];
    const filesOf = groupFiles(rows);
    const contentOf = new Map(contents.map((c) => [c.hash, c]));
    const onlySet = only ? new Set(only) : null;
    const matches: { hash: string; match: KeywordMatch }[] = [];
    for (const hash of candidates) {
      const content = contentOf.get(hash);
      const held = (filesOf.get(hash) ?? []).filter((f) => f.status === 'ok');
      // The filters apply to keyword matches as to the vector search: kind, dates, folder, metadata, exclusions.
      if (!content || content.status !== 'indexed' || content.modelId !== this.vectors.modelId) continue;
      if (held.length === 0 || exclude.includes(hash) || (onlySet && !onlySet.has(hash))) continue;
      if (filter.kind && content.kind !== filter.kind) continue;
      if ((filter.takenFrom || filter.takenTo) && !inRange(content.takenAt, filter.takenFrom, filter.takenTo)) continue;
      const paths = held.map((f) => f.path).filter((p) => !filter.folder || isUnder(p, filter.folder));
      if (paths.length === 0) continue;
      const match = bestKeywordMatch(text!, tokens, paths, content);
      if (match) matches.push({ hash, match });
    }
    matches.sort(
      (a, b) => Number(b.match.exact) - Number(a.match.exact) || b.match.score - a.match.score || cmp(a.hash, b.hash),
    );
    const keywordRank = new Map(matches.map((m, k) => [m.hash, { rank: k + 1, match: m.match }]));
    const vectorRank = new Map(hits.map((h, k) => [h.contentHash, k + 1]));
    const hitOf = new Map(hits.map((h) => [h.contentHash, h]));
    const fusing = matches.length > 0 || byKeywordsOnly;
    let ranked = [...new Set([...hits.map((h) => h.contentHash), ...matches.map((m) => m.hash)])]
      .map((hash) => {
        const k = keywordRank.get(hash);
        return { hash, score: fusedScore(vectorRank.get(hash) ?? null, k?.rank ?? null, k?.match.exact ?? false) };
      })
      // Equal fused scores: the better by meaning first, then by hash (one order, every page, every store).
      .sort(
        (a, b) =>
          b.score - a.score ||
          (vectorRank.get(a.hash) ?? Infinity) - (vectorRank.get(b.hash) ?? Infinity) ||
          cmp(a.hash, b.hash),
      );
    let relevance: Relevance | null = null;
    if (close) {
      const above = (hash: string) => keywordRank.has(hash) || close.has(hash);
      const kept = ranked.filter((r) => above(r.hash));
      const weaker = ranked.length - kept.length;
      // The weaker ones, when asked for, come after every match (in their order).
      ranked = options.weaker ? [...kept, ...ranked.filter((r) => !above(r.hash))] : kept;
      const full = hits.length === window && close.has(hits[hits.length - 1]!.contentHash);
      relevance = relevanceOf({ matches: kept.length, atLeast: full, weaker });
    }
    if (byDate) {
      const unread = ranked.map((r) => r.hash).filter((h) => !contentOf.has(h));
      const takenAt = new Map([...contentOf].map(([h, c]) => [h, c.takenAt]));
      for (const c of await this.files.findContents(unread)) takenAt.set(c.hash, c.takenAt);
      const time = (hash: string) => takenAt.get(hash)?.getTime() ?? -Infinity;
      ranked = ranked.map((r, k) => ({ ...r, k })).sort((a, b) => time(b.hash) - time(a.hash) || a.k - b.k);
    }
    const page = ranked.slice(offset, offset + limit + PAIR_SLACK);
    // Items found by keyword alone get their similarity too (and a video its moments), from their vectors.
    const missing = page.filter((f) => !hitOf.has(f.hash)).map((f) => f.hash);
    if (missing.length) {
      const points = await this.vectors.pointsOf(missing);
      for (const hash of missing) {
        const hit = hitFromPoints(
          hash,
          points.filter((p) => p.contentHash === hash),
          vector,
        );
        if (hit) hitOf.set(hash, hit);
      }
    }
    const { results, consumed } = await this.present(
      page.flatMap((f) => {
        const hit = hitOf.get(f.hash);
        if (!hit) return [];
        const k = keywordRank.get(f.hash);
        return [
          {
            hit,
            vectorRank: vectorRank.get(f.hash) ?? null,
            keyword: k?.match ?? null,
            keywordRank: k?.rank ?? null,
            fused: fusing ? f.score : null,
          },
        ];
      }),
      options,
      limit,
      { filesOf, contentOf },
    );
    // The list goes on past the window for a search that does not weigh relevance (the next page reads a deeper one).
    const more =
      offset + consumed < ranked.length ||
      (!weighed && hits.length === window && window < WINDOWS[WINDOWS.length - 1]!);
    return { results, relevance, nextOffset: more ? offset + consumed : null };
  }

  /** Results with their current paths and facts, in the order given; hits whose files are gone are left out. */
  private async present(
    ranked: {
      hit: ContentHit;
      vectorRank: number | null;
      keyword: KeywordMatch | null;
      keywordRank: number | null;
      fused: number | null;
    }[],
    options: SearchOptions,
    limit: number,
    known: { filesOf: Map<string, MediaFile[]>; contentOf: Map<string, Content> } = {
      filesOf: new Map(),
      contentOf: new Map(),
    },
  ): Promise<{ results: SearchResult[]; consumed: number }> {
    if (ranked.length === 0) return { results: [], consumed: 0 };
    // Only what the ranking did not read already (a fused search has read its keyword candidates).
    const hashes = ranked.map((r) => r.hit.contentHash).filter((h) => !known.contentOf.has(h));
    const [rows, contents] = hashes.length
      ? await Promise.all([this.files.findByContent(hashes), this.files.findContents(hashes)])
      : [[], []];
    const filesOf = new Map([...known.filesOf, ...groupFiles(rows)]);
    const contentOf = new Map<string, Content>([...known.contentOf, ...contents.map((c) => [c.hash, c] as const)]);
    const results: SearchResult[] = [];
    // Which ranked entry each result came from: the next page starts after the last one shown.
    const from = new Map<SearchResult, number>();
    for (const [k, { hit, vectorRank, keyword, keywordRank, fused }] of ranked.entries()) {
      // The vector store's paths may lag a move by one step; the file database has the last word.
      let held = (filesOf.get(hit.contentHash) ?? []).filter((f) => f.status === 'ok' || !keyword);
      if (options.folder) held = held.filter((f) => isUnder(f.path, options.folder!));
      const first = held[0];
      const content = contentOf.get(hit.contentHash);
      if (!first || !content) continue;
      results.push({
        id: first.id,
        path: first.path,
        paths: held.map((f) => f.path),
        kind: hit.kind,
        score: hit.score,
        contentHash: hit.contentHash,
        width: content.width,
        height: content.height,
        takenAt: content.takenAt,
        durationSec: content.durationSec,
        segments: hit.kind === 'video' ? closeMoments(hit.segments) : [],
        takenAtSource: content.meta?.takenAtSource ?? null,
        camera: content.meta ? cameraName(content.meta) : null,
        lens: content.meta?.lens ?? null,
        place: content.meta?.place ?? null,
        pairedWith: [],
        why: { vectorRank, keyword, keywordRank, fused },
      });
      from.set(results[results.length - 1]!, k);
    }
    const paired = await this.pairRaw(results, from);
    const shown = paired.slice(0, limit);
    const consumed = paired.length > limit ? from.get(shown[shown.length - 1]!)! + 1 : ranked.length;
    return { results: shown, consumed };
  }

  /**
   * RAW+JPEG pairs shown once, as the JPEG (see `pairCandidates`): a RAW result whose developed picture is indexed
   * gives way to it: the picture takes the RAW's place, and shows once, at the better of the two ranks (so a shot
   * found by its RAW's name still shows). The picture names the RAW.
   */
  private async pairRaw(results: SearchResult[], from: Map<SearchResult, number>): Promise<SearchResult[]> {
    const candidates = [...new Set(results.flatMap((r) => r.paths.flatMap(pairCandidates)))];
    if (candidates.length === 0) return results;
    const found = (await this.files.findByPaths(candidates)).filter((f) => f.status === 'ok' && f.contentHash);
    if (found.length === 0) return results;
    const partnerContents = new Map(
      (await this.files.findContents([...new Set(found.map((f) => f.contentHash!))]))
        .filter((c) => c.status === 'indexed' && c.modelId === this.vectors.modelId && c.releasedAt === null)
        .map((c) => [c.hash, c]),
    );
    const fileAt = new Map(found.filter((f) => partnerContents.has(f.contentHash!)).map((f) => [f.path, f]));
    const out: SearchResult[] = [];
    const keep = (next: SearchResult, was: SearchResult) => {
      out.push(next);
      from.set(next, from.get(was)!);
    };
    for (const r of results) {
      const partners = r.paths.flatMap(pairCandidates).flatMap((p) => (fileAt.has(p) ? [fileAt.get(p)!] : []));
      const developed = partners.find((f) => isDevelopedPath(f.path));
      if (r.paths.every(isRawPath) && developed) {
        const c = partnerContents.get(developed.contentHash!)!;
        keep(
          {
            ...r,
            id: developed.id,
            path: developed.path,
            paths: [developed.path],
            kind: c.kind,
            contentHash: c.hash,
            width: c.width,
            height: c.height,
            takenAt: c.takenAt,
            durationSec: c.durationSec,
            segments: [],
            takenAtSource: c.meta?.takenAtSource ?? r.takenAtSource,
            camera: c.meta ? cameraName(c.meta) : r.camera,
            lens: c.meta?.lens ?? r.lens,
            place: c.meta?.place ?? r.place,
            pairedWith: [...r.paths],
          },
          r,
        );
        continue;
      }
      const raws = [...new Set(partners.map((f) => f.path).filter(isRawPath))].sort(comparePaths);
      keep(raws.length ? { ...r, pairedWith: raws } : r, r);
    }
    // A JPEG that stood in for its RAW and also ranks on its own is shown once, at the better rank.
    const seen = new Set<string>();
    return out.filter((r) => !seen.has(r.contentHash) && seen.add(r.contentHash));
  }
}

/**
 * Results asked for beyond the page, so that a page whose RAW+JPEG pairs collapse into one result each is still
 * full (a client appending pages drops the few it already has).
 */
const PAIR_SLACK = 8;

/** Keyword candidates asked of the file database. */
const KEYWORD_CANDIDATES = 100;
/** How many contents by meaning a fused search ranks: the smallest that covers the page. */
const WINDOWS = [60, RELEVANCE_WINDOW, 1000];

function checkedText(query: string): string {
  const text = query.trim();
  if (text === '') throw new GlimpseError('invalid-input', 'The search text is empty: type what you are looking for.');
  if (text.length > 1000)
    throw new GlimpseError('invalid-input', 'The search text is too long (at most 1000 characters).');
  return text;
}

function groupFiles(rows: readonly MediaFile[]): Map<string, MediaFile[]> {
  const filesOf = new Map<string, MediaFile[]>();
  for (const f of rows) if (f.contentHash) filesOf.set(f.contentHash, [...(filesOf.get(f.contentHash) ?? []), f]);
  return filesOf;
}

function inRange(d: Date | null, from: Date | undefined, to: Date | undefined): boolean {
  if (!d) return false;
  return !(from && d < from) && !(to && d > to);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A content's hit from its points: its best segment's similarity, a video's moments best first. */
function hitFromPoints(hash: string, points: readonly StoredPoint[], query: Float32Array): ContentHit | undefined {
  if (points.length === 0) return undefined;
  const segments = points
    .map((p) => ({
      segment: p.segment,
      score: dot(p.vector, query),
      startSec: p.startSec,
      endSec: p.endSec,
      frameSec: p.frameSec,
    }))
    .sort((a, b) => b.score - a.score || a.segment - b.segment);
  return { contentHash: hash, kind: points[0]!.kind, score: segments[0]!.score, segments };
}

function validate(options: SearchOptions): {
  limit: number;
  offset: number;
  filter: VectorFilter;
  meta: MetadataFilter | null;
} {
  const problems: string[] = [];
  const limit = options.limit ?? 20;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    problems.push(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
    problems.push(`offset must be a whole number from 0 to ${MAX_OFFSET}`);
  if (options.kind !== undefined && options.kind !== 'image' && options.kind !== 'video')
    problems.push('kind must be "image" or "video"');
  for (const [name, d] of [
    ['from', options.from],
    ['to', options.to],
  ] as const) {
    if (d !== undefined && Number.isNaN(d.getTime())) problems.push(`${name} is not a valid date`);
  }
  if (options.from && options.to && options.from > options.to) problems.push('from must not be after to');
  if (options.folder !== undefined && !isNormalAbsolutePath(options.folder))
    problems.push('folder must be an absolute path');
  if (options.ranking !== undefined && !['fused', 'meaning', 'keywords'].includes(options.ranking))
    problems.push('ranking must be "fused", "meaning" or "keywords"');
  if (options.sort !== undefined && options.sort !== 'relevance' && options.sort !== 'date')
    problems.push('sort must be "relevance" or "date"');
  const meta: { camera?: string; lens?: string; place?: string } = {};
  for (const name of ['camera', 'lens', 'place'] as const) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.trim() === '' || v.length > 100)
      problems.push(`${name} must be 1 to 100 characters`);
    else meta[name] = v.trim();
  }
  if (problems.length)
    throw new GlimpseError('invalid-input', `The search options are not valid: ${problems.join('; ')}.`);
  const filter: VectorFilter = {
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.from ? { takenFrom: options.from } : {}),
    ...(options.to ? { takenTo: options.to } : {}),
    ...(options.folder ? { folder: options.folder } : {}),
  };
  return { limit, offset, filter, meta: Object.keys(meta).length ? meta : null };
}
