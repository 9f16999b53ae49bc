import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import {
  GlimpseError,
  normalize,
  type Embedder,
  type ImageEmbedding,
  type ImageInput,
  type Outcome,
} from '@glimpse/core';
import * as ort from 'onnxruntime-node';
import { ClipTokenizer } from './clip-tokenizer.js';
import { readModelFiles, type ModelFiles } from './model-files.js';
import { DEFAULT_MAX_PIXELS, preprocessImage, type Preprocessed } from './preprocess.js';

export interface OnnxClipOptions {
  /** A model directory in Immich's layout (see the model manager to download one). */
  readonly modelDir: string;
  /** Identifies the vectors' space; default: the directory's name (e.g. "ViT-B-32__openai"). */
  readonly modelId?: string;
  /** Images per inference call. Default 8. */
  readonly batchSize?: number;
  /** Threads onnxruntime uses inside one operator. Default: the machine's cores. */
  readonly intraOpThreads?: number;
  /** Pictures larger than this many pixels are refused. Default 100 million. */
  readonly maxPixels?: number;
  /**
   * Embed a HEIC from its thumbnail and a camera JPEG from its MPF preview when these are at least as large as the
   * model's input (a camera RAW is always embedded from its preview). Default true; false decodes every picture.
   */
  readonly usePreviews?: boolean;
  /** Query texts whose vectors are remembered. Default 256. */
  readonly textCacheSize?: number;
  /**
   * Where the model runs: `cpu` (default) or `cuda` (an NVIDIA GPU, where onnxruntime-node has its CUDA provider
   * and the CUDA libraries are installed). When CUDA cannot load, the model runs on the CPU and `onFallback` says why.
   */
  readonly executionProvider?: 'cpu' | 'cuda';
  readonly onFallback?: (message: string) => void;
  /**
   * Load the visual encoder when a picture is first embedded, not at load: a command that only embeds a query's
   * words (a search) then never pays for it (ViT-B/32's is 350 MB). A damaged visual model file is then found at
   * the first picture instead of at load. Default false.
   */
  readonly visualOnDemand?: boolean;
}

/**
 * CLIP-family embedder on onnxruntime-node: one session for the visual encoder and one for the textual encoder,
 * loaded once and kept warm. Pictures are decoded and prepared by sharp (libvips threads, off the main thread)
 * while the previous batch runs through the model; vectors are L2-normalized.
 */
export class OnnxClipEmbedder implements Embedder, AsyncDisposable {
  readonly modelId: string;
  readonly dimension: number;
  readonly batchSize: number;
  readonly frameSize: number;
  /** Where the model runs, after any fallback. */
  readonly executionProvider: 'cpu' | 'cuda';
  /** Model calls made so far (for tests and metrics). */
  readonly calls = { visual: 0, textual: 0 };
  private readonly textCache = new Map<string, Float32Array>();
  private visualTurn: Promise<unknown> = Promise.resolve();
  private visualSession: Promise<ort.InferenceSession> | null = null;

  private constructor(
    private readonly files: ModelFiles,
    private readonly openVisual: () => Promise<ort.InferenceSession>,
    private readonly textual: ort.InferenceSession,
    private readonly tokenizer: ClipTokenizer,
    private readonly options: OnnxClipOptions,
  ) {
    this.modelId = options.modelId ?? basename(files.dir);
    this.dimension = files.embedDim;
    this.batchSize = options.batchSize ?? 8;
    this.frameSize = Math.min(...files.preprocess.size);
    this.executionProvider = options.executionProvider ?? 'cpu';
  }

