import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosine, GlimpseError, type ImageInput } from '@glimpse/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxClipEmbedder } from './onnx-clip-embedder.js';
import { makeMultilingualModel, RED_WORDS } from './multilingual-model.fixture.js';
import { TINY_TEST_MODEL_DIR } from './test-model.js';

const COLORS = {
  red: '#ff0000',
  green: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  white: '#ffffff',
  black: '#000000',
} as const;
type Color = keyof typeof COLORS;

let dir: string;
let embedder: OnnxClipEmbedder;
const files = {} as Record<Color, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-clip-'));
  embedder = await OnnxClipEmbedder.load({ modelDir: TINY_TEST_MODEL_DIR, batchSize: 4 });
  let i = 0;
  for (const [name, hex] of Object.entries(COLORS) as [Color, string][]) {
    const w = 320 + 40 * i++; // different sizes and formats
    files[name] = join(dir, `${name}.${i % 2 ? 'jpg' : 'png'}`);
    const img = sharp({ create: { width: w, height: 240, channels: 3, background: hex } });
    await writeFile(files[name], await (i % 2 ? img.jpeg({ quality: 92 }) : img.png()).toBuffer());
  }
});
afterAll(async () => {
  await embedder?.close();
  await rm(dir, { recursive: true, force: true });
});

const inputs = (): ImageInput[] => (Object.keys(COLORS) as Color[]).map((c) => ({ type: 'file', path: files[c] }));

describe('OnnxClipEmbedder with the tiny test model', () => {
  it('reports its model id and dimension', () => {
    expect(embedder.modelId).toBe('tiny-color-clip');
    expect(embedder.dimension).toBe(16);
    expect(embedder.frameSize).toBe(224);
  });

  it('ranks the solid picture of each colour first for that colour word, in any case and with punctuation', async () => {
    const images = await embedder.embedImages(inputs());
    const vectors = images.map((o) => (o.ok ? o.value.vector : null));
    const names = Object.keys(COLORS) as Color[];
    const cases: [Color, string][] = [
      ...names.map((n): [Color, string] => [n, n]),
      ['red', 'A RED car!'],
      ['green', 'green, 42 times'],
      ['yellow', 'a photo of something yellow'],
    ];
    for (const [k, query] of cases) {
      const [q] = await embedder.embedTexts([query]);
      const ranked = names.map((n, i) => ({ n, s: cosine(q!, vectors[i]!) })).sort((a, b) => b.s - a.s);
      expect(ranked[0]!.n, query).toBe(k);
      expect(ranked[0]!.s - ranked[1]!.s, query).toBeGreaterThan(0.5);
    }
  });

  it('returns unit vectors, the same across runs and batch sizes', async () => {
    const a = await embedder.embedImages(inputs());
    const one = await OnnxClipEmbedder.load({ modelDir: TINY_TEST_MODEL_DIR, batchSize: 1, intraOpThreads: 1 });
    try {
      const b = await one.embedImages(inputs());
      const c = await embedder.embedImages(inputs());
      a.forEach((o, i) => {
        if (!o.ok || !b[i]!.ok || !c[i]!.ok) throw new Error('embedding failed');
        expect(Math.hypot(...o.value.vector)).toBeCloseTo(1, 5);
        expect(Array.from(b[i]!.value.vector)).toEqual(Array.from(o.value.vector).map((x) => expect.closeTo(x, 6)));
        expect(Array.from(c[i]!.value.vector)).toEqual(Array.from(o.value.vector));
      });
      const [t1] = await embedder.embedTexts(['blue']);
      const [t2] = await one.embedTexts(['blue']);
      expect(Math.hypot(...t1!)).toBeCloseTo(1, 5);
      expect(Array.from(t2!)).toEqual(Array.from(t1!).map((x) => expect.closeTo(x, 6)));
    } finally {
      await one.close();
    }
  });

  it('reports a bad picture as a failed outcome and embeds the others; facts come along', async () => {
    const broken = join(dir, 'broken.jpg');
    await writeFile(broken, 'not a picture at all');
    const out = await embedder.embedImages([
      ...inputs().slice(0, 3),
      { type: 'file', path: broken },
      ...inputs().slice(3),
    ]);
    expect(out.map((o) => o.ok)).toEqual([true, true, true, false, true, true, true]);
    const bad = out[3]!;
    expect(!bad.ok && GlimpseError.is(bad.error, 'unsupported-media') && bad.error.message.includes(broken)).toBe(true);
    expect(out[0]!.ok && [out[0]!.value.width, out[0]!.value.height]).toEqual([320, 240]);
  });

  it('remembers recent query texts instead of running the model again', async () => {
    const before = embedder.calls.textual;
    await embedder.embedTexts(['white cat']);
    await embedder.embedTexts(['white cat', 'white cat']);
    expect(embedder.calls.textual).toBe(before + 1);
    await expect(embedder.embedTexts(['  '])).rejects.toThrow(/empty/);
  });
});

describe("CLIP tokenization (the real tokenizer, built from OpenAI's merges)", () => {
  /** The ids without the trailing padding (CLIP pads with 0). */
  const real = (text: string) => {
    const ids = embedder.tokenize(text);
    let n = ids.length;
    while (n > 0 && ids[n - 1] === 0) n--;
    return ids.slice(0, n);
  };

  it('encodes the reference sentence', () => {
    expect(real('a photo of a cat')).toEqual([49406, 320, 1125, 539, 320, 2368, 49407]);
    expect(embedder.tokenize('a photo of a cat')).toHaveLength(77);
  });

  it('lower-cases, and splits punctuation, digits and non-ASCII text', () => {
    expect(real('A PHOTO OF A CAT')).toEqual(real('a photo of a cat'));
    expect(real('cat!')).toEqual([49406, 2368, 256, 49407]);
    expect(real('2024')).toHaveLength(2 + 4); // digits are single tokens
    const unicode = real('Ünïcödé 日本');
    expect(unicode[0]).toBe(49406);
    expect(unicode[unicode.length - 1]).toBe(49407);
    expect(unicode.length).toBeGreaterThan(4);
  });

  it('truncates to the context length, keeping the end token', () => {
    const ids = embedder.tokenize(Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '));
    expect(ids).toHaveLength(77);
    expect(ids[0]).toBe(49406);
    expect(ids[76]).toBe(49407);
  });
});

describe('a multilingual model (SentencePiece tokenizer, int64 ids and an attention mask, like XLM-R / NLLB towers)', () => {
  it('tokenizes with its own tokenizer.json, pads with its pad id, and finds "red" in five languages', async () => {
    await using ml = await OnnxClipEmbedder.load({ modelDir: makeMultilingualModel(join(dir, 'multilingual')) });
    const ids = ml.tokenize('rouge');
    expect(ids).toHaveLength(16);
    expect(ids.slice(0, 3)).toEqual([0, 5, 2]); // <s> ▁rouge </s>
    expect(ids.slice(3)).toEqual(new Array(13).fill(1)); // <pad> is 1 for XLM-R
    const images = await ml.embedImages(
      (['red', 'green', 'blue'] as const).map((c) => ({ type: 'file' as const, path: files[c] })),
    );
    for (const word of RED_WORDS) {
      const [q] = await ml.embedTexts([`${word}`]);
      const scores = images.map((o) => (o.ok ? cosine(q!, o.value.vector) : -1));
      expect(scores.indexOf(Math.max(...scores)), word).toBe(0);
    }
    const [none] = await ml.embedTexts(['bleu']);
    expect(Math.abs(cosine(none!, images[0]!.ok ? images[0]!.value.vector : new Float32Array(16)))).toBeLessThan(0.1);
  });
});
