// The one composition root: the only place where adapters are created and bound. The server, the CLI and the
// library entry (createGlimpse) all get their parts from here.
import { join } from 'node:path';
import { FfmpegVideoSampler } from '@glimpse/adapters-ffmpeg';
import { PgBossEmbeddingQueue } from '@glimpse/adapters-pgboss';
import { QdrantConnection, QdrantVectorSpaces, QdrantVectorStore } from '@glimpse/adapters-qdrant';
import {
  downloadProgressPrinter,
  MODEL_FILES,
  ModelManager,
  OnnxClipEmbedder,
  PaddleTextReader,
  SharpImageCodec,
  bundledOcrModels,
  type DownloadProgress,
} from '@glimpse/adapters-onnx';
import {
  KyselyFileRepository,
  KyselyScanHistory,
  KyselySettingsRepository,
  inBackgroundLane,
  openDatabase,
  PgIndexMaintenance,
  PgVectorSpaces,
  PgVectorStore,
  AnnIndexes,
  loadUsearch,
  type GlimpseDatabase,
} from '@glimpse/adapters-postgres';
import {
  GlimpseError,
  isFinished,
  ManageScope,
  MediaPreviews,
  ScanJobs,
  ScanLibrary,
  SearchMedia,
  EmbedMedia,
  EmbedWorker,
  InPlaceJobFiles,
  WorkerFiles,
  type JobFiles,
  type Embedder,
  type EmbeddingQueue,
  type ImageCodec,
  type PreviewCache,
  type ScanHistory,
  type Scope,
  type SettingsRepository,
  type FileRepository,
  type Hasher,
  type MediaSource,
  type IndexMaintenance,
  type StorageSpace,
  type VectorSpaces,
  type VectorStore,
  type VideoSampler,
  type WorkerReport,
  type MetadataReader,
  type PlaceFinder,
  type TextReader,
  DEFAULT_VIDEO_SAMPLING,
} from '@glimpse/core';
import { NodeCryptoHasher, NodeMediaSource, NodePreviewCache, NodeStorageSpace } from '@glimpse/core/node';
import { Container } from 'inversify';
import type { GlimpseConfig } from './config.js';
import { GlimpseMetrics } from './metrics.js';
import { chooseModel, recordModel, type ModelChoice } from './model-choice.js';
import { IndexService } from './services/index-service.js';
import { ModelService } from './services/model-service.js';
import { ScanRunner } from './services/scan-runner.js';
import { ScopeService } from './services/scope-service.js';
import { WriteTurns } from './services/write-turns.js';
import { HttpJobFiles } from './workers/http-job-files.js';
import { ExifrMetadataReader, GeoNamesPlaceFinder } from '@glimpse/adapters-metadata';

/** Opens the vector store of a model, for work that needs no model loaded (pruning vectors). */
export type OpenVectorStore = (modelId: string, dimension: number) => Promise<VectorStore>;

/** The vector stores of each kind, for moving an index from one to the other (`glimpse index copy`). */
export type OpenVectorStoreIn = (kind: VectorStoreKind) => OpenVectorStore;
export type VectorStoreKind = GlimpseConfig['vectorStore'];

/** Whether the vector store's server answers; throws `unavailable` saying what is wrong. */
export type VectorStoreCheck = () => Promise<void>;

