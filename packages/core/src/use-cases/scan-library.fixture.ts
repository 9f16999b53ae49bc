import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { makeScope, type Scope } from '../domain/scope.js';
import type { ScanReport } from '../domain/scan-report.js';
import { NodeCryptoHasher, NodeMediaSource } from '../node/index.js';
import type { WorkersOption } from '../ports/embedding-queue.js';
import type { Embedder } from '../ports/embedder.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { MediaSource } from '../ports/media-source.js';
import type { TextReader } from '../ports/text-reader.js';
import type { VectorStore } from '../ports/vector-store.js';
import {
  CountingHasher,
  FakeEmbedder,
  FakeVideoSampler,
  InMemoryFileRepository,
  InMemoryVectorStore,
} from '../testing/index.js';
import { DEFAULT_RELEASE_GRACE_MS, ScanLibrary, type ScanRunOptions } from './scan-library.js';
import { SearchMedia } from './search-media.js';
import { allContents } from './content-pages.js';

/** A library in a real temp folder, scanned with the real fs source and SHA-256, and the in-memory stores. */
export class TempLibrary {
  readonly source: MediaSource;
  readonly files = new InMemoryFileRepository();
  readonly embedder: FakeEmbedder;
  readonly vectors: InMemoryVectorStore;
  readonly hasher = new CountingHasher(new NodeCryptoHasher());
  /** How long released contents keep their vectors in this library's scans (milliseconds). */
  graceMs: number = DEFAULT_RELEASE_GRACE_MS;
  /** The scans' clock: moved forward by {@link advanceClock}. */
  private clockOffsetMs = 0;
  private mtime = 1_700_000_000;

  private constructor(
    readonly dir: string,
    readonly root: string,
    source?: MediaSource,
  ) {
    this.source = source ?? new NodeMediaSource({ walker: 'thread' }); // the worker walker has its own tests
    this.embedder = new FakeEmbedder(this.source);
    this.vectors = new InMemoryVectorStore(this.embedder.modelId, this.embedder.dimension);
  }

  static async create(wrap?: (s: MediaSource) => MediaSource): Promise<TempLibrary> {
    const dir = await mkdtemp(join(tmpdir(), 'glimpse-scan-'));
    const root = join(dir, 'lib');
    await mkdir(root);
    return new TempLibrary(dir, root, wrap?.(new NodeMediaSource({ walker: 'thread' })));
  }

  path(rel: string): string {
    return join(this.root, rel);
  }

  /** Writes a file with a distinct, increasing mtime (so changes are visible even on coarse clocks). */
  async write(rel: string, content: string): Promise<string> {
    const p = this.path(rel);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, content);
    this.mtime += 10;
    await utimes(p, this.mtime, this.mtime);
    return p;
  }

  async touch(rel: string): Promise<void> {
    this.mtime += 10;
    await utimes(this.path(rel), this.mtime, this.mtime);
  }

  async remove(rel: string): Promise<void> {
    await rm(this.path(rel), { recursive: true, force: true });
  }

  scope(overrides: Partial<Scope> = {}): Scope {
    return makeScope({ roots: [this.root], ...overrides });
  }

  /** Moves the scans' clock forward (e.g. past the grace period of released contents). */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  scanner(
    deps: Partial<{
      files: FileRepository;
      vectors: VectorStore;
      embedder: Embedder;
      source: MediaSource;
      workers: WorkersOption;
      text: TextReader;
    }> = {},
  ): ScanLibrary {
    return new ScanLibrary(
      {
        files: deps.files ?? this.files,
        vectors: deps.vectors ?? this.vectors,
        embedder: deps.embedder ?? this.embedder,
        source: deps.source ?? this.source,
        hasher: this.hasher,
        videos: new FakeVideoSampler(this.source),
        now: () => Date.now() + this.clockOffsetMs,
        workers: deps.workers ?? null,
        text: deps.text ?? null,
      },
      { releaseGraceMs: this.graceMs },
    );
  }

  scan(options: ScanRunOptions & { scope?: Scope } = {}): Promise<ScanReport> {
    return this.scanner().run(options.scope ?? this.scope(), options);
  }

  search(vectors: VectorStore = this.vectors): SearchMedia {
    return new SearchMedia(this.files, vectors, this.embedder);
  }

  /** Checks the index invariants; returns the problems found (empty when consistent). */
  async consistencyProblems(): Promise<string[]> {
    const problems: string[] = [];
    const model = this.vectors.modelId;
    const hashes = await this.files.listContentHashes(null, 1_000_000);
    const contents = await this.files.findContents(hashes);
    const held = new Set(await allContents(this.vectors));
    for (const c of contents) {
      const has = held.has(c.hash);
      if (c.status === 'indexed' && c.modelId === model && !has)
        problems.push(`indexed content ${c.hash} has no vectors`);
      if (c.status === 'indexed' && has && (await this.vectors.vectorsOf(c.hash)).length !== c.segments) {
        problems.push(`content ${c.hash} has a segment count that differs from its vectors`);
      }
      if (c.status !== 'indexed' && has) problems.push(`content ${c.hash} is ${c.status} but has vectors`);
      const withFile = (await this.files.findByContent([c.hash])).length > 0;
      if (!withFile && c.releasedAt === null) problems.push(`content ${c.hash} has no file and is not released`);
      if (withFile && c.releasedAt !== null) problems.push(`content ${c.hash} is released but a file holds it`);
      if (c.releasedAt !== null && c.status !== 'indexed') problems.push(`released content ${c.hash} is ${c.status}`);
    }
    // Search never shows a released content.
    const released = contents.filter((c) => c.releasedAt !== null).map((c) => c.hash);
    for (const h of released) {
      const [v] = await this.vectors.vectorsOf(h);
      if (!v) continue;
      const hits = await this.vectors.search({ vector: v, limit: 1000 });
      if (hits.some((x) => x.contentHash === h)) problems.push(`released content ${h} is shown by search`);
    }
    const known = new Set(hashes);
    for (const h of held) if (!known.has(h)) problems.push(`vector content ${h} is unknown to the file database`);
    return problems;
  }

  /**
   * The states a crash may leave: a pending content may already have vectors (died between writing them and
   * marking it), and vectors of a deleted content may remain while queued for deletion. Anything else is a problem:
   * an indexed content without vectors, or vectors nothing knows about.
   */
  async crashProblems(): Promise<string[]> {
    const problems: string[] = [];
    const model = this.vectors.modelId;
    const hashes = await this.files.listContentHashes(null, 1_000_000);
    const held = new Set(await allContents(this.vectors));
    for (const c of await this.files.findContents(hashes)) {
      if (c.status === 'indexed' && c.modelId === model && !held.has(c.hash))
        problems.push(`indexed content ${c.hash} has no vectors`);
    }
    const known = new Set([...hashes, ...(await this.files.pendingVectorDeletions(1_000_000))]);
    for (const h of held) if (!known.has(h)) problems.push(`vectors of ${h} are neither known nor queued for deletion`);
    return problems;
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
