import type { DownloadProgress } from '@glimpse/adapters-onnx';
import { GlimpseError, type Embedder, type SearchMedia, type VectorStore } from '@glimpse/core';
import type { ModelChoice } from '../model-choice.js';

/** The parts that need the model: ready once it is loaded (downloaded first, on a first run). */
export interface ModelServices {
  readonly embedder: Embedder;
  readonly vectors: VectorStore;
  readonly search: SearchMedia;
}

export type ModelState =
  { readonly state: 'loading' } | { readonly state: 'ready' } | { readonly state: 'failed'; readonly error: string };

/**
 * The model's lifecycle in a process: loaded on first need (a search, a scan), with its state and any download in
 * progress for readiness reports; a failed load is tried again by the next call (the network may be back).
 */
export class ModelService {
  /** The model download in progress (first run); null when none. */
  download: DownloadProgress | null = null;
  private loading: Promise<ModelServices> | null = null;
  private current: ModelState = { state: 'loading' };

  constructor(
    /** The model this process uses for the index, and what the index records. */
    readonly choice: ModelChoice,
    private readonly load: () => Promise<ModelServices>,
  ) {}

  /** The id of the model in use (known before it loads). */
  get modelId(): string {
    return this.choice.modelId;
  }

  get state(): ModelState {
    return this.current;
  }

  /** The model's services; loads it on the first call. */
  ready(): Promise<ModelServices> {
    this.loading ??= this.load().then(
      (services) => {
        this.current = { state: 'ready' };
        this.download = null;
        return services;
      },
      (e: Error) => {
        this.current = { state: 'failed', error: e.message };
        this.loading = null;
        throw e;
      },
    );
    return this.loading;
  }

  /**
   * The model's services, waiting up to `waitMs` while it loads; then an `unavailable` error saying what is
   * happening (a first run may be downloading it), which the server answers with 503.
   */
  async now(waitMs = 15_000): Promise<ModelServices> {
    if (this.current.state === 'failed' && !this.loading)
      throw new GlimpseError('unavailable', `The model could not be loaded: ${this.current.error}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new GlimpseError('unavailable', 'Glimpse is still loading its model; try again in a moment.')),
        waitMs,
      );
    });
    try {
      return await Promise.race([this.ready(), timeout]);
    } catch (e) {
      if (GlimpseError.is(e)) throw e;
      throw new GlimpseError('unavailable', `The model could not be loaded: ${(e as Error).message}`, { cause: e });
    } finally {
      clearTimeout(timer);
    }
  }
}
