import { downloadProgressPrinter, type DownloadProgress } from '@glimpse/adapters-onnx';
import type { GlimpseDatabase } from '@glimpse/adapters-postgres';
import {
  GlimpseError,
  isFinished,
  makeScope,
  resetIndex,
  ScanJobs,
  type Embedder,
  type FileRepository,
  type MediaPreviews,
  type RepositoryStats,
  type ScanMode,
  type ScanProgress,
  type ScanReport,
  type Scope,
  type ScanHistory,
  type SearchMedia,
  type SettingsRepository,
  type VectorStore,
} from '@glimpse/core';
import { toDomainPath } from '@glimpse/core/node';
import type { Container } from 'inversify';
import type { GlimpseConfig } from './config.js';
import { buildContainer, closeContainer, resolve, TOKENS, type ContainerOptions } from './container.js';
import { GlimpseMetrics } from './metrics.js';

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

  private constructor(
    readonly config: GlimpseConfig,
    private readonly container: Container,
    readonly database: GlimpseDatabase,
    readonly files: FileRepository,
    readonly settings: SettingsRepository,
    readonly metrics: GlimpseMetrics,
    history: ScanHistory,
    onWarning: ((message: string) => void) | undefined,
  ) {
    this.jobs = new ScanJobs((mode, signal, onProgress) => this.runScan(mode, signal, onProgress));
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
      const [files, settings, history] = await Promise.all([
        resolve(container, TOKENS.FileRepository),
        resolve(container, TOKENS.Settings),
        resolve(container, TOKENS.ScanHistory),
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
      runtime = new GlimpseRuntime(config, container, database, files, settings, metrics, history, options.onWarning);
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

  /** The loaded model's id, or null while it is not loaded. */
  async modelId(): Promise<string | null> {
    return this.model.state === 'ready' ? (await this.services()).embedder.modelId : null;
  }

  async scope(): Promise<Scope> {
    return (await this.settings.loadScope()) ?? makeScope({ roots: [] });
  }

  /** Saves a new scope (validated; folders made absolute). Returns what was saved. */
  async setScope(input: Partial<Scope>): Promise<Scope> {
    const current = await this.scope();
    const scope = makeScope({
      ...current,
      ...input,
      roots: (input.roots ?? current.roots).map((r) => toDomainPath(r)),
    });
    await this.settings.saveScope(scope);
    return scope;
  }

  async stats(): Promise<RepositoryStats & { modelId: string | null }> {
    const modelId = await this.modelId();
    return { ...(await this.files.stats(modelId ?? '')), modelId };
  }

  /**
   * Deletes the file records and the vectors. A running scan is cancelled first and waited for, so the reset
   * never races a scan's writes.
   */
  async resetIndex(): Promise<void> {
    const active = this.jobs.active();
    if (active) {
      this.jobs.cancel(active.id);
      await this.jobs.wait(active.id);
    }
    const { vectors } = await this.services();
    await resetIndex(this.files, vectors);
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
    const scanner = await resolve(this.container, TOKENS.ScanLibrary);
    return scanner.run(scope, { mode, signal, onProgress });
  }
}
