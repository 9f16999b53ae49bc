import { needsVectors, pendingContent, type Content } from '../domain/content.js';
import type { FileWrite, MediaFile } from '../domain/media-file.js';
import { reasonOf } from '../errors.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { Hasher } from '../ports/hasher.js';
import type { MediaSource } from '../ports/media-source.js';
import type { VectorStore } from '../ports/vector-store.js';
import { chunks, mapConcurrent } from './concurrency.js';
import type { Candidate } from './delta-prefilter.js';
import type { ScanContext } from './scan-context.js';
import { deleteReleasedVectors, syncVectorPaths } from './vector-paths.js';

type HashResult =
  | { readonly type: 'hashed'; readonly candidate: Candidate; readonly hash: string }
  | { readonly type: 'failed'; readonly candidate: Candidate; readonly reason: string }
  | { readonly type: 'changed'; readonly candidate: Candidate }
  | { readonly type: 'gone'; readonly candidate: Candidate };

export interface DeltaMonitorOptions {
  /** Candidates hashed and written per transaction. */
  readonly batchSize: number;
  /** Files hashed at once. */
  readonly concurrency: number;
}

/**
 * Stage 2 of a scan: hashes each candidate and decides what it is.
 * - Same hash as the path held before → a touch: metadata updated, nothing embedded.
 * - A new path whose hash is that of a vanished file → a move or rename: the vanished row takes the new path
 *   (keeping its id), nothing embedded.
 * - A hash whose content is already known (a copy, or content moved from elsewhere) → linked, nothing embedded.
 * - Otherwise a new pending content, handed to `index` after the batch is written.
 * Each batch is written in one transaction before any embedding, so a crash leaves pending contents that the
 * next scan picks up, never vectors for a path the database does not know.
 */
export class DeltaMonitor {
  constructor(
    private readonly files: FileRepository,
    private readonly vectors: VectorStore,
    private readonly source: MediaSource,
    private readonly hasher: Hasher,
    private readonly options: DeltaMonitorOptions = { batchSize: 256, concurrency: 4 },
  ) {}

  /**
   * Processes all candidates. Moves consume entries of `vanished` (the map is mutated: what is left afterwards has
   * really gone). `index` is called after each batch with the contents that need vectors.
   */
  async run(
    candidates: readonly Candidate[],
    vanished: Map<string, MediaFile[]>,
    ctx: ScanContext,
    index: (contents: Content[]) => Promise<void>,
  ): Promise<void> {
    let done = 0;
    ctx.progress('hashing', 0, candidates.length);
    for (const batch of chunks(candidates, this.options.batchSize)) {
      ctx.checkCancelled();
      const hashed = await mapConcurrent(batch, this.options.concurrency, (c) => this.hashOne(c, ctx.signal));
      await ctx.ensureRoom();
      const toIndex = await this.writeBatch(hashed, vanished, ctx);
      done += batch.length;
      ctx.progress('hashing', done, candidates.length);
      if (toIndex.length > 0) await index(toIndex);
    }
  }

  private async hashOne(candidate: Candidate, signal: AbortSignal | undefined): Promise<HashResult> {
    // Empty files all share one hash; they hold no picture, and must not stand for each other's failure.
    if (candidate.size === 0) return { type: 'failed', candidate, reason: 'the file is empty (0 bytes)' };
    try {
      const hash = await this.hasher.hash(this.source.read(candidate.path, signal));
      // The file must not have changed while it was read, or the hash would describe bytes no one has.
      const after = await this.source.stat(candidate.path);
      if (!after) return { type: 'gone', candidate };
      if (after.size !== candidate.size || after.mtimeNs !== candidate.mtimeNs) return { type: 'changed', candidate };
      return { type: 'hashed', candidate, hash };
    } catch (e) {
      if (signal?.aborted) throw e;
      if ((await this.source.stat(candidate.path)) === null) return { type: 'gone', candidate };
      return { type: 'failed', candidate, reason: `could not read the file: ${reasonOf(e)}` };
    }
  }

