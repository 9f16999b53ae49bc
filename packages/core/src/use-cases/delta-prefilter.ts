import type { MediaFile, MediaKind } from '../domain/media-file.js';
import { comparePaths, isUnder, subtreeRange } from '../domain/paths.js';
import { normalizeRoots, type Scope } from '../domain/scope.js';
import type { FileRepository, FileStamp, PathRange } from '../ports/file-repository.js';
import type { MediaSource, WalkEntry } from '../ports/media-source.js';
import type { ScanContext } from './scan-context.js';

/** A walked file that must be hashed: new, or its size or mtime differ from what is stored. */
export interface Candidate {
  readonly path: string;
  readonly size: number;
  readonly mtimeNs: bigint;
  readonly kind: MediaKind;
  /** What the index held at this path, or null for a new path. */
  readonly stored: MediaFile | null;
}

/** A prefilter's result as the merge finds it: stamps where the result has the stored records. */
interface Draft {
  readonly candidates: (Omit<Candidate, 'stored'> & { readonly stored: FileStamp | null })[];
  readonly vanished: FileStamp[];
  readonly offlineRoots: string[];
}

export interface PrefilterResult {
  readonly candidates: Candidate[];
  /** Stored files the walk did not meet (gone, or now out of scope). Their vectors are not deleted yet. */
  readonly vanished: MediaFile[];
  readonly offlineRoots: string[];
}

/**
 * Reads the stamps of the stored files of a path range page by page, in path order. `peek` is synchronous while the page lasts
 * (a rescan merges one entry per file, so a promise per step would cost more than the comparison itself).
 */
class StoredCursor {
  private page: FileStamp[] = [];
  private i = 0;
  private exhausted = false;
  /** The next page, requested as soon as the current one arrives, so the database works while the walk does. */
  private next: Promise<FileStamp[]> | null = null;

  constructor(
    private readonly files: FileRepository,
    private readonly range: PathRange,
    private readonly pageSize: number,
  ) {}

  /** The next stored file without consuming it; null at the end; undefined when the next page must be fetched. */
  peek(): FileStamp | null | undefined {
    if (this.i < this.page.length) return this.page[this.i]!;
    return this.exhausted ? null : undefined;
  }

  async head(): Promise<FileStamp | null> {
    const s = this.peek();
    if (s !== undefined) return s;
    const after = this.page.length ? this.page[this.page.length - 1]!.path : undefined;
    this.page = await (this.next ?? this.files.listStamps(this.range, this.pageSize, after));
    this.next = null;
    this.i = 0;
    if (this.page.length < this.pageSize) this.exhausted = true;
    else {
      this.next = this.files.listStamps(this.range, this.pageSize, this.page[this.page.length - 1]!.path);
      this.next.catch(() => undefined); // surfaced when awaited
    }
    return this.page[0] ?? null;
  }

  advance(): void {
    this.i++;
  }
}

/**
 * Stage 1 of a scan: finds what may have changed without reading any file. Walks each scope root in path order
 * and merges it with the stored files of that root, read in path order in pages: same size and mtime →
 * unchanged; otherwise a candidate for hashing. Stored files the walk did not meet, and stored files outside
 * every root, have vanished. Memory stays bounded by one page and one folder listing plus the changes found;
 * with nothing changed, nothing is written and the repository is read in `files / pageSize` round trips.
 */
export class DeltaPrefilter {
  constructor(
    private readonly files: FileRepository,
    private readonly source: MediaSource,
    private readonly pageSize = 5000,
  ) {}

  async run(scope: Scope, ctx: ScanContext): Promise<PrefilterResult> {
    const result: Draft = { candidates: [], vanished: [], offlineRoots: [] };
    const roots = normalizeRoots(scope.roots);
    for (const root of roots) {
      ctx.checkCancelled();
      const state = await this.source.probeRoot(root);
      const range = subtreeRange(root);
      const holdsFiles = state === 'ok' ? false : (await this.files.list(range, 1)).length > 0;
      if (state !== 'ok' && (state !== 'empty' || holdsFiles)) {
        result.offlineRoots.push(root);
        ctx.issue(root, offlineReason(state));
        continue;
      }
      await this.mergeRoot(scope, root, ctx, result);
    }
    // Stored files outside every root: the scope narrowed (or a root was removed).
    for (const gap of gapsBetween(roots)) {
      const cursor = new StoredCursor(this.files, gap, this.pageSize);
      for (let s = await cursor.head(); s; cursor.advance(), s = await cursor.head()) result.vanished.push(s);
    }
    ctx.progress('walking', ctx.counts.seen, ctx.counts.seen);
    return this.resolve(result);
  }

