// Builds, in a temp folder, a tiny model shaped like Immich's multilingual CLIP exports (XLM-R / NLLB text towers):
// a SentencePiece (Unigram) tokenizer.json with <s> ... </s> and pad id 1, and a text encoder that takes int64
// input_ids and attention_mask. Its text side maps "red" in four languages to the tiny model's red direction; the
// visual side is the tiny colour model's.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOAT, INT64, io, ints, model, node, tensor } from '../scripts/onnx-builder.js';
import { TINY_TEST_MODEL_DIR } from './test-model.js';

export const RED_WORDS = ['red', 'rouge', 'rot', 'красный', '赤い'];

export function makeMultilingualModel(dir: string): string {
  const vocab: [string, number][] = [
    ['<s>', 0],
    ['<pad>', 0],
    ['</s>', 0],
    ['<unk>', 0],
    ...RED_WORDS.map((w): [string, number] => [`▁${w}`, -2]),
    ['▁', -3],
    ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c): [string, number] => [c, -5]),
  ];
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['<s>', '<pad>', '</s>', '<unk>'].map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }] },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }],
      special_tokens: {
        '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] },
        '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] },
      },
    },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 3, vocab, byte_fallback: false },
  };
  const redIds = RED_WORDS.map((_, i) => 4 + i);
  const D = 16;
  const projection = new Float32Array(D); // "red" is dimension 0 of the tiny model's space
  projection[0] = 1;
  const bias = new Float32Array(D);
  bias[6] = 0.05;
  const context = 16;
  const textual = model({
    name: 'tiny-multilingual-textual',
    input: [io('input_ids', INT64, ['batch', context]), io('attention_mask', INT64, ['batch', context])],
    output: [io('text_embedding', FLOAT, ['batch', D])],
    initializer: [
      tensor('red_ids', [redIds.length], BigInt64Array.from(redIds.map(BigInt))),
      tensor('projection', [1, D], projection),
      tensor('bias', [D], bias),
      ints('axis2', [2]),
    ],
    node: [
      node('Unsqueeze', ['input_ids', 'axis2'], ['ids3']),
      node('Equal', ['ids3', 'red_ids'], ['hits']),
      node('Cast', ['hits'], ['hits_f'], { to: FLOAT }),
      node('ReduceMax', ['hits_f'], ['any_red'], { axes: [2], keepdims: 0 }),
      node('Cast', ['attention_mask'], ['mask_f'], { to: FLOAT }),
      node('Mul', ['any_red', 'mask_f'], ['masked']),
      node('ReduceMax', ['masked'], ['red'], { axes: [1], keepdims: 1 }),
      node('MatMul', ['red', 'projection'], ['projected']),
      node('Add', ['projected', 'bias'], ['text_embedding']),
    ],
  });
  mkdirSync(join(dir, 'visual'), { recursive: true });
  mkdirSync(join(dir, 'textual'), { recursive: true });
  for (const f of ['visual/model.onnx', 'visual/preprocess_cfg.json'])
    copyFileSync(join(TINY_TEST_MODEL_DIR, f), join(dir, f));
  writeFileSync(join(dir, 'textual', 'model.onnx'), textual);
  writeFileSync(join(dir, 'textual', 'tokenizer.json'), JSON.stringify(tokenizer));
  writeFileSync(
    join(dir, 'textual', 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'XLMRobertaTokenizer',
      model_max_length: context,
      bos_token: '<s>',
      eos_token: '</s>',
      pad_token: '<pad>',
      unk_token: '<unk>',
    }),
  );
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ embed_dim: D, text_cfg: { context_length: context, hf_tokenizer_name: 'xlm-roberta-large' } }),
  );
  return dir;
}
