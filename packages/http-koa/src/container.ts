// The one composition root: the only place where adapters are created and bound. The server, the CLI and the
// library entry (createGlimpse) all get their parts from here.
import { FfmpegVideoSampler } from '@glimpse/adapters-ffmpeg';
import {
  downloadProgressPrinter,
  ModelManager,
  OnnxClipEmbedder,
  SharpImageCodec,
  type DownloadProgress,
} from '@glimpse/adapters-onnx';
import {
  KyselyFileRepository,
  KyselyScanHistory,
  KyselySettingsRepository,
  openDatabase,
  PgIndexMaintenance,
  PgVectorSpaces,
  PgVectorStore,
  type GlimpseDatabase,
} from '@glimpse/adapters-postgres';
import {
  GlimpseError,
  ManageScope,
  MediaPreviews,
  ScanLibrary,
  SearchMedia,
  type Embedder,
  type ImageCodec,
  type PreviewCache,
  type ScanHistory,
  type SettingsRepository,
  type FileRepository,
  type Hasher,
  type MediaSource,
  type IndexMaintenance,
  type StorageSpace,
  type VectorSpaces,
  type VectorStore,
  type VideoSampler,
} from '@glimpse/core';
import { NodeCryptoHasher, NodeMediaSource, NodePreviewCache, NodeStorageSpace } from '@glimpse/core/node';
import { Container } from 'inversify';
import type { GlimpseConfig } from './config.js';
import { chooseModel, type ModelChoice } from './model-choice.js';

/** Opens the vector store of a model, for work that needs no model loaded (pruning vectors). */
export type OpenVectorStore = (modelId: string, dimension: number) => Promise<VectorStore>;

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
}

export interface ContainerOptions {
  /** Model download progress; default: a bar on stderr when it is a terminal. */
  readonly onDownload?: (p: DownloadProgress) => void;
  /** Told when videos cannot be indexed (no ffmpeg), once. */
  readonly onWarning?: (message: string) => void;
  /** Told how long each embedding call took (seconds), for metrics. */
  readonly onEmbed?: (what: 'image' | 'text', seconds: number, count: number) => void;
  /** Go on when the model named differs from the one the index was built with (everything is embedded again). */
  readonly switchModel?: boolean;
  /** Repair what keeps the database from opening, when that is safe (`glimpse index verify --repair`). */
  readonly repair?: boolean;
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
  c.bind(TOKENS.Database).toResolvedValue(async () =>
    track(
      await openDatabase(config.database, {
        repair: options.repair ?? false,
        onRepair: (what) => options.onWarning?.(`repaired: ${what}`),
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
      const models = new ModelManager({
        cacheDir: config.modelDir,
        hubUrl: config.hubUrl,
        offline: config.offline,
        onProgress: options.onDownload ?? downloadProgressPrinter(),
      });
      const embedder = track(await OnnxClipEmbedder.load({ modelDir: await models.resolve(choice.model) }));
      return options.onEmbed ? timed(embedder, options.onEmbed) : embedder;
    },
    [TOKENS.ModelChoice],
  );
  c.bind(TOKENS.VectorSpaces).toResolvedValue((db: GlimpseDatabase) => new PgVectorSpaces(db.db), [TOKENS.Database]);
  c.bind(TOKENS.IndexMaintenance).toResolvedValue(
    (db: GlimpseDatabase) => new PgIndexMaintenance(db.db),
    [TOKENS.Database],
  );
  c.bind(TOKENS.OpenVectorStore).toResolvedValue(
    (db: GlimpseDatabase): OpenVectorStore =>
      (modelId, dimension) =>
        PgVectorStore.open(db.db, modelId, dimension),
    [TOKENS.Database],
  );
  c.bind(TOKENS.FileRepository).toResolvedValue(
    (db: GlimpseDatabase) => new KyselyFileRepository(db.db),
    [TOKENS.Database],
  );
  c.bind(TOKENS.VectorStore).toResolvedValue(
    (db: GlimpseDatabase, embedder: Embedder) => PgVectorStore.open(db.db, embedder.modelId, embedder.dimension),
    [TOKENS.Database, TOKENS.Embedder],
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
    ) =>
      new ScanLibrary(
        { files, vectors, embedder, source, hasher, videos, storage },
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
    ],
  );
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
  c.bind(TOKENS.ImageCodec).toResolvedValue(() => new SharpImageCodec());
  c.bind(TOKENS.PreviewCache).toResolvedValue(() => new NodePreviewCache(config.cacheDir));
  c.bind(TOKENS.MediaPreviews).toResolvedValue(
    (files: FileRepository, source: MediaSource, codec: ImageCodec, videos: VideoSampler | null, cache: PreviewCache) =>
      new MediaPreviews(files, source, codec, videos, cache),
    [TOKENS.FileRepository, TOKENS.MediaSource, TOKENS.ImageCodec, TOKENS.VideoSampler, TOKENS.PreviewCache],
  );
  return c;
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