/** Typed tokens: each names one port (or assembled use case); {@link Bindings} maps it to its type. */
const ConfigToken: unique symbol = Symbol.for('glimpse.Config');
const DatabaseToken: unique symbol = Symbol.for('glimpse.Database');
const FileRepositoryToken: unique symbol = Symbol.for('glimpse.FileRepository');
const VectorStoreToken: unique symbol = Symbol.for('glimpse.VectorStore');
const EmbedderToken: unique symbol = Symbol.for('glimpse.Embedder');
const MediaSourceToken: unique symbol = Symbol.for('glimpse.MediaSource');
const HasherToken: unique symbol = Symbol.for('glimpse.Hasher');
const VideoSamplerToken: unique symbol = Symbol.for('glimpse.VideoSampler');
const ScanLibraryToken: unique symbol = Symbol.for('glimpse.ScanLibrary');
const SearchMediaToken: unique symbol = Symbol.for('glimpse.SearchMedia');
const SettingsToken: unique symbol = Symbol.for('glimpse.Settings');
const ImageCodecToken: unique symbol = Symbol.for('glimpse.ImageCodec');
const PreviewCacheToken: unique symbol = Symbol.for('glimpse.PreviewCache');
const MediaPreviewsToken: unique symbol = Symbol.for('glimpse.MediaPreviews');
const ScanHistoryToken: unique symbol = Symbol.for('glimpse.ScanHistory');
const ModelChoiceToken: unique symbol = Symbol.for('glimpse.ModelChoice');
const VectorSpacesToken: unique symbol = Symbol.for('glimpse.VectorSpaces');
const OpenVectorStoreToken: unique symbol = Symbol.for('glimpse.OpenVectorStore');
const ManageScopeToken: unique symbol = Symbol.for('glimpse.ManageScope');
const StorageSpaceToken: unique symbol = Symbol.for('glimpse.StorageSpace');
const IndexMaintenanceToken: unique symbol = Symbol.for('glimpse.IndexMaintenance');
const VectorStoreCheckToken: unique symbol = Symbol.for('glimpse.VectorStoreCheck');
const OpenVectorStoreInToken: unique symbol = Symbol.for('glimpse.OpenVectorStoreIn');
const EmbeddingQueueToken: unique symbol = Symbol.for('glimpse.EmbeddingQueue');
const MetadataReaderToken: unique symbol = Symbol.for('glimpse.MetadataReader');
const PlaceFinderToken: unique symbol = Symbol.for('glimpse.PlaceFinder');
const TextReaderToken: unique symbol = Symbol.for('glimpse.TextReader');
export const TOKENS = {
  Config: ConfigToken,
  Database: DatabaseToken,
  FileRepository: FileRepositoryToken,
  VectorStore: VectorStoreToken,
  Embedder: EmbedderToken,
  MediaSource: MediaSourceToken,
  Hasher: HasherToken,
  VideoSampler: VideoSamplerToken,
  ScanLibrary: ScanLibraryToken,
  SearchMedia: SearchMediaToken,
  Settings: SettingsToken,
  ImageCodec: ImageCodecToken,
  PreviewCache: PreviewCacheToken,
  MediaPreviews: MediaPreviewsToken,
  ScanHistory: ScanHistoryToken,
  ModelChoice: ModelChoiceToken,
  VectorSpaces: VectorSpacesToken,
  OpenVectorStore: OpenVectorStoreToken,
  ManageScope: ManageScopeToken,
  StorageSpace: StorageSpaceToken,
  IndexMaintenance: IndexMaintenanceToken,
  VectorStoreCheck: VectorStoreCheckToken,
  OpenVectorStoreIn: OpenVectorStoreInToken,
  EmbeddingQueue: EmbeddingQueueToken,
  MetadataReader: MetadataReaderToken,
  PlaceFinder: PlaceFinderToken,
  TextReader: TextReaderToken,
} as const;

export interface Bindings {
  [ConfigToken]: GlimpseConfig;
  [DatabaseToken]: GlimpseDatabase;
  [FileRepositoryToken]: FileRepository;
  [VectorStoreToken]: VectorStore;
  [EmbedderToken]: Embedder;
  [MediaSourceToken]: NodeMediaSource;
  [HasherToken]: Hasher;
  [VideoSamplerToken]: VideoSampler | null;
  [MetadataReaderToken]: MetadataReader;
  [PlaceFinderToken]: PlaceFinder;
  /** Reads the text in pictures; null when OCR is off (GLIMPSE_OCR=off). */
  [TextReaderToken]: TextReader | null;
  [ScanLibraryToken]: ScanLibrary;
  [SearchMediaToken]: SearchMedia;
  [SettingsToken]: SettingsRepository;
  [ImageCodecToken]: ImageCodec;
  [PreviewCacheToken]: PreviewCache;
  [MediaPreviewsToken]: MediaPreviews;
  [ScanHistoryToken]: ScanHistory;
  [ModelChoiceToken]: ModelChoice;
  [VectorSpacesToken]: VectorSpaces;
  [OpenVectorStoreToken]: OpenVectorStore;
  [ManageScopeToken]: ManageScope;
  [StorageSpaceToken]: StorageSpace | null;
  [IndexMaintenanceToken]: IndexMaintenance;
  [VectorStoreCheckToken]: VectorStoreCheck;
  [OpenVectorStoreInToken]: OpenVectorStoreIn;
  /** The embedding queue scans hand their work to, when workers are configured (GLIMPSE_WORKERS). */
  [EmbeddingQueueToken]: EmbeddingQueue | null;
}

