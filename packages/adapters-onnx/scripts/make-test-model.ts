// Generates the tiny, deterministic, CLIP-shaped test model used by every end-to-end test (committed under
// packages/adapters-onnx/test-model/tiny-color-clip). Same layout, input/output names and shapes as the real
// encoders Immich publishes: config.json, visual/{model.onnx,preprocess_cfg.json}, textual/{model.onnx,
// tokenizer.json,tokenizer_config.json}. The tokenizer is the real CLIP tokenizer built from OpenAI's BPE merges.
//
// What it computes: the visual encoder averages the (un-normalized) RGB of the picture and scores it against six
// colour prototypes (red, green, blue, yellow, white, black); the text encoder marks which of those six colour
// words the tokens contain. So "red" ranks solid red pictures first, and so on.
//
// Usage: npm run make-test-model   (from the repository root)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import { buildClipTokenizerJson } from './clip-tokenizer-json.js';
import { FLOAT, INT32, io, ints, model, node, tensor } from './onnx-builder.js';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'test-model', 'tiny-color-clip');
const bpe = join(here, '..', '..', '..', '..', 'shared', 'data', 'clip-bpe', 'bpe_simple_vocab_16e6.txt.gz');

export const COLORS: Record<string, [number, number, number]> = {
  red: [1, 0, 0],
  green: [0, 1, 0],
  blue: [0, 0, 1],
  yellow: [1, 1, 0],
  white: [1, 1, 1],
  black: [0, 0, 0],
};
const NAMES = Object.keys(COLORS);
const D = 16; // embedding dimension
const SIZE = 224;
const CONTEXT = 77;
const MEAN = [0.48145466, 0.4578275, 0.40821073];
const STD = [0.26862954, 0.26130258, 0.27577711];
const SHARPNESS = 8; // how fast a prototype's score falls with colour distance

/** The 6 colour scores land in dimensions 0..5; dimension 6 holds a small constant so no vector is zero. */
function projection(): Float32Array {
  const w = new Float32Array(NAMES.length * D);
  for (let c = 0; c < NAMES.length; c++) w[c * D + c] = 1;
  return w;
}
function bias(): Float32Array {
  const b = new Float32Array(D);
  b[6] = 0.05;
  return b;
}

function visual(): Uint8Array {
  const protos = Float32Array.from(NAMES.flatMap((n) => COLORS[n]!));
  return model({
    name: 'tiny-color-clip-visual',
    input: [io('image', FLOAT, ['batch', 3, SIZE, SIZE])],
    output: [io('image_embedding', FLOAT, ['batch', D])],
    initializer: [
      tensor('std', [3], Float32Array.from(STD)),
      tensor('mean', [3], Float32Array.from(MEAN)),
      tensor('prototypes', [NAMES.length, 3], protos),
      tensor('neg_sharpness', [], Float32Array.of(-SHARPNESS)),
      tensor('projection', [NAMES.length, D], projection()),
      tensor('bias', [D], bias()),
      ints('axis1', [1]),
      ints('axis2', [2]),
    ],
    node: [
      node('ReduceMean', ['image'], ['pooled'], { axes: [2, 3], keepdims: 0 }),
      node('Mul', ['pooled', 'std'], ['scaled']),
      node('Add', ['scaled', 'mean'], ['rgb']),
      node('Unsqueeze', ['rgb', 'axis1'], ['rgb3']),
      node('Sub', ['rgb3', 'prototypes'], ['diff']),
      node('Mul', ['diff', 'diff'], ['sq']),
      node('ReduceSum', ['sq', 'axis2'], ['dist2'], { keepdims: 0 }),
      node('Mul', ['dist2', 'neg_sharpness'], ['logits']),
      node('Exp', ['logits'], ['scores']),
      node('MatMul', ['scores', 'projection'], ['projected']),
      node('Add', ['projected', 'bias'], ['image_embedding']),
    ],
  });
}

function textual(colorIds: number[]): Uint8Array {
  return model({
    name: 'tiny-color-clip-textual',
    input: [io('text', INT32, ['batch', CONTEXT])],
    output: [io('text_embedding', FLOAT, ['batch', D])],
    initializer: [
      tensor('color_ids', [colorIds.length], Int32Array.from(colorIds)),
      tensor('projection', [NAMES.length, D], projection()),
      tensor('bias', [D], bias()),
      ints('axis2', [2]),
    ],
    node: [
      node('Unsqueeze', ['text', 'axis2'], ['ids3']),
      node('Equal', ['ids3', 'color_ids'], ['hits']),
      node('Cast', ['hits'], ['hits_f'], { to: FLOAT }),
      node('ReduceMax', ['hits_f'], ['present'], { axes: [1], keepdims: 0 }),
      node('MatMul', ['present', 'projection'], ['projected']),
      node('Add', ['projected', 'bias'], ['text_embedding']),
    ],
  });
}

const { tokenizer, config } = buildClipTokenizerJson(bpe);
const tok = new Tokenizer(tokenizer as never, config as never);
const colorIds = NAMES.map((n) => {
  const ids = tok.encode(n).ids;
  if (ids.length !== 3) throw new Error(`"${n}" is not a single CLIP token`);
  return ids[1]!;
});

const files: Record<string, string | Uint8Array> = {
  'config.json': JSON.stringify(
    {
      embed_dim: D,
      vision_cfg: { image_size: SIZE, layers: 0, width: 0, patch_size: 32 },
      text_cfg: { context_length: CONTEXT, vocab_size: 49408, width: 0, heads: 0, layers: 0 },
      glimpse: { description: 'tiny deterministic colour model for tests', colors: NAMES },
    },
    null,
    2,
  ),
  'visual/model.onnx': visual(),
  'visual/preprocess_cfg.json': JSON.stringify(
    {
      size: [SIZE, SIZE],
      mode: 'RGB',
      mean: MEAN,
      std: STD,
      interpolation: 'bicubic',
      resize_mode: 'shortest',
      fill_color: 0,
    },
    null,
    2,
  ),
  'textual/model.onnx': textual(colorIds),
  'textual/tokenizer.json': JSON.stringify(tokenizer),
  'textual/tokenizer_config.json': JSON.stringify(config, null, 2),
};
for (const [name, content] of Object.entries(files)) {
  mkdirSync(dirname(join(out, name)), { recursive: true });
  writeFileSync(join(out, name), content);
}
console.log(`wrote ${Object.keys(files).length} files to ${out} (colour token ids ${colorIds.join(', ')})`);