  private async writeBatch(
    results: readonly HashResult[],
    vanished: Map<string, MediaFile[]>,
    ctx: ScanContext,
  ): Promise<Content[]> {
    const { counts } = ctx;
    const hashes = [...new Set(results.flatMap((r) => (r.type === 'hashed' ? [r.hash] : [])))];
    const known = new Map((await this.files.findContents(hashes)).map((c) => [c.hash, c]));
    const contents = new Map<string, Content>(); // contents written by this batch
    const files: FileWrite[] = [];
    const release = new Set<string>();
    const touched = new Set<string>(); // contents whose set of paths changes

    for (const r of results) {
      const c = r.candidate;
      if (r.type === 'gone') continue; // deleted since the walk: the next scan sees it vanish
      if (r.type === 'changed') {
        counts.deferred++;
        ctx.issue(c.path, 'the file changed while it was being read; it will be indexed by the next scan');
        continue;
      }
      if (r.type === 'failed') {
        counts.failed++;
        ctx.issue(c.path, r.reason);
        files.push({ ...facts(c), contentHash: null, status: 'failed', error: r.reason });
        if (c.stored?.contentHash) {
          release.add(c.stored.contentHash);
          touched.add(c.stored.contentHash);
        }
        continue;
      }
      counts.hashed++;
      if (known.get(r.hash)?.releasedAt) counts.restored++; // its vectors were kept: linked again, not embedded
      const content = this.contentFor(r.hash, c, contents, known, ctx);
      const status = content.status === 'failed' ? ('failed' as const) : ('ok' as const);
      const write: FileWrite = { ...facts(c), contentHash: r.hash, status, error: content.error };
      touched.add(r.hash);
      if (c.stored) {
        if (c.stored.contentHash === r.hash) counts.unchanged++;
        else {
          counts.modified++;
          if (c.stored.contentHash) {
            release.add(c.stored.contentHash);
            touched.add(c.stored.contentHash);
          }
        }
        files.push(write);
        continue;
      }
      const from = vanished.get(r.hash)?.pop();
      if (from) {
        counts.moved++;
        files.push({ ...write, id: from.id });
      } else {
        counts.new++;
        files.push(write);
      }
    }

    const { releasedContents, retainedContents } = await this.files.apply({
      contents: [...contents.values()],
      files,
      releaseContents: [...release],
      releasedAt: ctx.startedAt,
    });
    counts.released += retainedContents.length;
    await deleteReleasedVectors(this.files, this.vectors, releasedContents);
    const released = new Set(releasedContents);
    const retained = new Set(retainedContents); // hidden from search: their paths become empty
    await syncVectorPaths(
      this.files,
      this.vectors,
      [...touched].filter(
        (h) => retained.has(h) || (!released.has(h) && (known.get(h) ?? contents.get(h))?.status === 'indexed'),
      ),
    );
    const linked = hashes.map((h) => contents.get(h) ?? known.get(h)!);
    return linked.filter((content) => needsVectors(content, ctx.modelId));
  }

  /** The content a hashed file links to, creating or re-queueing it when needed. */
  private contentFor(
    hash: string,
    c: Candidate,
    written: Map<string, Content>,
    known: Map<string, Content>,
    ctx: ScanContext,
  ): Content {
    const already = written.get(hash);
    if (already) return already;
    const existing = known.get(hash);
    let next: Content | null = null;
    if (!existing) next = pendingContent(hash, c.kind);
    else if (existing.status === 'failed')
      next = { ...existing, status: 'pending', error: null }; // the file changed: retry
    else if (ctx.mode === 'reindex' && !ctx.forced.has(hash)) next = { ...existing, status: 'pending' };
    if (ctx.mode === 'reindex') ctx.forced.add(hash);
    if (!next) return existing!;
    written.set(hash, next);
    return next;
  }
}

function facts(c: Candidate) {
  return { path: c.path, size: c.size, mtimeNs: c.mtimeNs, kind: c.kind };
}