export interface ContainerOptions {
  /** Model download progress; default: a bar on stderr when it is a terminal. */
  readonly onDownload?: (p: DownloadProgress) => void;
  /** Told when videos cannot be indexed (no ffmpeg), once. */
  readonly onWarning?: (message: string) => void;
  /** Told how long each embedding call took (seconds), for metrics. */
  readonly onEmbed?: (what: 'image' | 'text', seconds: number, count: number) => void;
  /** Told of each job a worker finished for a scan (who, how many items, how long). */
  readonly onWorkerJob?: (report: WorkerReport & { readonly items: number }) => void;
  /** Go on when the model named differs from the one the index was built with (everything is embedded again). */
  readonly switchModel?: boolean;
  /** Repair what keeps the database from opening, when that is safe (`glimpse index verify --repair`). */
  readonly repair?: boolean;
  /**
   * For a command that runs one search and ends: what `command` does, the model's visual encoder loaded only if a
   * picture is embedded, and the native vector index's file mapped, not read, so it starts sooner and takes less
   * memory. Default false (a server).
   */
  readonly oneShot?: boolean;
  /**
   * For a process that runs one command and ends (the CLI's scan, status, search...), not a server: a small
   * database page cache (16 MB instead of 128), no warm-up of the rows searches filter on, and the native vector
   * index opened only when a search or a write first needs it, so a rescan that changes nothing never reads it.
   * Default false (a server). `oneShot` implies it.
   */
  readonly command?: boolean;
}

/** What each container opened, in order, so closing releases exactly that. */
const opened = new WeakMap<Container, { close(): Promise<void> }[]>();

