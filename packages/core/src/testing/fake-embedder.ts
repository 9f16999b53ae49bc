import { normalize } from '../domain/vectors.js';
import { GlimpseError } from '../errors.js';
import type { Embedder, ImageEmbedding, ImageInput, Outcome } from '../ports/embedder.js';
import type { MediaSource } from '../ports/media-source.js';

const decoder = new TextDecoder();

/** A deterministic unit vector for a word: a seeded xorshift stream, the seed an FNV-1a hash of the word. */
export function wordVector(word: string, dimension: number): Float32Array {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let x = h || 1;
  const v = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    v[i] = x / 0xffffffff - 0.5;
  }
  return normalize(v);
}

/** Embeds text as the normalized sum of its words' vectors, so shared words mean similar vectors. */
export function textVector(text: string, dimension: number): Float32Array {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const sum = new Float32Array(dimension);
  for (const w of words.length ? words : [text]) {
    const v = wordVector(w, dimension);
    for (let i = 0; i < dimension; i++) sum[i] = sum[i]! + v[i]!;
  }
  return normalize(sum);
}

/**
 * An Embedder for core unit tests that reads an "image" as text: a file holding "dog beach" embeds like the query
 * "dog beach". Bytes starting with "CORRUPT" give a `corrupt-media` outcome. Counts what it embeds.
 */
export class FakeEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimension: number;
  readonly batchSize: number;
  readonly frameSize = 16;
  /** Every image input embedded, in order (paths for files, '<bytes>' or '<pixels>' otherwise). */
  readonly embedded: string[] = [];
  textsEmbedded = 0;

  constructor(
    private readonly source: MediaSource,
    options: { modelId?: string; dimension?: number; batchSize?: number } = {},
  ) {
    this.modelId = options.modelId ?? 'fake-words-v1';
    this.dimension = options.dimension ?? 32;
    this.batchSize = options.batchSize ?? 4;
  }

  async embedImages(inputs: readonly ImageInput[], signal?: AbortSignal): Promise<Outcome<ImageEmbedding>[]> {
    const out: Outcome<ImageEmbedding>[] = [];
    for (const input of inputs) {
      if (signal?.aborted) throw new GlimpseError('cancelled', 'embedding was cancelled', { cause: signal.reason });
      const bytes =
        input.type === 'file'
          ? await readAll(this.source.read(input.path))
          : input.type === 'encoded'
            ? input.bytes
            : input.data;
      this.embedded.push(input.type === 'file' ? input.path : `<${input.type}>`);
      const text = decoder.decode(bytes).replace(/\0+$/, ''); // a frame's words, padded to its size
      if (text.startsWith('CORRUPT')) {
        out.push({
          ok: false,
          error: new GlimpseError('corrupt-media', 'cannot decode the image: the data is corrupt'),
        });
        continue;
      }
      out.push({ ok: true, value: { vector: textVector(text, this.dimension), width: 1, height: 1, takenAt: null } });
    }
    return out;
  }

  async embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    this.textsEmbedded += texts.length;
    return texts.map((t) => {
      if (t.trim() === '') throw new GlimpseError('invalid-input', 'cannot embed an empty text');
      return textVector(t, this.dimension);
    });
  }
}

export async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of chunks) {
    parts.push(c);
    n += c.length;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