  /**
   * The stored records of the stamps the merge kept (changed and vanished files), read by path in pages. A record
   * gone since its stamp was read (another writer) leaves a candidate new and a vanished file out.
   */
  private async resolve(draft: Draft): Promise<PrefilterResult> {
    const wanted = [
      ...draft.candidates.flatMap((c) => (c.stored ? [c.stored.path] : [])),
      ...draft.vanished.map((v) => v.path),
    ];
    const records = new Map<string, MediaFile>();
    for (let i = 0; i < wanted.length; i += this.pageSize)
      for (const f of await this.files.findByPaths(wanted.slice(i, i + this.pageSize))) records.set(f.path, f);
    return {
      candidates: draft.candidates.map((c) => ({
        ...c,
        stored: c.stored ? (records.get(c.stored.path) ?? null) : null,
      })),
      vanished: draft.vanished.flatMap((v) => records.get(v.path) ?? []),
      offlineRoots: draft.offlineRoots,
    };
  }

  private async mergeRoot(scope: Scope, root: string, ctx: ScanContext, out: Draft): Promise<void> {
    const stored = new StoredCursor(this.files, subtreeRange(root), this.pageSize);
    const force = ctx.mode === 'reindex';
    const counts = ctx.counts;

    const drainBefore = async (key: string): Promise<void> => {
      for (let s = stored.peek() ?? (await stored.head()); s && comparePaths(s.path, key) < 0;) {
        out.vanished.push(s);
        stored.advance();
        s = stored.peek() ?? (await stored.head());
      }
    };

    for await (const batch of this.source.walk(scope, root, ctx.signal)) {
      counts.skipped += batch.skipped;
      counts.unsupported += batch.unsupported ?? 0;
      counts.links += batch.links ?? 0;
      for (const note of batch.notes) ctx.issue(note.path, note.reason);
      for (const entry of batch.entries) {
        if (entry.type === 'unreadable') {
          await this.keepUnreadable(entry, stored, drainBefore, ctx);
          continue;
        }
        counts.seen++;
        let s = stored.peek() ?? (await stored.head());
        if (s && comparePaths(s.path, entry.path) < 0) {
          await drainBefore(entry.path);
          s = stored.peek() ?? (await stored.head());
        }
        if (s && s.path === entry.path) {
          stored.advance();
          if (!force && s.size === entry.size && s.mtimeNs === entry.mtimeNs && s.kind === entry.kind) {
            counts.unchanged++;
            continue;
          }
          out.candidates.push({ ...fileFacts(entry), stored: s });
        } else {
          out.candidates.push({ ...fileFacts(entry), stored: null });
        }
      }
      ctx.progress('walking', counts.seen, null);
      ctx.checkCancelled();
    }
    await drainBefore(subtreeRange(root).to);
  }

  /** A folder that could not be listed: what the index holds below it is kept as it is. */
  private async keepUnreadable(
    entry: Extract<WalkEntry, { type: 'unreadable' }>,
    stored: StoredCursor,
    drainBefore: (key: string) => Promise<void>,
    ctx: ScanContext,
  ): Promise<void> {
    ctx.issue(entry.path, `folder could not be read (${entry.reason}); its indexed files are kept`);
    await drainBefore(`${entry.path}/`);
    for (let s = await stored.head(); s && isUnder(s.path, entry.path); s = await stored.head()) stored.advance();
  }
}

function fileFacts(e: { path: string; size: number; mtimeNs: bigint; kind: MediaKind }) {
  return { path: e.path, size: e.size, mtimeNs: e.mtimeNs, kind: e.kind };
}

function offlineReason(state: string): string {
  switch (state) {
    case 'missing':
      return 'scope root is missing (an unmounted disk?); its indexed files are kept until it is back';
    case 'unreadable':
      return 'scope root cannot be read (permissions?); its indexed files are kept';
    case 'not-a-folder':
      return 'scope root is not a folder any more; its indexed files are kept';
    default:
      return 'scope root is empty while the index holds files below it (an unmounted disk?); its indexed files are kept';
  }
}

/** The path ranges outside every root (roots sorted, none nested). */
export function gapsBetween(roots: readonly string[]): PathRange[] {
  if (roots.length === 0) return [{}];
  const gaps: PathRange[] = [];
  let from: string | undefined;
  for (const root of roots) {
    const r = subtreeRange(root);
    gaps.push(from === undefined ? { to: r.from } : { from, to: r.from });
    from = r.to;
  }
  gaps.push({ from: from! });
  return gaps;
}