/** A container with everything bound; resolve with {@link resolve}, release with {@link closeContainer}. */
export function buildContainer(config: GlimpseConfig, options: ContainerOptions = {}): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  const resources: { close(): Promise<void> }[] = [];
  opened.set(c, resources);
  const track = <T extends { close(): Promise<void> }>(r: T): T => {
    resources.push(r);
    return r;
  };
  c.bind(TOKENS.Config).toConstantValue(config);
  const command = options.command === true || options.oneShot === true;
  c.bind(TOKENS.Database).toResolvedValue(async () =>
    track(
      await openDatabase(config.database, {
        repair: options.repair ?? false,
        onRepair: (what) => options.onWarning?.(`repaired: ${what}`),
        onWarning: (m) => options.onWarning?.(m),
        ...(command ? { cacheMegabytes: 16 } : {}),
      }),
    ),
  );
  c.bind(TOKENS.ModelChoice).toResolvedValue(
    (settings: SettingsRepository, files: FileRepository) =>
      chooseModel(config, settings, files, options.switchModel ?? false),
    [TOKENS.Settings, TOKENS.FileRepository],
  );
  c.bind(TOKENS.Embedder).toResolvedValue(
    async (choice: ModelChoice) => {
      const models = modelManager(config, options.onDownload ?? downloadProgressPrinter());
      const embedder = track(
        await OnnxClipEmbedder.load({
          modelDir: await models.resolve(choice.model),
          executionProvider: config.executionProvider,
          onFallback: (m) => options.onWarning?.(m),
          visualOnDemand: options.oneShot ?? false,
          usePreviews: config.previews,
        }),
      );
      return options.onEmbed ? timed(embedder, options.onEmbed) : embedder;
    },
    [TOKENS.ModelChoice],
  );
  c.bind(TOKENS.IndexMaintenance).toResolvedValue(
    // A repair deletes vector rows itself: the native index's cached rows go with it.
    (db: GlimpseDatabase) => new PgIndexMaintenance(db.db, async () => annIndexes?.forgetCached()),
    [TOKENS.Database],
  );
  c.bind(TOKENS.FileRepository).toResolvedValue(
    (db: GlimpseDatabase) => new KyselyFileRepository(db.db),
    [TOKENS.Database],
  );
  // The vector store the settings name (GLIMPSE_VECTOR_STORE): pgvector in the file database, or a Qdrant server.
  // Every model's vectors are a store of their own (OpenVectorStore); VectorStore is the current model's. Both
  // kinds can be opened, to copy an index from one to the other.
  const qdrant = new QdrantConnection(config.qdrant);
  // The embedded database's vectors are searched through a native HNSW index beside it (USearch), kept in the data
  // directory; a Postgres server's through pgvector's own index. Where USearch cannot load, pgvector's index.
  let annIndexes: AnnIndexes | null | undefined;
  const annFor = (db: GlimpseDatabase): AnnIndexes | null => {
    if (annIndexes !== undefined) return annIndexes;
    annIndexes = null;
    if (db.kind !== 'pglite') return null;
    const usearch = loadUsearch();
    if (!usearch.module) {
      options.onWarning?.(
        `The native vector index (USearch) cannot load on this computer (${usearch.reason}); searches use ` +
          "pgvector's index, which is slower.",
      );
      return null;
    }
    annIndexes = track(
      new AnnIndexes({
        dir: join(db.location, 'vector-index'),
        mapped: options.oneShot ?? false,
        warm: !command,
      }),
    );
    return annIndexes;
  };
  c.bind(TOKENS.OpenVectorStoreIn).toResolvedValue(
    (db: GlimpseDatabase): OpenVectorStoreIn =>
      (kind) =>
        kind === 'qdrant'
          ? async (modelId, dimension) => QdrantVectorStore.open(qdrant, modelId, dimension)
          : (modelId, dimension) => {
              const ann = annFor(db);
              return PgVectorStore.open(db.db, modelId, dimension, ann ? { ann } : {});
            },
    [TOKENS.Database],
  );
  c.bind(TOKENS.OpenVectorStore).toResolvedValue(
    (openIn: OpenVectorStoreIn) => openIn(config.vectorStore),
    [TOKENS.OpenVectorStoreIn],
  );
  switch (config.vectorStore) {
    case 'pgvector':
      c.bind(TOKENS.VectorSpaces).toResolvedValue(
        (db: GlimpseDatabase) => new PgVectorSpaces(db.db),
        [TOKENS.Database],
      );
      c.bind(TOKENS.VectorStoreCheck).toResolvedValue(
        (db: GlimpseDatabase): VectorStoreCheck =>
          () =>
            db.ping(),
        [TOKENS.Database],
      );
      break;
    case 'qdrant':
      c.bind(TOKENS.VectorSpaces).toConstantValue(new QdrantVectorSpaces(qdrant));
      c.bind(TOKENS.VectorStoreCheck).toConstantValue(() => qdrant.ping());
      break;
  }
  c.bind(TOKENS.VectorStore).toResolvedValue(
    (open: OpenVectorStore, embedder: Embedder) => open(embedder.modelId, embedder.dimension),
    [TOKENS.OpenVectorStore, TOKENS.Embedder],
  );
  c.bind(TOKENS.EmbeddingQueue).toResolvedValue(async () =>
    config.workers
      ? track(
          await PgBossEmbeddingQueue.open({ url: config.workers.queueUrl, leaseSeconds: config.workers.leaseSeconds }),
        )
      : null,
  );
  c.bind(TOKENS.MediaSource).toResolvedValue(() => track(new NodeMediaSource()));
  c.bind(TOKENS.Hasher).toResolvedValue(() => new NodeCryptoHasher());
  c.bind(TOKENS.VideoSampler).toResolvedValue(() => {
    try {
      return new FfmpegVideoSampler({ timeoutMs: config.ffmpegTimeoutMs });
    } catch (e) {
      if (!GlimpseError.is(e, 'unavailable')) throw e;
      options.onWarning?.(`${e.message} Videos will be recorded as not indexed.`);
      return null;
    }
  });
  c.bind(TOKENS.ScanLibrary).toResolvedValue(
    (
      files: FileRepository,
      vectors: VectorStore,
      embedder: Embedder,
      source: MediaSource,
      hasher: Hasher,
      videos: VideoSampler | null,
      storage: StorageSpace | null,
      queue: EmbeddingQueue | null,
      metadata: MetadataReader,
      places: PlaceFinder,
      text: TextReader | null,
    ) =>
      new ScanLibrary(
        {
          files,
          vectors,
          embedder,
          source,
          hasher,
          videos,
          storage,
          workers: queue ? { queue, onJob: (r) => options.onWorkerJob?.(r) } : null,
          metadata,
          places,
          text,
        },
        { releaseGraceMs: config.vectorGraceDays * 24 * 3600 * 1000 },
      ),
    [
      TOKENS.FileRepository,
      TOKENS.VectorStore,
      TOKENS.Embedder,
      TOKENS.MediaSource,
      TOKENS.Hasher,
      TOKENS.VideoSampler,
      TOKENS.StorageSpace,
      TOKENS.EmbeddingQueue,
      TOKENS.MetadataReader,
      TOKENS.PlaceFinder,
      TOKENS.TextReader,
    ],
  );
  // OCR (GLIMPSE_OCR, on by default): PP-OCRv4 on onnxruntime, loaded by the first scan that reads text.
  c.bind(TOKENS.TextReader).toResolvedValue(async () => {
    if (!config.ocr) return null;
    try {
      return await PaddleTextReader.create(bundledOcrModels());
    } catch (e) {
      // Search by meaning does not need it: the scan goes on without reading text, and says so once.
      options.onWarning?.(`${(e as Error).message} Text in pictures is not read until then.`);
      return null;
    }
  });
  c.bind(TOKENS.MetadataReader).toConstantValue(new ExifrMetadataReader());
  c.bind(TOKENS.PlaceFinder).toConstantValue(new GeoNamesPlaceFinder());
  // The embedded database's disk: a scan stops before it is full. A Postgres server minds its own.
  c.bind(TOKENS.StorageSpace).toResolvedValue(() =>
    config.database.kind === 'pglite' ? new NodeStorageSpace(config.database.dataDir) : null,
  );
  c.bind(TOKENS.SearchMedia).toResolvedValue(
    (files: FileRepository, vectors: VectorStore, embedder: Embedder) => new SearchMedia(files, vectors, embedder),
    [TOKENS.FileRepository, TOKENS.VectorStore, TOKENS.Embedder],
  );
  c.bind(TOKENS.Settings).toResolvedValue(
    (db: GlimpseDatabase) => new KyselySettingsRepository(db.db),
    [TOKENS.Database],
  );
  c.bind(TOKENS.ScanHistory).toResolvedValue((db: GlimpseDatabase) => new KyselyScanHistory(db.db), [TOKENS.Database]);
  c.bind(TOKENS.ManageScope).toResolvedValue(
    (settings: SettingsRepository, files: FileRepository, source: MediaSource) =>
      new ManageScope(settings, files, source),
    [TOKENS.Settings, TOKENS.FileRepository, TOKENS.MediaSource],
  );
  c.bind(TOKENS.ImageCodec).toResolvedValue(() => new SharpImageCodec({ usePreviews: config.previews }));
  c.bind(TOKENS.PreviewCache).toResolvedValue(
    () => new NodePreviewCache(config.cacheDir, (m) => options.onWarning?.(m)),
  );
  c.bind(TOKENS.MediaPreviews).toResolvedValue(
    (files: FileRepository, source: MediaSource, codec: ImageCodec, videos: VideoSampler | null, cache: PreviewCache) =>
      new MediaPreviews(files, source, codec, videos, cache),
    [TOKENS.FileRepository, TOKENS.MediaSource, TOKENS.ImageCodec, TOKENS.VideoSampler, TOKENS.PreviewCache],
  );
  return c;
}