  static async load(options: OnnxClipOptions): Promise<OnnxClipEmbedder> {
    const files = await readModelFiles(options.modelDir);
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: options.intraOpThreads ?? availableParallelism(),
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
    };
    const open = async (path: string, provider: 'cpu' | 'cuda') => {
      try {
        return await ort.InferenceSession.create(path, {
          ...sessionOptions,
          executionProviders: [provider],
          ...(provider === 'cuda' ? { logSeverityLevel: 4 as const } : {}),
        });
      } catch (e) {
        throw new GlimpseError(
          'unavailable',
          `The model file ${path} cannot be loaded by onnxruntime${provider === 'cpu' ? '' : ` with ${provider}`}: ` +
            (e as Error).message,
          { cause: e },
        );
      }
    };
    const onDemand = options.visualOnDemand === true;
    const both = (provider: 'cpu' | 'cuda') =>
      Promise.all([onDemand ? null : open(files.visualModel, provider), open(files.textualModel, provider)]);
    let provider = options.executionProvider ?? 'cpu';
    let sessions: [ort.InferenceSession | null, ort.InferenceSession] | null = null;
    if (provider === 'cuda') {
      // A provider that cannot load is said once, in words (below), not also as onnxruntime's native log lines.
      const logLevel = ort.env.logLevel;
      ort.env.logLevel = 'fatal';
      sessions = await both('cuda')
        .finally(() => {
          if (logLevel !== undefined) ort.env.logLevel = logLevel;
        })
        .catch((e: Error) => {
          provider = 'cpu';
          options.onFallback?.(
            `The CUDA execution provider could not be loaded (${(e.cause as Error | undefined)?.message ?? e.message}); ` +
              'the model runs on the CPU. For the GPU, install the CUDA 12 runtime and cuDNN 9 and an onnxruntime-node ' +
              'whose install fetched its CUDA files (npm install without ONNXRUNTIME_NODE_INSTALL=skip).',
          );
          return null;
        });
    }
    const [visual, textual] = sessions ?? (await both('cpu'));
    const tokenizer = new ClipTokenizer(files.tokenizer, files.tokenizerConfig, files.contextLength);
    const chosen = provider;
    const embedder = new OnnxClipEmbedder(files, () => open(files.visualModel, chosen), textual, tokenizer, {
      ...options,
      executionProvider: provider,
    });
    if (visual) embedder.visualSession = Promise.resolve(visual);
    return embedder;
  }

  async embedImages(inputs: readonly ImageInput[], signal?: AbortSignal): Promise<Outcome<ImageEmbedding>[]> {
    const results = new Array<Outcome<ImageEmbedding>>(inputs.length);
    const prepare = (from: number) =>
      Promise.all(
        inputs.slice(from, from + this.batchSize).map((input) =>
          preprocessImage(
            input,
            this.files.preprocess,
            this.options.maxPixels ?? DEFAULT_MAX_PIXELS,
            this.options.usePreviews ?? true,
          ).then(
            (p): Preprocessed | GlimpseError => p,
            (e: unknown) => GlimpseError.from(e, 'corrupt-media'),
          ),
        ),
      );
    let next = prepare(0);
    for (let from = 0; from < inputs.length; from += this.batchSize) {
      if (signal?.aborted) throw new GlimpseError('cancelled', 'embedding was cancelled', { cause: signal.reason });
      const prepared = await next;
      if (from + this.batchSize < inputs.length) next = prepare(from + this.batchSize); // decode while the model runs
      const ok = prepared.flatMap((p, i) => (p instanceof GlimpseError ? [] : [{ p, i }]));
      const vectors = ok.length ? await this.runVisual(ok.map((x) => x.p.tensor)) : [];
      prepared.forEach((p, i) => {
        if (p instanceof GlimpseError) results[from + i] = { ok: false, error: p };
      });
      ok.forEach(({ p, i }, k) => {
        results[from + i] = {
          ok: true,
          value: { vector: vectors[k]!, width: p.width, height: p.height, takenAt: p.takenAt },
        };
      });
    }
    return results;
  }

  /** Runs the visual encoder on ready tensors (3 x H x W each); one call at a time. */
  async runVisual(tensors: readonly Float32Array[]): Promise<Float32Array[]> {
    const run = this.visualTurn.then(async () => {
      const [h, w] = this.files.preprocess.size;
      const plane = 3 * h * w;
      const batch = new Float32Array(tensors.length * plane);
      tensors.forEach((t, i) => batch.set(t, i * plane));
      const visual = await this.visual();
      const feeds = { [visual.inputNames[0]!]: new ort.Tensor('float32', batch, [tensors.length, 3, h, w]) };
      this.calls.visual++;
      return this.rows(await this.safeRun(visual, feeds), tensors.length);
    });
    this.visualTurn = run.catch(() => undefined);
    return run;
  }

  async embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    for (const t of texts) {
      if (t.trim() === '') throw new GlimpseError('invalid-input', 'cannot embed an empty text');
    }
    const missing = [...new Set(texts.filter((t) => !this.textCache.has(t)))];
    if (missing.length > 0) {
      const vectors = await this.runTextual(missing);
      missing.forEach((t, i) => this.remember(t, vectors[i]!));
    }
    return texts.map((t) => {
      const v = this.textCache.get(t)!;
      this.textCache.delete(t); // most recently used goes last
      this.textCache.set(t, v);
      return Float32Array.from(v);
    });
  }

  /** The token ids the text encoder is given for a text (for tests and diagnostics). */
  tokenize(text: string): number[] {
    return this.tokenizer.encode(text).ids;
  }

  private async runTextual(texts: readonly string[]): Promise<Float32Array[]> {
    const n = texts.length;
    const ctx = this.tokenizer.contextLength;
    const encoded = texts.map((t) => this.tokenizer.encode(t));
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.textual.inputNames) {
      const meta = this.textual.inputMetadata.find((m) => m.name === name);
      const type = meta && meta.isTensor ? meta.type : 'int64';
      const values = /mask/i.test(name)
        ? encoded.flatMap((e) => Array.from({ length: ctx }, (_, i) => (i < e.length ? 1 : 0)))
        : encoded.flatMap((e) => e.ids);
      feeds[name] =
        type === 'int32'
          ? new ort.Tensor('int32', Int32Array.from(values), [n, ctx])
          : new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [n, ctx]);
    }
    this.calls.textual++;
    return this.rows(await this.safeRun(this.textual, feeds), n);
  }

  private async safeRun(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>): Promise<ort.Tensor> {
    try {
      const out = await session.run(feeds);
      return out[session.outputNames[0]!]!;
    } catch (e) {
      throw new GlimpseError('unavailable', `The model ${this.modelId} failed to run: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  private rows(t: ort.Tensor, n: number): Float32Array[] {
    const data = t.data as Float32Array;
    const d = data.length / n;
    if (d !== this.dimension) {
      throw new GlimpseError(
        'unavailable',
        `The model ${this.modelId} returned vectors of dimension ${d}, but its config.json says ${this.dimension}.`,
      );
    }
    return Array.from({ length: n }, (_, i) => normalize(data.subarray(i * d, (i + 1) * d)));
  }

  private remember(text: string, v: Float32Array): void {
    this.textCache.set(text, v);
    const max = this.options.textCacheSize ?? 256;
    while (this.textCache.size > max) this.textCache.delete(this.textCache.keys().next().value!);
  }

  /** The visual encoder's session, opened at the first call when it was not at load. */
  private visual(): Promise<ort.InferenceSession> {
    if (!this.visualSession) {
      this.visualSession = this.openVisual();
      this.visualSession.catch(() => (this.visualSession = null)); // a failed open is tried again next time
    }
    return this.visualSession;
  }

  async close(): Promise<void> {
    const visual = this.visualSession?.catch(() => null);
    await Promise.all([visual?.then((v) => v?.release()), this.textual.release()]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
