import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlimpseError } from '@glimpse/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MODEL_FILES } from './model-files.js';
import { downloadProgressPrinter, ModelManager, type DownloadProgress } from './model-manager.js';
import { OnnxClipEmbedder } from './onnx-clip-embedder.js';
import { FakeHub } from './fake-hub.fixture.js';
import { TINY_TEST_MODEL_DIR } from './test-model.js';

const digest = async (p: string) =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');

let hub: FakeHub;
let cache: string;
beforeAll(async () => {
  hub = new FakeHub();
  await hub.start();
});
afterAll(async () => {
  await hub.stop();
});
beforeEach(async () => {
  cache = await mkdtemp(join(tmpdir(), 'glimpse-models-'));
  hub.requests.length = 0;
  hub.cutOnce.clear();
  hub.corrupt.clear();
});
afterEach(async () => {
  await rm(cache, { recursive: true, force: true });
});

describe('ModelManager against a local fake hub', () => {
  it('downloads a model into the cache, reports progress, and the embedder loads it', async () => {
    const progress: DownloadProgress[] = [];
    const manager = new ModelManager({ cacheDir: cache, hubUrl: hub.url, onProgress: (p) => progress.push(p) });
    const dir = await manager.resolve('Tiny-Test__fake');
    expect(dir).toBe(join(cache, 'Tiny-Test__fake'));
    for (const p of MODEL_FILES) expect(await digest(join(dir, p))).toBe(await digest(join(TINY_TEST_MODEL_DIR, p)));
    expect(progress.at(-1)!.bytes).toBe(progress.at(-1)!.total);
    expect((await manager.list()).map((m) => [m.name, m.complete])).toEqual([['Tiny-Test__fake', true]]);
    await using embedder = await OnnxClipEmbedder.load({ modelDir: dir });
    expect(embedder.modelId).toBe('Tiny-Test__fake');

    hub.requests.length = 0;
    expect(await new ModelManager({ cacheDir: cache, hubUrl: hub.url, offline: true }).resolve('Tiny-Test__fake')).toBe(
      dir,
    );
    expect(hub.requests).toEqual([]); // a complete model needs no network
  });

  it('resumes a transfer that broke off, with a Range request', async () => {
    hub.cutOnce.set('textual/tokenizer.json', 500_000);
    const dir = await new ModelManager({ cacheDir: cache, hubUrl: hub.url }).resolve('Tiny-Test__fake');
    const tokenizerRequests = hub.requests.filter((r) => r.path.endsWith('textual/tokenizer.json'));
    expect(tokenizerRequests).toHaveLength(2);
    expect(tokenizerRequests[0]!.range).toBeUndefined();
    // The second request resumes where the first broke off (at most the 500,000 bytes sent before the cut).
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(tokenizerRequests[1]!.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(500_000);
    expect(await digest(join(dir, 'textual/tokenizer.json'))).toBe(
      await digest(join(TINY_TEST_MODEL_DIR, 'textual/tokenizer.json')),
    );
  });

  it('rejects a file whose checksum is wrong, deletes it, and leaves the model incomplete', async () => {
    hub.corrupt.add('visual/model.onnx');
    const manager = new ModelManager({ cacheDir: cache, hubUrl: hub.url });
    const err = await manager.resolve('Tiny-Test__fake').catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'unavailable')).toBe(true);
    expect((err as Error).message).toMatch(
      /visual\/model\.onnx of model "Tiny-Test__fake" does not match its checksum/,
    );
    expect(await readdir(join(cache, 'Tiny-Test__fake', 'visual'))).not.toContain('model.onnx.part');
    expect(existsSync(join(cache, 'Tiny-Test__fake', 'visual', 'model.onnx'))).toBe(false);
    expect((await manager.list())[0]!.complete).toBe(false);
    hub.corrupt.clear();
    await manager.resolve('Tiny-Test__fake'); // a retry fetches only what is missing
    expect(hub.requests.filter((r) => r.path.endsWith('/main/config.json'))).toHaveLength(1);
  });

  it('offline, a missing model is one clear message naming the files to place by hand', async () => {
    const err = await new ModelManager({ cacheDir: cache, hubUrl: hub.url, offline: true })
      .resolve('ViT-B-32__openai')
      .catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'unavailable')).toBe(true);
    const msg = (err as Error).message;
    expect(msg).toContain(join(cache, 'ViT-B-32__openai'));
    for (const f of MODEL_FILES) expect(msg).toContain(f);
    expect(hub.requests).toEqual([]);
  });

  it('says when the hub cannot be reached or has no such model', async () => {
    const unreachable = await new ModelManager({ cacheDir: cache, hubUrl: 'http://127.0.0.1:1' })
      .resolve('ViT-B-32__openai')
      .catch((e: unknown) => e);
    expect((unreachable as Error).message).toMatch(/cannot be reached.*Place these files by hand/);
    const unknown = await new ModelManager({ cacheDir: cache, hubUrl: hub.url })
      .resolve('No-Such__model')
      .catch((e: unknown) => e);
    expect(GlimpseError.is(unknown, 'not-found')).toBe(true);
  });

  it('uses a model directory given by path as it is', async () => {
    expect(await new ModelManager({ cacheDir: cache, offline: true }).resolve(TINY_TEST_MODEL_DIR)).toBe(
      TINY_TEST_MODEL_DIR,
    );
    const bad = await new ModelManager({ cacheDir: cache, offline: true })
      .resolve('/no/such/dir')
      .catch((e: unknown) => e);
    expect(GlimpseError.is(bad, 'not-found')).toBe(true);
  });

  it('draws a progress bar on a terminal and plain lines elsewhere', () => {
    const out: string[] = [];
    const tty = { isTTY: true, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream;
    downloadProgressPrinter(tty)({
      model: 'M',
      file: 'visual/model.onnx',
      fileBytes: 5e6,
      fileTotal: 5e6,
      bytes: 10e6,
      total: 10e6,
    });
    expect(out.join('')).toMatch(/\rM \[#{30}\] 10\.0\/10\.0 MB {2}visual\/model\.onnx/);
    const lines: string[] = [];
    const pipe = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    downloadProgressPrinter(pipe)({
      model: 'M',
      file: 'config.json',
      fileBytes: 10,
      fileTotal: 10,
      bytes: 10,
      total: 100,
    });
    expect(lines).toEqual(['downloaded M/config.json (0.0 MB; 0.0/0.0 MB in all)\n']);
  });
});