/** The model folder and the hub, for the embedder and for `glimpse models`. */
export function modelManager(config: GlimpseConfig, onProgress: (p: DownloadProgress) => void): ModelManager {
  return new ModelManager({ cacheDir: config.modelDir, hubUrl: config.hubUrl, offline: config.offline, onProgress });
}

/** What a process running Glimpse (the server, a CLI command) uses; each route and command takes the parts it needs. */
export interface Services {
  readonly config: GlimpseConfig;
  readonly jobs: ScanJobs;
  readonly scopes: ScopeService;
  readonly index: IndexService;
  readonly model: ModelService;
  /** Media by id, thumbnails and frames; made on first use (it looks for ffmpeg). */
  readonly previews: () => Promise<MediaPreviews>;
  readonly metrics: GlimpseMetrics;
  /** Readiness: each part's answer, `ok` when it works. */
  readonly health: readonly HealthCheck[];
  /** What workers on other machines may fetch (the files the index holds), for the worker listener. */
  readonly workerFiles: () => Promise<WorkerFiles>;
  /** The files a model's folder holds when it is complete (to list the models on disk). */
  readonly modelFiles: readonly string[];
  /** Stops the scans, waits for what they were writing, closes the model and the database. */
  close(): Promise<void>;
}

export interface HealthCheck {
  readonly name: 'database' | 'vectorStore' | 'model';
  /** `ok`, `loading`, or what is wrong. */
  check(): Promise<string>;
}

