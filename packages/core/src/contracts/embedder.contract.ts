import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import type { Embedder, ImageEmbedding, ImageInput, Outcome } from '../ports/embedder.js';

export interface EmbedderHarness {
  readonly embedder: Embedder;
  /** Two pictures the embedder reads, that look different. */
  readonly pictures: readonly [ImageInput, ImageInput];
  /** An input that is not a picture it can read. */
  readonly broken: ImageInput;
  close(): Promise<void>;
}

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const vectorOf = (o: Outcome<ImageEmbedding> | undefined) => {
  if (!o?.ok) throw new Error(`expected a vector, got ${o ? o.error.message : 'nothing'}`);
  return Array.from(o.value.vector);
};
const close = (a: number[], b: number[]) => a.every((x, i) => Math.abs(x - b[i]!) < 1e-5);

/** The behaviour every Embedder must have (the ONNX CLIP embedder with a test model, the fake). */
export function describeEmbedderContract(name: string, setup: () => Promise<EmbedderHarness>): void {
  describe(`Embedder contract: ${name}`, () => {
    let h: EmbedderHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('names its space and says how it likes its inputs', () => {
      const e = h.embedder;
      expect(typeof e.modelId === 'string' && e.modelId.length > 0).toBe(true);
      expect(Number.isInteger(e.dimension) && e.dimension > 0).toBe(true);
      expect(Number.isInteger(e.batchSize) && e.batchSize >= 1).toBe(true);
      expect(Number.isInteger(e.frameSize) && e.frameSize >= 1).toBe(true);
    });

    it('gives one outcome per input, in order: unit vectors of its dimension', async () => {
      const [a, b] = h.pictures;
      const ab = await h.embedder.embedImages([a, b]);
      expect(ab).toHaveLength(2);
      for (const o of ab) {
        const v = vectorOf(o);
        expect(v).toHaveLength(h.embedder.dimension);
        expect(norm(Float32Array.from(v))).toBeCloseTo(1, 3);
      }
      const ba = await h.embedder.embedImages([b, a]);
      expect(close(vectorOf(ba[0]), vectorOf(ab[1]))).toBe(true);
      expect(close(vectorOf(ba[1]), vectorOf(ab[0]))).toBe(true);
      expect(close(vectorOf(ab[0]), vectorOf(ab[1]))).toBe(false); // different pictures, different vectors
      expect(await h.embedder.embedImages([])).toEqual([]);
    });

    it('answers a bad input with its own failure, and the rest of the batch as if it were not there', async () => {
      const [a, b] = h.pictures;
      const [first, bad, last] = await h.embedder.embedImages([a, h.broken, b]);
      expect(bad!.ok).toBe(false);
      if (!bad!.ok) {
        expect(GlimpseError.is(bad!.error, 'corrupt-media') || GlimpseError.is(bad!.error, 'unsupported-media')).toBe(
          true,
        );
        expect(bad!.error.message.length).toBeGreaterThan(10);
      }
      const [alone] = await h.embedder.embedImages([a]);
      const [alsoAlone] = await h.embedder.embedImages([b]);
      expect(close(vectorOf(first), vectorOf(alone))).toBe(true);
      expect(close(vectorOf(last), vectorOf(alsoAlone))).toBe(true);
    });

    it('embeds texts as unit vectors, the same text the same way, and refuses an empty one', async () => {
      const [x, y, again] = await h.embedder.embedTexts(['red', 'a dog on a beach', 'red']);
      expect(x).toHaveLength(h.embedder.dimension);
      expect(norm(x!)).toBeCloseTo(1, 3);
      expect(close(Array.from(x!), Array.from(again!))).toBe(true);
      expect(close(Array.from(x!), Array.from(y!))).toBe(false);
      for (const empty of ['', '   ']) {
        const err = await h.embedder.embedTexts([empty]).catch((e: unknown) => e);
        expect(GlimpseError.is(err, 'invalid-input')).toBe(true);
      }
    });

    it('stops when told to: a call with an aborted signal embeds nothing and rejects as cancelled', async () => {
      const ac = new AbortController();
      ac.abort();
      const e = await h.embedder.embedImages([h.pictures[0]], ac.signal).catch((err: unknown) => err);
      expect(GlimpseError.is(e, 'cancelled')).toBe(true);
    });
  });
}
