import type { Content } from '../domain/content.js';
import type { MediaFile, MediaKind } from '../domain/media-file.js';
import { isNormalAbsolutePath, isUnder } from '../domain/paths.js';
import { meanDirection } from '../domain/vectors.js';
import { GlimpseError } from '../errors.js';
import type { Embedder, ImageInput } from '../ports/embedder.js';
import { cameraName, type Place, type TakenAtSource } from '../domain/media-metadata.js';
import { understandQuery, type Understood } from '../domain/query-understanding.js';
import type { FileRepository, MetadataFilter } from '../ports/file-repository.js';
import type { SegmentHit, VectorFilter, VectorStore } from '../ports/vector-store.js';

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
}

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
    const text = query.trim();
    if (text === '')
      throw new GlimpseError('invalid-input', 'The search text is empty: type what you are looking for.');
    if (text.length > 1000)
      throw new GlimpseError('invalid-input', 'The search text is too long (at most 1000 characters).');
    const [vector] = await this.embedder.embedTexts([text]);
    return this.search(vector!, options, []);
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
  ): Promise<{ understood: readonly Understood[]; text: string; results: SearchResult[] }> {
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
    const results = await this.byText(text || query, filters);
    return { understood, text, results };
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
    const [outcome] = await this.embedder.embedImages([image]);
    if (!outcome!.ok) throw outcome!.error;
    return this.search(outcome!.value.vector, options, []);
  }

  /** Items that look like the file with this id (it is left out). Throws `not-found` for an unknown id. */
  async similarTo(fileId: string, options: SearchOptions = {}): Promise<SearchResult[]> {
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

  private async search(vector: Float32Array, options: SearchOptions, exclude: string[]): Promise<SearchResult[]> {
    const { limit, offset, filter, meta } = validate(options);
    let only: string[] | null = null;
    if (meta) {
      only = await this.files.contentsMatching(meta, MAX_FILTERED_CONTENTS + 1);
      if (only.length > MAX_FILTERED_CONTENTS)
        throw new GlimpseError(
          'invalid-input',
          `More than ${MAX_FILTERED_CONTENTS.toLocaleString('en')} items match that camera, lens or place; narrow it.`,
        );
      if (only.length === 0) return [];
    }
    const hits = await this.vectors.search({
      vector,
      limit,
      offset,
      filter: {
        ...filter,
        ...(exclude.length ? { excludeContents: exclude } : {}),
        ...(only ? { onlyContents: only } : {}),
      },
    });
    if (hits.length === 0) return [];
    const hashes = hits.map((h) => h.contentHash);
    const [rows, contents] = await Promise.all([this.files.findByContent(hashes), this.files.findContents(hashes)]);
    const filesOf = new Map<string, MediaFile[]>();
    for (const f of rows) if (f.contentHash) filesOf.set(f.contentHash, [...(filesOf.get(f.contentHash) ?? []), f]);
    const contentOf = new Map<string, Content>(contents.map((c) => [c.hash, c]));
    const results: SearchResult[] = [];
    for (const hit of hits) {
      // The vector store's paths may lag a move by one step; the file database has the last word.
      let held = filesOf.get(hit.contentHash) ?? [];
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
        segments: hit.kind === 'video' ? hit.segments : [],
        takenAtSource: content.meta?.takenAtSource ?? null,
        camera: content.meta ? cameraName(content.meta) : null,
        lens: content.meta?.lens ?? null,
        place: content.meta?.place ?? null,
      });
    }
    return results;
  }
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
