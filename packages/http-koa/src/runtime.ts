import { downloadProgressPrinter, type DownloadProgress } from '@glimpse/adapters-onnx';
import { inBackgroundLane, type GlimpseDatabase } from '@glimpse/adapters-postgres';
import {
  dropReleasedVectors,
  GlimpseError,
  isFinished,
  resetIndex,
  ScanJobs,
  type Embedder,
  type FileRepository,
  type ManageScope,
  type MediaPreviews,
  type RepositoryStats,
  type ScanMode,
  type ScanProgress,
  type ScanReport,
  type ScopeChange,
  type Scope,
  type ScanHistory,
  type SearchMedia,
  type SettingsRepository,
  type VectorSpaces,
  type VectorStore,
  type VerifyReport,
  VerifyIndex,
} from '@glimpse/core';
import { toDomainPath } from '@glimpse/core/node';
import type { Container } from 'inversify';
import type { GlimpseConfig } from './config.js';
import { buildContainer, closeContainer, resolve, TOKENS, type ContainerOptions } from './container.js';
import { GlimpseMetrics } from './metrics.js';
import { recordModel, type ModelChoice } from './model-choice.js';

/** What the index holds, for GET /index and `glimpse index`. */
export interface IndexStats extends RepositoryStats {
  /** The model whose vectors are counted (the one in use, or the one the index records). */
  readonly modelId: string;
  /** Days that released contents keep their vectors before a scan drops them. */
  readonly vectorGraceDays: number;
}

/** The parts that need the model: they are ready once it is loaded (downloaded first, on a first run). */
export interface ModelServices {
  readonly embedder: Embedder;
  readonly vectors: VectorStore;
  readonly search: SearchMedia;
}

export type ModelState =
  { readonly state: 'loading' } | { readonly state: 'ready' } | { readonly state: 'failed'; readonly error: string };

/**
 * Glimpse running in a process (the server, or a CLI command): the database opened and migrated at once, the
 * model loaded on first need, the scope persisted in the database, and the scan queue. Built from the one
 * composition root; the HTTP routes and the CLI both speak to this.
 */
