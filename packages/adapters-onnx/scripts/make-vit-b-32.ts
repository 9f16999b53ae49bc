// Writes a model directory whose visual encoder is OpenAI CLIP ViT-B/32's architecture with random weights, for
// throughput benchmarks only (the real weights cannot be downloaded here, and the compute does not depend on their
// values): a 32x32 patch embedding (convolution 3 -> 768, stride 32, 49 patches) with a class token and positional
// embeddings (50 tokens), a pre-LayerNorm, 12 pre-norm transformer blocks (LayerNorm, 12-head self-attention over
// the 50 tokens, residual; LayerNorm, MLP 768 -> 3072 -> 768 with CLIP's QuickGELU, residual), a post-LayerNorm of
// the class token and a projection to 512. About 88 million parameters (~350 MB; not committed, made on demand).
// The textual side and tokenizer are the tiny test model's: the benchmark measures images.
import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOAT, io, ints, model, node, tensor } from './onnx-builder.js';

export const VIT_B_32 = { width: 768, layers: 12, heads: 12, patch: 32, image: 224, mlp: 3072, embed: 512 } as const;
const TOKENS = (VIT_B_32.image / VIT_B_32.patch) ** 2 + 1; // 49 patches and the class token

/** Multiply-accumulates of one image through the encoder (FLOPs are twice this). */
export function vitB32Macs(): number {
  const { width: d, layers, mlp, embed, patch } = VIT_B_32;
  const patches = TOKENS - 1;
  const patchEmbed = patches * 3 * patch * patch * d;
  const attention = TOKENS * d * 3 * d + 2 * TOKENS * TOKENS * d + TOKENS * d * d; // qkv, scores and mix, out
  const block = attention + 2 * TOKENS * d * mlp;
  return patchEmbed + layers * block + d * embed;
}