/**
 * Opens Glimpse for a process: the database now (migrated; a damaged or locked one refused with a message), the
 * model on first need, and everything built on them: the scan queue (each finished scan counted in the metrics and
 * recorded in the history), the scope, the index's maintenance, readiness checks.
 */
export async function openServices(config: GlimpseConfig, options: ContainerOptions = {}): Promise<Services> {
  let model: ModelService | null = null;
  let metrics: GlimpseMetrics | null = null;
  const print = options.onDownload ?? downloadProgressPrinter();
  const c = buildContainer(config, {
    ...options,
    onDownload: (p) => {
      if (model) model.download = p.bytes < p.total ? p : null;
      print(p);
    },
    onEmbed: (what, seconds, count) => {
      metrics?.observeEmbed(what, seconds, count);
      options.onEmbed?.(what, seconds, count);
    },
    onWorkerJob: (report) => {
      metrics?.workerJob(report);
      options.onWorkerJob?.(report);
    },
  });
  try {
    const database = await resolve(c, TOKENS.Database);
    const [files, settings, history, scopes, spaces, maintenance, choice, openVectors] = await Promise.all([
      resolve(c, TOKENS.FileRepository),
      resolve(c, TOKENS.Settings),
      resolve(c, TOKENS.ScanHistory),
      resolve(c, TOKENS.ManageScope),
      resolve(c, TOKENS.VectorSpaces),
      resolve(c, TOKENS.IndexMaintenance),
      resolve(c, TOKENS.ModelChoice), // refuses a model switch that was not confirmed
      resolve(c, TOKENS.OpenVectorStore),
    ]);
    if (config.vectorStore === 'qdrant') {
      // Qdrant down at start is said at once; the process still starts (in a compose stack Qdrant may come up
      // later, or restart), and searches and scans fail with the same message until it answers.
      const check = await resolve(c, TOKENS.VectorStoreCheck);
      await check().catch((e: Error) =>
        options.onWarning?.(
          `${e.message}${/[.?!]$/.test(e.message) ? '' : '.'} Searches and scans fail until it answers.`,
        ),
      );
    }
    const loaded = new ModelService(choice, async () => {
      const [embedder, vectors, search] = await Promise.all([
        resolve(c, TOKENS.Embedder),
        resolve(c, TOKENS.VectorStore),
        resolve(c, TOKENS.SearchMedia),
      ]);
      await recordModel(settings, choice, embedder);
      return { embedder, vectors, search };
    });
    model = loaded;
    // The index's vectors without loading the model, when the index records which model they are of.
    const vectors = async () => {
      const recorded = choice.recorded;
      if (loaded.state.state === 'ready' || !recorded) return (await loaded.ready()).vectors;
      return openVectors(recorded.modelId, recorded.dimension);
    };
    const turns = new WriteTurns();
    const scopeService = new ScopeService(scopes);
    let jobs: ScanJobs | null = null;
    const index = new IndexService({
      files,
      spaces,
      maintenance,
      vectors,
      modelId: choice.modelId,
      vectorGraceDays: config.vectorGraceDays,
      turns,
      stopScans: async () => {
        const active = jobs?.active();
        if (!active) return;
        jobs!.cancel(active.id);
        await jobs!.wait(active.id);
      },
      storeKind: config.vectorStore,
      openIn: await resolve(c, TOKENS.OpenVectorStoreIn),
      afterReset: async () => {
        if (loaded.state.state !== 'ready') return;
        const { embedder } = await loaded.ready();
        await openVectors(embedder.modelId, embedder.dimension);
      },
    });
    const scanner = new ScanRunner({
      scopes,
      index,
      model: loaded,
      scanner: () => resolve(c, TOKENS.ScanLibrary),
    });
    // Scans run in the database's background lane: they take turns with searches instead of queueing behind them.
    const queue = new ScanJobs(
      (mode, signal, onProgress) => turns.run(() => inBackgroundLane(() => scanner.run(mode, signal, onProgress))),
      { onListenerError: (e) => options.onWarning?.(`A scan listener failed: ${(e as Error)?.stack ?? String(e)}`) },
    );
    jobs = queue;
    metrics = new GlimpseMetrics({
      queueDepth: () => queue.depth,
      ...(config.workers ? { embeddingQueue: async () => (await resolve(c, TOKENS.EmbeddingQueue))!.depth() } : {}),
      indexed: async () => {
        const s = await index.stats();
        return {
          files: s.files,
          failed_files: s.failedFiles,
          contents: s.contents,
          indexed_contents: s.indexedContents,
        };
      },
    });
    const counted = metrics;
    // Each finished scan is counted, and recorded so that the next run lists it too.
    const recording = new Set<Promise<unknown>>();
    queue.subscribe((e) => {
      if (e.type !== 'status' || !isFinished(e.job)) return;
      counted.scanFinished(e.job);
      const write = history
        .record(e.job)
        .catch((err: Error) => options.onWarning?.(`The scan could not be recorded in the history: ${err.message}`))
        .finally(() => recording.delete(write));
      recording.add(write);
    });
    queue.restore(await history.recent(50)); // the scans of earlier runs are listed too
    const health: HealthCheck[] = [
      {
        name: 'database',
        check: () =>
          database.ping().then(
            () => 'ok',
            (e: Error) => `failing: ${e.message}`,
          ),
      },
      {
        name: 'model',
        check: async () => {
          const s = loaded.state;
          return s.state === 'ready' ? 'ok' : s.state === 'loading' ? 'loading' : `not loaded: ${s.error}`;
        },
      },
      {
        name: 'vectorStore',
        check: async () => {
          const m = loaded.state.state;
          if (!choice.recorded && m === 'failed') return 'not opened: it needs the model, which is not loaded';
          if (!choice.recorded && m !== 'ready') return 'waiting for the model';
          return vectors()
            .then((v) => v.count())
            .then(
              () => 'ok',
              (e: Error) => `failing: ${e.message}`,
            );
        },
      },
    ];
    return {
      config,
      jobs: queue,
      scopes: scopeService,
      index,
      model: loaded,
      previews: () => resolve(c, TOKENS.MediaPreviews),
      metrics,
      health,
      workerFiles: async () => new WorkerFiles(files, await resolve(c, TOKENS.MediaSource)),
      modelFiles: MODEL_FILES,
      close: async () => {
        await queue.close();
        await Promise.all(recording); // the history of the scans just cancelled
        await closeContainer(c);
      },
    };
  } catch (e) {
    await closeContainer(c);
    throw e;
  }
}

