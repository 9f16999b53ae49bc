import {
  CopyVectors,
  dropReleasedVectors,
  GlimpseError,
  resetIndex,
  VerifyIndex,
  type CopyProgress,
  type CopyVectorsOptions,
  type FileRepository,
  type IndexMaintenance,
  type MediaFile,
  type RepositoryStats,
  type VectorSpaces,
  type VectorStore,
  type VerifyReport,
} from '@glimpse/core';
import type { WriteTurns } from './write-turns.js';

/** What the index holds, for GET /index and `glimpse index`. */
export interface IndexStats extends RepositoryStats {
  /** The model whose vectors are counted (the one in use, or the one the index records). */
  readonly modelId: string;
  /** Days that released contents keep their vectors before a scan drops them. */
  readonly vectorGraceDays: number;
  /** Pictures whose text was read (OCR), and how many of them have some. */
  readonly text: { readonly read: number; readonly withText: number };
}

export interface IndexServiceDeps {
  readonly files: FileRepository;
  readonly spaces: VectorSpaces;
  readonly maintenance: IndexMaintenance;
  /** The vector store of the index's model, opened without loading the model when the index records it. */
  readonly vectors: () => Promise<VectorStore>;
  /** The id of the model in use. */
  readonly modelId: string;
  readonly vectorGraceDays: number;
  readonly turns: WriteTurns;
  /** Stops a running scan and waits for it (a reset must not race its writes). */
  readonly stopScans: () => Promise<void>;
  /** After a reset: what the loaded model needs to search again at once (its emptied store made again). */
  readonly afterReset: () => Promise<void>;
  /** The vector store in use, by kind, and a way to open a model's store of the other kind. */
  readonly storeKind: 'pgvector' | 'qdrant';
  readonly openIn: (kind: 'pgvector' | 'qdrant') => (modelId: string, dimension: number) => Promise<VectorStore>;
}

/** The index as a whole: what it holds, and the maintenance that needs no model (reset, prune, verify). */
export class IndexService {
  /** Whether the database's own indexes were found sound in this process (checked before the first scan). */
  private sound = false;

  constructor(private readonly deps: IndexServiceDeps) {}

  async stats(): Promise<IndexStats> {
    const { modelId, vectorGraceDays } = this.deps;
    const [stats, text] = await Promise.all([this.deps.files.stats(modelId), this.deps.files.textStats()]);
    return { ...stats, modelId, vectorGraceDays, text };
  }

  /** Files that could not be indexed, with the reason, and how many there are. */
  async failed(limit: number, offset: number): Promise<{ total: number; files: MediaFile[] }> {
    const [files, stats] = await Promise.all([
      this.deps.files.listFailed(limit, offset),
      this.deps.files.stats(this.deps.modelId),
    ]);
    return { total: stats.failedFiles, files };
  }

  /** Deletes every file record and the vectors of every model; needs no model. Stops a running scan first. */
  async reset(): Promise<void> {
    await this.deps.stopScans();
    await this.deps.turns.run(async () => {
      await resetIndex(this.deps.files, this.deps.spaces);
      await this.deps.afterReset();
    });
  }

  /** Drops now the vectors of every released content (files that left the index); how many were dropped. */
  prune(): Promise<number> {
    return this.deps.turns.run(async () =>
      dropReleasedVectors(this.deps.files, await this.deps.vectors(), new Date('9999-12-31T00:00:00Z')),
    );
  }

  /**
   * `glimpse index copy --to <kind>`: every vector of the index's model copied from the store in use to a store of
   * the other kind, embedding nothing, resumable (see {@link CopyVectors}). Waits for a running scan.
   */
  copyTo(kind: 'pgvector' | 'qdrant', options: CopyVectorsOptions = {}): Promise<CopyProgress> {
    if (kind === this.deps.storeKind)
      throw new GlimpseError(
        'invalid-input',
        `The index is already in ${kind} (GLIMPSE_VECTOR_STORE=${kind}); name the other store to copy it to.`,
      );
    return this.deps.turns.run(async () => {
      const from = await this.deps.vectors();
      const to = await this.deps.openIn(kind)(from.modelId, from.dimension);
      return new CopyVectors(this.deps.files, from, to).run(options);
    });
  }

  /** `glimpse index verify`: see {@link VerifyIndex}. Waits for a running scan. */
  verify(repair: boolean): Promise<VerifyReport> {
    return this.deps.turns.run(async () => {
      const report = await new VerifyIndex(this.deps.files, await this.deps.vectors(), this.deps.maintenance).run({
        repair,
      });
      if (report.remaining.length === 0) this.sound = true;
      return report;
    });
  }

  /**
   * Before a scan writes: the database's own indexes checked once per process, since writes into a damaged one
   * only make it worse. Throws `unavailable` saying what is wrong and what to do.
   */
  async ensureSound(): Promise<void> {
    if (this.sound) return;
    const problems = await this.deps.maintenance.inspect();
    if (problems.length > 0) {
      throw new GlimpseError(
        'unavailable',
        `The index is damaged (${problems.map((p) => p.message).join('; ')}). Run glimpse index verify --repair ` +
          '(nothing good is embedded again), then scan.',
      );
    }
    this.sound = true;
  }

  /**
   * The check a server runs at start (cheap: two counts, one query without indexes, one probe search): what looks
   * wrong, one line each; [] when nothing does. `verify` looks at every row.
   */
  async quickCheck(): Promise<string[]> {
    const problems: string[] = [];
    const vectors = await this.deps.vectors();
    const [stats, held] = await Promise.all([this.deps.files.stats(vectors.modelId), vectors.count()]);
    const expected = stats.indexedContents + stats.releasedContents;
    if (expected !== held.contents)
      problems.push(`${expected} items are recorded as indexed, but the vector store holds ${held.contents}`);
    if (stats.contents > 0 && stats.files === 0) problems.push(`${stats.contents} items are held by no file record`);
    problems.push(...(await this.deps.maintenance.inspect()).map((p) => p.message));
    return problems;
  }
}
