// The one composition root: the only place where adapters are created and bound. The server, the CLI and the
// library entry (createGlimpse) all get their parts from here.
import { FfmpegVideoSampler } from '@glimpse/adapters-ffmpeg';
import { downloadProgressPrinter, ModelManager, OnnxClipEmbedder, type DownloadProgress } from '@glimpse/adapters-onnx';
import { KyselyFileRepository, openDatabase, PgVectorStore, type GlimpseDatabase } from '@glimpse/adapters-postgres';
import {
  GlimpseError,
  ScanLibrary,
  SearchMedia,
  type Embedder,
  type FileRepository,
  type Hasher,
  type MediaSource,
  type VectorStore,
  type VideoSampler,
} from '@glimpse/core';
import { NodeCryptoHasher, NodeMediaSource } from '@glimpse/core/node';
import { Container } from 'inversify';
import type { GlimpseConfig } from './config.js';

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
} as const;

export interface Bindings {
  [ConfigToken]: GlimpseConfig;
  [DatabaseToken]: GlimpseDatabase;
  [FileRepositoryToken]: FileRepository;
  [VectorStoreToken]: VectorStore;
  [EmbedderToken]: OnnxClipEmbedder;
  [MediaSourceToken]: NodeMediaSource;
  [HasherToken]: Hasher;
  [VideoSamplerToken]: VideoSampler | null;
  [ScanLibraryToken]: ScanLibrary;
  [SearchMediaToken]: SearchMedia;
}

export interface ContainerOptions {
  /** Model download progress; default: a bar on stderr when it is a terminal. */
  readonly onDownload?: (p: DownloadProgress) => void;
  /** Told when videos cannot be indexed (no ffmpeg), once. */
  readonly onWarning?: (message: string) => void;
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
  c.bind(TOKENS.Database).toResolvedValue(async () => track(await openDatabase(config.database)));
  c.bind(TOKENS.Embedder).toResolvedValue(async () => {
    const models = new ModelManager({
      cacheDir: config.modelDir,
      hubUrl: config.hubUrl,
      offline: config.offline,
      onProgress: options.onDownload ?? downloadProgressPrinter(),
    });
    return track(await OnnxClipEmbedder.load({ modelDir: await models.resolve(config.model) }));
  });
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
    ) => new ScanLibrary({ files, vectors, embedder, source, hasher, videos }),
    [
      TOKENS.FileRepository,
      TOKENS.VectorStore,
      TOKENS.Embedder,
      TOKENS.MediaSource,
      TOKENS.Hasher,
      TOKENS.VideoSampler,
    ],
  );
  c.bind(TOKENS.SearchMedia).toResolvedValue(
    (files: FileRepository, vectors: VectorStore, embedder: Embedder) => new SearchMedia(files, vectors, embedder),
    [TOKENS.FileRepository, TOKENS.VectorStore, TOKENS.Embedder],
  );
  return c;
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
