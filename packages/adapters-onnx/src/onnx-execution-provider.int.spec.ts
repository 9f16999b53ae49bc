// Where the model runs. This test is alone in its file so that its CUDA attempt is the process's first
// onnxruntime session (its log level set before onnxruntime starts), as in a worker process.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosine, type ImageInput } from '@glimpse/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxClipEmbedder } from './onnx-clip-embedder.js';
import { TINY_TEST_MODEL_DIR } from './test-model.js';

let dir: string;
const inputs: ImageInput[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-ep-'));
  for (const [k, hex] of ['#ff0000', '#00ff00', '#0000ff', '#ffff00'].entries()) {
    const path = join(dir, `${k}.png`);
    await writeFile(
      path,
      await sharp({ create: { width: 64, height: 48, channels: 3, background: hex } })
        .png()
        .toBuffer(),
    );
    inputs.push({ type: 'file', path });
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the execution provider', () => {
  it('runs on CUDA where it loads, else falls back to the CPU saying why, with the same vectors', async () => {
    const said: string[] = [];
    const gpu = await OnnxClipEmbedder.load({
      modelDir: TINY_TEST_MODEL_DIR,
      batchSize: 4,
      executionProvider: 'cuda',
      onFallback: (m) => said.push(m),
    });
    const cpu = await OnnxClipEmbedder.load({ modelDir: TINY_TEST_MODEL_DIR, batchSize: 4 });
    try {
      if (gpu.executionProvider === 'cpu') {
        // This machine (no CUDA libraries, onnxruntime-node installed without its CUDA files): said once, in words.
        expect(said).toHaveLength(1);
        expect(said[0]).toMatch(/^The CUDA execution provider could not be loaded \(.+\); the model runs on the CPU\./);
      } else expect(said).toEqual([]);
      expect(cpu.executionProvider).toBe('cpu'); // the default
      const [a, b] = await Promise.all([gpu.embedImages(inputs), cpu.embedImages(inputs)]);
      a.forEach((o, k) => {
        if (!o.ok || !b[k]!.ok) throw new Error('expected vectors');
        expect(cosine(o.value.vector, b[k]!.value.vector)).toBeGreaterThan(0.999);
      });
    } finally {
      await gpu.close();
      await cpu.close();
    }
  });
});