export function makeVitB32(dir: string, tinyModelDir: string): string {
  if (existsSync(join(dir, 'visual', 'model.onnx'))) return dir;
  const { width: d, layers, heads, patch, image, mlp, embed } = VIT_B_32;
  let seed = 32;
  const rand = (n: number, scale: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      a[i] = (seed / 4294967296 - 0.5) * 2 * scale;
    }
    return a;
  };
  const fill = (n: number, v: number) => new Float32Array(n).fill(v);
  const init = [
    tensor('conv1', [d, 3, patch, patch], rand(d * 3 * patch * patch, 1 / Math.sqrt(3 * patch * patch))),
    tensor('class_embedding', [1, 1, d], rand(d, 0.05)),
    tensor('positional_embedding', [1, TOKENS, d], rand(TOKENS * d, 0.01)),
    tensor('proj', [d, embed], rand(d * embed, 1 / Math.sqrt(d))),
    ints('tokens_shape', [0, d, TOKENS - 1]),
    ints('heads_shape', [0, 0, heads, d / heads]),
    ints('merge_shape', [0, 0, d]),
    ints('pooled_shape', [-1, d]),
    ints('qkv_split', [d, d, d]),
    ints('zero', [0]),
    ints('one', [1]),
    tensor('scale', [], Float32Array.of(1 / Math.sqrt(d / heads))),
    tensor('gelu_k', [], Float32Array.of(1.702)),
    tensor('nothing', [], Float32Array.of(0)),
  ];
  const nodes = [];
  const layerNorm = (name: string, x: string, out: string) => {
    init.push(tensor(`${name}_g`, [d], fill(d, 1)), tensor(`${name}_b`, [d], fill(d, 0)));
    nodes.push(node('LayerNormalization', [x, `${name}_g`, `${name}_b`], [out], { axis: -1, epsilon: 1e-5 }));
  };
  const linear = (name: string, x: string, inDim: number, outDim: number, out: string, gain = 1) => {
    init.push(tensor(`${name}_w`, [inDim, outDim], rand(inDim * outDim, gain / Math.sqrt(inDim))));
    init.push(tensor(`${name}_bias`, [outDim], fill(outDim, 0)));
    nodes.push(node('MatMul', [x, `${name}_w`], [`${out}_mm`]), node('Add', [`${out}_mm`, `${name}_bias`], [out]));
  };

  // Patches: [B,3,224,224] -> [B,768,7,7] -> [B,49,768]; the class token in front; positions added.
  nodes.push(
    node('Conv', ['image', 'conv1'], ['patches'], { kernel_shape: [patch, patch], strides: [patch, patch] }),
    node('Reshape', ['patches', 'tokens_shape'], ['patches_flat']),
    node('Transpose', ['patches_flat'], ['patch_tokens'], { perm: [0, 2, 1] }),
    // A class token per image: the first patch token times zero plus the learned embedding (batch-sized, no shapes).
    node('Slice', ['patch_tokens', 'zero', 'one', 'one'], ['first']),
    node('Mul', ['first', 'nothing'], ['zeros']),
    node('Add', ['zeros', 'class_embedding'], ['cls']),
    node('Concat', ['cls', 'patch_tokens'], ['tokens'], { axis: 1 }),
    node('Add', ['tokens', 'positional_embedding'], ['embedded']),
  );
  layerNorm('ln_pre', 'embedded', 'x0');
  let x = 'x0';
  for (let l = 0; l < layers; l++) {
    const p = `l${l}`;
    layerNorm(`${p}_ln1`, x, `${p}_n1`);
    linear(`${p}_qkv`, `${p}_n1`, d, 3 * d, `${p}_qkv`);
    nodes.push(node('Split', [`${p}_qkv`, 'qkv_split'], [`${p}_q`, `${p}_k`, `${p}_v`], { axis: -1 }));
    for (const t of ['q', 'k', 'v']) nodes.push(node('Reshape', [`${p}_${t}`, 'heads_shape'], [`${p}_${t}h`]));
    nodes.push(
      node('Transpose', [`${p}_qh`], [`${p}_qt`], { perm: [0, 2, 1, 3] }), // [B,12,50,64]
      node('Transpose', [`${p}_kh`], [`${p}_kt`], { perm: [0, 2, 3, 1] }), // [B,12,64,50]
      node('Transpose', [`${p}_vh`], [`${p}_vt`], { perm: [0, 2, 1, 3] }),
      node('MatMul', [`${p}_qt`, `${p}_kt`], [`${p}_scores`]),
      node('Mul', [`${p}_scores`, 'scale'], [`${p}_scaled`]),
      node('Softmax', [`${p}_scaled`], [`${p}_attn`], { axis: -1 }),
      node('MatMul', [`${p}_attn`, `${p}_vt`], [`${p}_mixed`]),
      node('Transpose', [`${p}_mixed`], [`${p}_mixed_t`], { perm: [0, 2, 1, 3] }),
      node('Reshape', [`${p}_mixed_t`, 'merge_shape'], [`${p}_merged`]),
    );
    linear(`${p}_out`, `${p}_merged`, d, d, `${p}_attn_out`, 0.5);
    nodes.push(node('Add', [x, `${p}_attn_out`], [`${p}_x1`]));
    layerNorm(`${p}_ln2`, `${p}_x1`, `${p}_n2`);
    linear(`${p}_fc`, `${p}_n2`, d, mlp, `${p}_h`);
    nodes.push(
      // QuickGELU, as CLIP's own: h * sigmoid(1.702 h)
      node('Mul', [`${p}_h`, 'gelu_k'], [`${p}_hk`]),
      node('Sigmoid', [`${p}_hk`], [`${p}_gate`]),
      node('Mul', [`${p}_h`, `${p}_gate`], [`${p}_gelu`]),
    );
    linear(`${p}_proj`, `${p}_gelu`, mlp, d, `${p}_mlp_out`, 0.5);
    nodes.push(node('Add', [`${p}_x1`, `${p}_mlp_out`], [`${p}_x2`]));
    x = `${p}_x2`;
  }
  nodes.push(
    node('Slice', [x, 'zero', 'one', 'one'], ['cls_out']),
    node('Reshape', ['cls_out', 'pooled_shape'], ['pooled']),
  );
  layerNorm('ln_post', 'pooled', 'pooled_n');
  nodes.push(node('MatMul', ['pooled_n', 'proj'], ['image_embedding']));
  const visual = model(
    {
      name: 'vit-b-32-random',
      input: [io('image', FLOAT, ['batch', 3, image, image])],
      output: [io('image_embedding', FLOAT, ['batch', embed])],
      initializer: init,
      node: nodes,
    },
    17,
  );
  mkdirSync(join(dir, 'visual'), { recursive: true });
  mkdirSync(join(dir, 'textual'), { recursive: true });
  for (const f of [
    'visual/preprocess_cfg.json',
    'textual/model.onnx',
    'textual/tokenizer.json',
    'textual/tokenizer_config.json',
  ])
    copyFileSync(join(tinyModelDir, f), join(dir, f));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ embed_dim: embed, vision_cfg: { image_size: image }, text_cfg: { context_length: 77 } }),
  );
  // The model file last, under its name only when whole: its presence means the directory is complete.
  writeFileSync(join(dir, 'visual', 'model.onnx.tmp'), visual);
  renameSync(join(dir, 'visual', 'model.onnx.tmp'), join(dir, 'visual', 'model.onnx'));
  return dir;
}
