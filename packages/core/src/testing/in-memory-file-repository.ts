import type { Content } from '../domain/content.js';
import type { FileWrite, MediaFile, MediaKind } from '../domain/media-file.js';
import { linesText, textKeywords, type TextLine } from '../domain/image-text.js';
import { comparePaths } from '../domain/paths.js';
import { GlimpseError } from '../errors.js';
import {
  keywordTokens,
  METADATA_VERSION,
  pathKeywords,
  searchFold,
  type ContentMeta,
} from '../domain/media-metadata.js';
import type {
  ApplyResult,
  BrowsePage,
  ChangeBatch,
  FileRepository,
  FileStamp,
  MetadataFilter,
  PathRange,
  RepositoryStats,
} from '../ports/file-repository.js';

/** FileRepository in memory, for core unit tests. Passes the same contract suite as the database adapters. */
export class InMemoryFileRepository implements FileRepository {
  private readonly byId = new Map<string, MediaFile>();
  private readonly idOfPath = new Map<string, string>();
  private readonly contents = new Map<string, Content>();
  private readonly refs = new Map<string, number>();
  private readonly deletions = new Set<string>();
  private readonly meta = new Map<string, { version: number; meta: ContentMeta }>();
  private readonly texts = new Map<string, { reader: string; text: string }>();
  private sorted: string[] | null = null;
  private nextId = 1;

  async list(range: PathRange, limit: number, after?: string): Promise<MediaFile[]> {
    return this.page(range, limit, after);
  }