/**
 * The parts of the library face (`createGlimpse`): the scan pipeline and search for a scope given per call (not
 * saved), the model loaded at once and recorded in the index. A folder of the scope that does not exist is refused.
 */
export async function openLibrary(
  config: GlimpseConfig,
  scope: Scope,
  options: ContainerOptions = {},
): Promise<{ scanner: ScanLibrary; searcher: SearchMedia; close(): Promise<void> }> {
  const c = buildContainer(config, options);
  try {
    await (await resolve(c, TOKENS.ManageScope)).checkRoots(scope.roots);
    const [scanner, searcher, settings, choice, embedder] = await Promise.all([
      resolve(c, TOKENS.ScanLibrary),
      resolve(c, TOKENS.SearchMedia),
      resolve(c, TOKENS.Settings),
      resolve(c, TOKENS.ModelChoice),
      resolve(c, TOKENS.Embedder),
    ]);
    await recordModel(settings, choice, embedder);
    return { scanner, searcher, close: () => closeContainer(c) };
  } catch (e) {
    await closeContainer(c);
    throw e;
  }
}

/** The embedder with each call timed; everything else passes through. */
function timed(inner: Embedder, observe: (what: 'image' | 'text', seconds: number, count: number) => void): Embedder {
  return {
    modelId: inner.modelId,
    dimension: inner.dimension,
    batchSize: inner.batchSize,
    frameSize: inner.frameSize,
    async embedImages(inputs, signal) {
      const t0 = performance.now();
      const out = await inner.embedImages(inputs, signal);
      observe('image', (performance.now() - t0) / 1000, inputs.length);
      return out;
    },
    async embedTexts(texts) {
      const t0 = performance.now();
      const out = await inner.embedTexts(texts);
      observe('text', (performance.now() - t0) / 1000, texts.length);
      return out;
    },
  };
}

