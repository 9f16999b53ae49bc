// Writes a model directory whose visual encoder has about the compute of ViT-B/32 (~4.4 GFLOPs per 224x224
// image) with random weights, for throughput benchmarks only: patch embedding (49 patches of 32x32x3 -> 768),
// then MLP blocks (768 -> 3072 -> 768, residual) on the 49 tokens, mean pooling, projection to 512. The textual
// side and tokenizer are the tiny test model's. Not committed (about 190 MB); made by the benchmark on demand.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOAT, io, ints, model, node, tensor } from './onnx-builder.js';

export const COMPUTE_BLOCKS = 9;

/** FLOPs of one image through the generated visual encoder (multiply-adds count 2). */
export function computeFlops(): number {
  const tokens = 49;
  return 2 * tokens * (3072 * 768 + COMPUTE_BLOCKS * 2 * 768 * 3072) + 2 * 768 * 512;
}

export function makeComputeModel(dir: string, tinyModelDir: string): string {
  if (existsSync(join(dir, 'visual', 'model.onnx'))) return dir;
  let seed = 99;
  const rand = (n: number, scale: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      a[i] = (seed / 4294967296 - 0.5) * 2 * scale;
    }
    return a;
  };
  const init = [
    ints('patch_shape', [-1, 3, 7, 32, 7, 32]),
    ints('token_shape', [-1, 49, 3072]),
    tensor('w_patch', [3072, 768], rand(3072 * 768, 1 / Math.sqrt(3072))),
    tensor('w_proj', [768, 512], rand(768 * 512, 1 / Math.sqrt(768))),
  ];
  const nodes = [
    node('Reshape', ['image', 'patch_shape'], ['p6']),
    node('Transpose', ['p6'], ['p6t'], { perm: [0, 2, 4, 1, 3, 5] }),
    node('Reshape', ['p6t', 'token_shape'], ['patches']),
    node('MatMul', ['patches', 'w_patch'], ['x0']),
  ];
  let x = 'x0';
  for (let b = 0; b < COMPUTE_BLOCKS; b++) {
    init.push(tensor(`w_up${b}`, [768, 3072], rand(768 * 3072, 1 / Math.sqrt(768))));
    init.push(tensor(`w_down${b}`, [3072, 768], rand(3072 * 768, 1 / Math.sqrt(3072) / 4)));
    nodes.push(
      node('MatMul', [x, `w_up${b}`], [`h${b}`]),
      node('Relu', [`h${b}`], [`r${b}`]),
      node('MatMul', [`r${b}`, `w_down${b}`], [`d${b}`]),
    );
    nodes.push(node('Add', [x, `d${b}`], [`x${b + 1}`]));
    x = `x${b + 1}`;
  }
  nodes.push(
    node('ReduceMean', [x], ['pooled'], { axes: [1], keepdims: 0 }),
    node('MatMul', ['pooled', 'w_proj'], ['image_embedding']),
  );
  const visual = model({
    name: 'vit-b-32-compute',
    input: [io('image', FLOAT, ['batch', 3, 224, 224])],
    output: [io('image_embedding', FLOAT, ['batch', 512])],
    initializer: init,
    node: nodes,
  });
  mkdirSync(join(dir, 'visual'), { recursive: true });
  mkdirSync(join(dir, 'textual'), { recursive: true });
  writeFileSync(join(dir, 'visual', 'model.onnx'), visual);
  for (const f of [
    'visual/preprocess_cfg.json',
    'textual/model.onnx',
    'textual/tokenizer.json',
    'textual/tokenizer_config.json',
  ]) {
    copyFileSync(join(tinyModelDir, f), join(dir, f));
  }
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ embed_dim: 512, vision_cfg: { image_size: 224 }, text_cfg: { context_length: 77 } }),
  );
  return dir;
}