  private page(range: PathRange, limit: number, after?: string): MediaFile[] {
    const paths = this.sortedPaths();
    // First index at or after `from`, then strictly after `after`.
    const lowerBound = (key: string, strict: boolean, lo: number): number => {
      let hi = paths.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = comparePaths(paths[mid]!, key);
        if (c < 0 || (strict && c === 0)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    let start = range.from === undefined ? 0 : lowerBound(range.from, false, 0);
    if (after !== undefined) start = lowerBound(after, true, start);
    const out: MediaFile[] = [];
    for (let i = start; i < paths.length && out.length < limit; i++) {
      const p = paths[i]!;
      if (range.to !== undefined && comparePaths(p, range.to) >= 0) break;
      out.push(this.byId.get(this.idOfPath.get(p)!)!);
    }
    return out;
  }

  async listStamps(range: PathRange, limit: number, after?: string): Promise<FileStamp[]> {
    return this.page(range, limit, after).map(({ path, size, mtimeNs, kind }) => ({
      path,
      size,
      mtimeNs,
      kind,
    }));
  }

  async findByPaths(paths: readonly string[]): Promise<MediaFile[]> {
    return paths.flatMap((p) => {
      const id = this.idOfPath.get(p);
      return id ? [this.byId.get(id)!] : [];
    });
  }

  async findById(id: string): Promise<MediaFile | null> {
    return this.byId.get(id) ?? null;
  }

  async findByContent(hashes: readonly string[]): Promise<MediaFile[]> {
    const wanted = new Set(hashes);
    return [...this.byId.values()]
      .filter((f) => f.contentHash !== null && wanted.has(f.contentHash))
      .sort((a, b) => comparePaths(a.path, b.path));
  }

  async findContents(hashes: readonly string[]): Promise<Content[]> {
    return hashes.flatMap((h) => {
      const c = this.contents.get(h);
      const m = this.meta.get(h)?.meta;
      const t = this.texts.get(h);
      return c ? [{ ...c, ...(m ? { meta: m } : {}), ...(t ? { text: t.text } : {}) }] : [];
    });
  }

  async writeMetadata(entries: readonly { readonly hash: string; readonly meta: ContentMeta }[]): Promise<void> {
    for (const e of entries)
      if (this.contents.has(e.hash)) this.meta.set(e.hash, { version: METADATA_VERSION, meta: e.meta });
  }

  async writeText(
    entries: readonly { readonly hash: string; readonly reader: string; readonly lines: readonly TextLine[] }[],
  ): Promise<void> {
    for (const e of entries)
      if (this.contents.has(e.hash)) this.texts.set(e.hash, { reader: e.reader, text: linesText(e.lines) });
  }

  async listContentsNeedingText(reader: string, afterHash: string | null, limit: number): Promise<Content[]> {
    return [...this.contents.values()]
      .filter((c) => c.status === 'indexed' && c.kind === 'image' && c.releasedAt === null && this.refs.get(c.hash))
      .filter((c) => this.texts.get(c.hash)?.reader !== reader)
      .filter((c) => afterHash === null || c.hash > afterHash)
      .sort((a, b) => (a.hash < b.hash ? -1 : 1))
      .slice(0, limit);
  }

  async countContentsNeedingText(reader: string): Promise<number> {
    return (await this.listContentsNeedingText(reader, null, Number.MAX_SAFE_INTEGER)).length;
  }

  async textStats(): Promise<{ read: number; withText: number }> {
    const read = [...this.texts.entries()].filter(([h]) => this.contents.has(h));
    return { read: read.length, withText: read.filter(([, t]) => t.text !== '').length };
  }

  async listContentsNeedingMetadata(afterHash: string | null, limit: number): Promise<Content[]> {
    return [...this.contents.values()]
      .filter((c) => c.status === 'indexed' && this.refs.get(c.hash))
      .filter((c) => this.meta.get(c.hash)?.version !== METADATA_VERSION)
      .filter((c) => afterHash === null || c.hash > afterHash)
      .sort((a, b) => (a.hash < b.hash ? -1 : 1))
      .slice(0, limit);
  }

  async keywordCandidates(
    tokens: readonly string[],
    limit: number,
  ): Promise<{ files: { contentHash: string; path: string }[]; contents: string[] }> {
    const hits = (words: string[]) => tokens.filter((t) => words.some((w) => w.startsWith(t))).length;
    const files = [...this.byId.values()]
      .filter((f) => f.status === 'ok' && f.contentHash !== null)
      .map((f) => ({ f, n: hits(pathKeywords(f.path).split(' ')) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n || comparePaths(a.f.path, b.f.path))
      .slice(0, limit)
      .map((x) => ({ contentHash: x.f.contentHash!, path: x.f.path }));
    const contents = [...this.meta.entries()]
      .filter(([h]) => this.contents.has(h))
      .map(([h, { meta: m }]) => {
        const text = [m.cameraMake, m.cameraModel, m.lens, m.place?.city, m.place?.region, m.place?.country]
          .filter((x): x is string => !!x)
          .join(' ');
        return { h, n: hits(keywordTokens(text)) };
      })
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n || (a.h < b.h ? -1 : 1))
      .slice(0, limit)
      .map((x) => x.h);
    const texts = [...this.texts.entries()]
      .filter(([h, t]) => this.contents.has(h) && t.text !== '')
      .map(([h, t]) => ({ h, n: hits(textKeywords(t.text).split(' ')) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n || (a.h < b.h ? -1 : 1))
      .slice(0, limit)
      .map((x) => x.h);
    return { files, contents: [...new Set([...contents, ...texts])] };
  }

  async knownPlaces(): Promise<string[]> {
    const names = new Set<string>();
    for (const { meta: m } of this.meta.values())
      if (m.place) for (const n of [m.place.city, m.place.region, m.place.country]) if (n) names.add(n.toLowerCase());
    return [...names].sort();
  }

  async contentsMatching(filter: MetadataFilter, limit: number): Promise<string[]> {
    const has = (value: string | null, wanted: string) => !!value && searchFold(value).includes(searchFold(wanted));
    return [...this.meta.entries()]
      .filter(([h]) => this.contents.has(h))
      .filter(([, { meta: m }]) => {
        if (filter.camera && !has(m.cameraMake, filter.camera) && !has(m.cameraModel, filter.camera)) return false;
        if (filter.lens && !has(m.lens, filter.lens)) return false;
        if (filter.place) {
          const p = m.place;
          const code = p?.countryCode.toLowerCase() === filter.place.trim().toLowerCase();
          if (!p || !(code || has(p.city, filter.place) || has(p.region, filter.place) || has(p.country, filter.place)))
            return false;
        }
        return true;
      })
      .map(([h]) => h)
      .sort()
      .slice(0, limit);
  }

  async listContentsNeedingVectors(modelId: string, afterHash: string | null, limit: number): Promise<Content[]> {
    return [...this.contents.values()]
      .filter((c) => c.releasedAt === null)
      .filter((c) => c.status === 'pending' || (c.status === 'indexed' && c.modelId !== modelId))
      .filter((c) => afterHash === null || c.hash > afterHash)
      .sort((a, b) => (a.hash < b.hash ? -1 : 1))
      .slice(0, limit);
  }

  async listFailed(limit: number, offset: number): Promise<MediaFile[]> {
    return [...this.byId.values()]
      .filter((f) => f.status === 'failed')
      .sort((a, b) => comparePaths(a.path, b.path))
      .slice(offset, offset + limit);
  }

  async apply(batch: ChangeBatch): Promise<ApplyResult> {
    this.validate(batch);
    // Validation passed: nothing below can fail, so the batch is all or nothing.
    for (const c of batch.contents ?? []) {
      // The release mark is the repository's own: kept from the stored content, never taken from the write.
      this.contents.set(c.hash, { ...c, releasedAt: this.contents.get(c.hash)?.releasedAt ?? null });
    }
    for (const w of batch.files ?? []) this.write(w);
    for (const id of batch.deleteFiles ?? []) this.remove(id);
    for (const w of batch.files ?? []) {
      const held = w.contentHash === null ? undefined : this.contents.get(w.contentHash);
      if (held?.releasedAt) this.contents.set(held.hash, { ...held, releasedAt: null });
    }
    const released: string[] = [];
    const retained: string[] = [];
    const at = batch.releasedAt ?? new Date();
    for (const h of new Set(batch.releaseContents ?? [])) {
      const c = this.contents.get(h);
      if (!c || this.refs.get(h)) continue;
      if (c.status === 'indexed') {
        if (c.releasedAt === null) this.contents.set(h, { ...c, releasedAt: at });
        retained.push(h);
      } else {
        this.contents.delete(h);
        this.meta.delete(h);
        this.texts.delete(h);
        this.deletions.add(h);
        released.push(h);
      }
    }
    for (const h of batch.clearVectorDeletions ?? []) this.deletions.delete(h);
    return { releasedContents: released, retainedContents: retained };
  }

  async dropReleased(releasedUntil: Date, limit: number): Promise<string[]> {
    const dropped = [...this.contents.values()]
      .filter((c) => c.releasedAt !== null && c.releasedAt <= releasedUntil && !this.refs.get(c.hash))
      .map((c) => c.hash)
      .sort()
      .slice(0, limit);
    for (const h of dropped) {
      this.contents.delete(h);
      this.meta.delete(h);
      this.texts.delete(h);
      this.deletions.add(h);
    }
    return dropped;
  }

  private validate(batch: ChangeBatch): void {
    const contentsAfter = new Set([...this.contents.keys(), ...(batch.contents ?? []).map((c) => c.hash)]);
    const pathOwner = new Map<string, string>(); // path → id, for writes in this batch
    for (const w of batch.files ?? []) {
      if (w.contentHash !== null && !contentsAfter.has(w.contentHash)) {
        throw new GlimpseError('conflict', `file "${w.path}" references unknown content ${w.contentHash}`);
      }
      if (w.id !== undefined) {
        if (!this.byId.has(w.id)) throw new GlimpseError('not-found', `no file has the id ${w.id}`);
        const holder = pathOwner.get(w.path) ?? this.idOfPath.get(w.path);
        if (holder !== undefined && holder !== w.id) {
          throw new GlimpseError('conflict', `cannot move file ${w.id} to "${w.path}": another file is there`);
        }
        pathOwner.set(w.path, w.id);
      }
    }
  }

  private write(w: FileWrite): void {
    const id = w.id ?? this.idOfPath.get(w.path) ?? `f${this.nextId++}`;
    const old = this.byId.get(id);
    if (old) {
      if (old.path !== w.path) {
        this.idOfPath.delete(old.path);
        this.sorted = null;
      }
      this.unref(old.contentHash);
    } else this.sorted = null;
    const file: MediaFile = {
      id,
      path: w.path,
      size: w.size,
      mtimeNs: w.mtimeNs,
      kind: w.kind,
      contentHash: w.contentHash,
      status: w.status,
      error: w.error,
    };
    this.byId.set(id, file);
    this.idOfPath.set(w.path, id);
    if (w.contentHash) this.refs.set(w.contentHash, (this.refs.get(w.contentHash) ?? 0) + 1);
  }

  private remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    this.idOfPath.delete(old.path);
    this.unref(old.contentHash);
    this.sorted = null;
  }

  private unref(hash: string | null): void {
    if (hash) this.refs.set(hash, (this.refs.get(hash) ?? 1) - 1);
  }

  async listReleased(afterHash: string | null, limit: number): Promise<string[]> {
    return [...this.contents.values()]
      .filter((c) => c.releasedAt !== null && (afterHash === null || c.hash > afterHash))
      .map((c) => c.hash)
      .sort()
      .slice(0, limit);
  }

  async pendingVectorDeletions(limit: number): Promise<string[]> {
    return [...this.deletions].slice(0, limit);
  }

  async listContentHashes(afterHash: string | null, limit: number): Promise<string[]> {
    return [...this.contents.keys()]
      .filter((h) => afterHash === null || h > afterHash)
      .sort()
      .slice(0, limit);
  }

  async browse(modelId: string, page: BrowsePage): Promise<string[]> {
    return this.browsable(modelId, page.kind)
      .filter((c) => !page.before || (c.takenAt !== null && c.takenAt < page.before))
      .sort(
        (a, b) =>
          (b.takenAt?.getTime() ?? -Infinity) - (a.takenAt?.getTime() ?? -Infinity) ||
          (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0),
      )
      .slice(page.offset, page.offset + page.limit)
      .map((c) => c.hash);
  }

  async libraryMonths(modelId: string, kind?: MediaKind): Promise<{ month: string | null; count: number }[]> {
    const counts = new Map<string | null, number>();
    for (const c of this.browsable(modelId, kind)) {
      const month = c.takenAt ? c.takenAt.toISOString().slice(0, 7) : null;
      counts.set(month, (counts.get(month) ?? 0) + 1);
    }
    return [...counts]
      .map(([month, count]) => ({ month, count }))
      .sort((a, b) => (a.month === null ? 1 : b.month === null ? -1 : a.month < b.month ? 1 : -1));
  }

  private browsable(modelId: string, kind: MediaKind | undefined): Content[] {
    const held = new Set([...this.byId.values()].filter((f) => f.status === 'ok').map((f) => f.contentHash));
    return [...this.contents.values()].filter(
      (c) =>
        c.status === 'indexed' &&
        c.modelId === modelId &&
        c.releasedAt === null &&
        held.has(c.hash) &&
        (!kind || c.kind === kind),
    );
  }

  async stats(modelId: string): Promise<RepositoryStats> {
    let failedFiles = 0;
    for (const f of this.byId.values()) if (f.status === 'failed') failedFiles++;
    let contents = 0;
    let indexedContents = 0;
    let releasedContents = 0;
    let releasedPoints = 0;
    let oldestRelease: Date | null = null;
    for (const c of this.contents.values()) {
      const forModel = c.status === 'indexed' && c.modelId === modelId;
      if (c.releasedAt === null) {
        contents++;
        if (forModel) indexedContents++;
      } else if (forModel) {
        releasedContents++;
        releasedPoints += c.segments;
        if (oldestRelease === null || c.releasedAt < oldestRelease) oldestRelease = c.releasedAt;
      }
    }
    return {
      files: this.byId.size,
      failedFiles,
      contents,
      indexedContents,
      releasedContents,
      releasedPoints,
      oldestRelease,
    };
  }

  async reset(): Promise<void> {
    this.byId.clear();
    this.idOfPath.clear();
    this.contents.clear();
    this.meta.clear();
    this.texts.clear();
    this.refs.clear();
    this.deletions.clear();
    this.sorted = null;
  }

  private sortedPaths(): string[] {
    this.sorted ??= [...this.idOfPath.keys()].sort(comparePaths);
    return this.sorted;
  }
}