/** Resolves a token to its typed value. */
export function resolve<K extends keyof Bindings>(c: Container, token: K): Promise<Bindings[K]> {
  return c.getAsync<Bindings[K]>(token);
}

/** Closes what the container opened (model sessions, the walker thread, the database), newest first. */
export async function closeContainer(c: Container): Promise<void> {
  const resources = opened.get(c) ?? [];
  opened.delete(c);
  for (const r of resources.reverse()) await r.close();
}

/**
 * A `glimpse worker` process: the embedding queue, this machine's model (GLIMPSE_MODEL; every worker of an index
 * must have the index's model), the file system and ffmpeg. No index is opened: the scan that queued the work
 * writes what the worker hands back.
 */
export async function openWorker(
  config: GlimpseConfig,
  options: Pick<ContainerOptions, 'onDownload' | 'onWarning'> = {},
): Promise<{
  worker: EmbedWorker;
  modelId: string;
  executionProvider: 'cpu' | 'cuda';
  /** The server's worker address files are fetched from; null: read in place. */
  filesFrom: string | null;
  close(): Promise<void>;
}> {
  if (!config.queueUrl)
    throw new GlimpseError(
      'invalid-input',
      'glimpse worker takes its jobs from the Postgres that holds the embedding queue: set GLIMPSE_QUEUE_URL ' +
        '(postgres://user:password@host:5432/db, the same as the server has).',
    );
  const opened: { close(): Promise<void> }[] = [];
  try {
    // The server first (its address and the token are checked at once), then the model (slow to load).
    let fetched: HttpJobFiles | null = null;
    if (config.workerFilesUrl) {
      fetched = await HttpJobFiles.open({ url: config.workerFilesUrl, token: config.workerToken });
      opened.push(fetched);
    }
    const models = modelManager(config, options.onDownload ?? downloadProgressPrinter());
    const embedder = await OnnxClipEmbedder.load({
      modelDir: await models.resolve(config.model),
      executionProvider: config.executionProvider,
      onFallback: (m) => options.onWarning?.(m),
      usePreviews: config.previews,
    });
    opened.push(embedder);
    const source = new NodeMediaSource();
    opened.push(source);
    const files: JobFiles = fetched ?? new InPlaceJobFiles(source);
    let videos: VideoSampler | null = null;
    try {
      videos = new FfmpegVideoSampler({ timeoutMs: config.ffmpegTimeoutMs });
    } catch (e) {
      if (!GlimpseError.is(e, 'unavailable')) throw e;
      options.onWarning?.(`${e.message} Videos this worker takes fail with that reason.`);
    }
    const queue = await PgBossEmbeddingQueue.open({
      url: config.queueUrl,
      leaseSeconds: config.workers?.leaseSeconds ?? 600,
    });
    opened.push(queue);
    return {
      worker: new EmbedWorker(
        queue,
        new EmbedMedia(embedder, files, videos, DEFAULT_VIDEO_SAMPLING, new ExifrMetadataReader()),
      ),
      modelId: embedder.modelId,
      executionProvider: embedder.executionProvider,
      filesFrom: config.workerFilesUrl,
      close: async () => {
        for (const r of opened.reverse()) await r.close();
      },
    };
  } catch (e) {
    for (const r of opened.reverse()) await r.close();
    throw e;
  }
}