export class GlimpseRuntime {
  readonly jobs: ScanJobs;
  /** The model download in progress (first run), for readiness reports; null when none. */
  download: DownloadProgress | null = null;
  /** Writes still in flight (scan history), awaited before the database closes. */
  private readonly pendingWrites = new Set<Promise<unknown>>();
  private modelPromise: Promise<ModelServices> | null = null;
  private model: ModelState = { state: 'loading' };
  /** Whether the database's own indexes were checked before the first scan of this process. */
  private storageChecked = false;
  /** Scans, resets and prunes write to the index one at a time. */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly config: GlimpseConfig,
    private readonly container: Container,
    readonly database: GlimpseDatabase,
    readonly files: FileRepository,
    readonly settings: SettingsRepository,
    readonly metrics: GlimpseMetrics,
    private readonly scopes: ManageScope,
    private readonly spaces: VectorSpaces,
    /** The model this process uses for the index, and what the index records. */
    readonly modelChoice: ModelChoice,
    history: ScanHistory,
    onWarning: ((message: string) => void) | undefined,
  ) {
    // Scans run in the database's background lane: they take turns with searches instead of queueing behind them.
    this.jobs = new ScanJobs((mode, signal, onProgress) =>
      this.exclusively(() => inBackgroundLane(() => this.runScan(mode, signal, onProgress))),
    );
    // Each finished scan is counted, and recorded so the next run lists it too.
    this.jobs.subscribe((e) => {
      if (e.type !== 'status' || !isFinished(e.job)) return;
      this.metrics.scanFinished(e.job);
      const write = history
        .record(e.job)
        .catch((err: Error) => onWarning?.(`The scan could not be recorded: ${err.message}`))
        .finally(() => this.pendingWrites.delete(write));
      this.pendingWrites.add(write);
    });
  }

  /** Opens the database (running migrations); throws a GlimpseError a person can act on (e.g. the data dir is in use). */
  static async open(config: GlimpseConfig, options: ContainerOptions = {}): Promise<GlimpseRuntime> {
    let metrics: GlimpseMetrics | null = null;
    let runtime: GlimpseRuntime | null = null;
    const print = options.onDownload ?? downloadProgressPrinter();
    const container = buildContainer(config, {
      ...options,
      onDownload: (p) => {
        if (runtime) runtime.download = p.bytes < p.total ? p : null;
        print(p);
      },
      onEmbed: (what, seconds, count) => {
        metrics?.observeEmbed(what, seconds, count);
        options.onEmbed?.(what, seconds, count);
      },
    });
    try {
      const database = await resolve(container, TOKENS.Database);
      const [files, settings, history, scopes, spaces, choice] = await Promise.all([
        resolve(container, TOKENS.FileRepository),
        resolve(container, TOKENS.Settings),
        resolve(container, TOKENS.ScanHistory),
        resolve(container, TOKENS.ManageScope),
        resolve(container, TOKENS.VectorSpaces),
        resolve(container, TOKENS.ModelChoice), // refuses a model switch that was not confirmed
      ]);
      metrics = new GlimpseMetrics({
        queueDepth: () => runtime?.jobs.depth ?? 0,
        indexed: async () => {
          const s = await runtime!.stats();
          return {
            files: s.files,
            failed_files: s.failedFiles,
            contents: s.contents,
            indexed_contents: s.indexedContents,
          };
        },
      });
      runtime = new GlimpseRuntime(
        config,
        container,
        database,
        files,
        settings,
        metrics,
        scopes,
        spaces,
        choice,
        history,
        options.onWarning,
      );
      runtime.jobs.restore(await history.recent(50)); // scans of earlier runs are listed too
      return runtime;
    } catch (e) {
      await closeContainer(container);
      throw e;
    }
  }

  /** The model and what depends on it; loads it on the first call (downloading it when needed). */
  services(): Promise<ModelServices> {
    this.modelPromise ??= (async () => {
      try {
        const [embedder, vectors, search] = await Promise.all([
          resolve(this.container, TOKENS.Embedder),
          resolve(this.container, TOKENS.VectorStore),
          resolve(this.container, TOKENS.SearchMedia),
        ]);
        await recordModel(this.settings, this.modelChoice, embedder);
        this.model = { state: 'ready' };
        this.download = null;
        return { embedder, vectors, search };
      } catch (e) {
        this.model = { state: 'failed', error: (e as Error).message };
        this.modelPromise = null; // a later call tries again (e.g. after the network came back)
        throw e;
      }
    })();
    return this.modelPromise;
  }

  /**
   * The model's services, waiting up to `waitMs` while it loads; then an `unavailable` error saying what is
   * happening (a first run may be downloading it), which the server answers with 503.
   */
  async servicesNow(waitMs = 15_000): Promise<ModelServices> {
    if (this.model.state === 'failed' && !this.modelPromise)
      throw new GlimpseError('unavailable', `The model could not be loaded: ${this.model.error}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new GlimpseError('unavailable', 'Glimpse is still loading its model; try again in a moment.')),
        waitMs,
      );
    });
    try {
      return await Promise.race([this.services(), timeout]);
    } catch (e) {
      if (GlimpseError.is(e)) throw e;
      throw new GlimpseError('unavailable', `The model could not be loaded: ${(e as Error).message}`, { cause: e });
    } finally {
      clearTimeout(timer);
    }
  }

  get modelState(): ModelState {
    return this.model;
  }

  /**
   * Media by id, thumbnails and frames; built on first use, so commands that never show media (search, scan from
   * the CLI) do not look for ffmpeg at start.
   */
  previews(): Promise<MediaPreviews> {
    return resolve(this.container, TOKENS.MediaPreviews);
  }

  /** The id of the model in use: the loaded one, or the one chosen for this index before it loads. */
  modelId(): string {
    return this.modelChoice.modelId;
  }

  async scope(): Promise<Scope> {
    return this.scopes.current();
  }

  /**
   * Saves a new scope (fields not given are kept; folders made absolute). A folder that does not exist or is not a
   * folder is refused (`invalid-input`), nothing saved. Returns what changed, with the files that leave the index.
   */
  async setScope(input: Partial<Scope>): Promise<ScopeChange> {
    return this.scopes.replace(input.roots ? { ...input, roots: input.roots.map((r) => toDomainPath(r)) } : input);
  }

  /** Adds folders to the scope (checked like {@link setScope}). */
  async addRoots(roots: readonly string[]): Promise<ScopeChange> {
    return this.scopes.addRoots(roots.map((r) => toDomainPath(r)));
  }

  /** Removes folders from the scope; the next scan takes their files out of the index (vectors kept for the grace period). */
  async removeRoots(roots: readonly string[]): Promise<ScopeChange> {
    return this.scopes.removeRoots(roots.map((r) => toDomainPath(r)));
  }

  async stats(): Promise<IndexStats> {
    const modelId = this.modelId();
    return { ...(await this.files.stats(modelId)), modelId, vectorGraceDays: this.config.vectorGraceDays };
  }

  /**
   * Deletes the file records and the vectors of every model; needs no model. A running scan is cancelled first
   * and waited for, so the reset never races a scan's writes.
   */
  async resetIndex(): Promise<void> {
    const active = this.jobs.active();
    if (active) {
      this.jobs.cancel(active.id);
      await this.jobs.wait(active.id);
    }
    await this.exclusively(async () => {
      await resetIndex(this.files, this.spaces);
      // The loaded model's store is used again at once: its (now empty) table is made again.
      if (this.model.state === 'ready') {
        const { embedder } = await this.services();
        await (
          await resolve(this.container, TOKENS.OpenVectorStore)
        )(embedder.modelId, embedder.dimension);
      }
    });
  }

  /**
   * Drops now the vectors of every released content (files that left the index), instead of at the end of their
   * grace period. Waits for a running scan. Needs no model when the index records one. Returns how many contents
   * were dropped.
   */
  async pruneReleased(): Promise<number> {
    return this.exclusively(async () => {
      const vectors = await this.vectorsForMaintenance();
      return dropReleasedVectors(this.files, vectors, new Date('9999-12-31T00:00:00Z'));
    });
  }

  /**
   * Checks the index (`glimpse index verify`): the two stores against each other and the database's own indexes;
   * with `repair`, fixes what can be fixed without embedding good vectors again. Waits for a running scan. Needs
   * no model when the index records one.
   */
  async verify(repair: boolean): Promise<VerifyReport> {
    return this.exclusively(async () => {
      const vectors = await this.vectorsForMaintenance();
      const maintenance = await resolve(this.container, TOKENS.IndexMaintenance);
      const report = await new VerifyIndex(this.files, vectors, maintenance).run({ repair });
      if (report.remaining.length === 0) this.storageChecked = true;
      return report;
    });
  }

  /**
   * The check a server runs at start (cheap: two counts, one query without indexes, one probe search): what looks
   * wrong, one line each; [] when nothing does. `glimpse index verify` looks at every row.
   */
  async quickCheck(): Promise<string[]> {
    const problems: string[] = [];
    const vectors = await this.vectorsForMaintenance();
    const [stats, held] = await Promise.all([this.files.stats(vectors.modelId), vectors.count()]);
    const expected = stats.indexedContents + stats.releasedContents;
    if (expected !== held.contents)
      problems.push(`${expected} items are recorded as indexed, but the vector store holds ${held.contents}`);
    if (stats.contents > 0 && stats.files === 0) problems.push(`${stats.contents} items are held by no file record`);
    const maintenance = await resolve(this.container, TOKENS.IndexMaintenance);
    problems.push(...(await maintenance.inspect()).map((p) => p.message));
    return problems;
  }

  /** The vector store of the index's model: the loaded one, else opened from what the index records. */
  private async vectorsForMaintenance(): Promise<VectorStore> {
    const recorded = this.modelChoice.recorded;
    if (this.model.state === 'ready' || !recorded) return (await this.services()).vectors;
    return (await resolve(this.container, TOKENS.OpenVectorStore))(recorded.modelId, recorded.dimension);
  }

  /** Runs `work` when no other write to the index runs. */
  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writing.then(work, work);
    this.writing = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.jobs.close();
    await Promise.all(this.pendingWrites); // the history of the scans just cancelled
    await closeContainer(this.container);
  }

  private async runScan(
    mode: ScanMode,
    signal: AbortSignal,
    onProgress: (p: ScanProgress) => void,
  ): Promise<ScanReport> {
    const scope = await this.scope();
    if (scope.roots.length === 0) {
      throw new GlimpseError(
        'conflict',
        'There are no folders to index yet: give them with `glimpse serve <folder>` or PUT /api/v1/scope.',
      );
    }
    await this.services();
    if (!this.storageChecked) {
      // Once per process, before the first scan writes: into a damaged database, writes only make it worse.
      const problems = await (await resolve(this.container, TOKENS.IndexMaintenance)).inspect();
      if (problems.length > 0) {
        throw new GlimpseError(
          'unavailable',
          `The index is damaged (${problems.map((p) => p.message).join('; ')}). Run glimpse index verify --repair ` +
            '(nothing good is embedded again), then scan.',
        );
      }
      this.storageChecked = true;
    }
    const scanner = await resolve(this.container, TOKENS.ScanLibrary);
    return scanner.run(scope, { mode, signal, onProgress });
  }
}
