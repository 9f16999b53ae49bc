// A server (and a search) loads the model while the database opens: the model the settings name, or the default
// when it is on disk. The index's record still decides: a guess it does not confirm is closed, never used, and a
// model that is not on disk is not downloaded early.
import { cpSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MODEL, OnnxClipEmbedder, TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseGlimpseConfig } from './config.js';
import { openServices } from './container.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-early-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const configFor = (data: string, env: Record<string, string> = {}) =>
  parseGlimpseConfig({ HOME: '/nonexistent-home', GLIMPSE_DATA_DIR: data, ...env }, {});

/** A data directory whose index records the tiny model (opened once with it named, the model loaded). */
async function indexRecordingTiny(name: string): Promise<string> {
  const data = join(dir, name);
  const s = await openServices(configFor(data, { GLIMPSE_MODEL: TINY_TEST_MODEL_DIR }));
  await s.model.ready();
  await s.close();
  return data;
}

describe('loading the model early', () => {
  it('loads the named model once, while the database opens, and uses it', async () => {
    const data = await indexRecordingTiny('named');
    const load = vi.spyOn(OnnxClipEmbedder, 'load');
    const s = await openServices(configFor(data, { GLIMPSE_MODEL: TINY_TEST_MODEL_DIR }), { loadModelEarly: true });
    try {
      expect(load).toHaveBeenCalledTimes(1); // started before the services were handed back
      const { embedder } = await s.model.ready();
      expect(load).toHaveBeenCalledTimes(1); // the same load, not a second one
      expect(embedder.modelId).toBe('tiny-color-clip');
      const [v] = await embedder.embedTexts(['red']);
      expect(v).toHaveLength(embedder.dimension);
    } finally {
      await s.close();
    }
  });

  it("closes a guess the index's record does not confirm, and loads the recorded model", async () => {
    const data = await indexRecordingTiny('guess');
    // The default model "downloaded" (a complete copy of the tiny one under the default's name): on disk, so it is
    // the early guess when no model is named; the index records the tiny model's folder instead.
    const models = join(dir, 'models');
    cpSync(TINY_TEST_MODEL_DIR, join(models, DEFAULT_MODEL), { recursive: true });
    writeFileSync(join(models, DEFAULT_MODEL, '.glimpse-manifest.json'), '[]');
    const load = vi.spyOn(OnnxClipEmbedder, 'load');
    const close = vi.spyOn(OnnxClipEmbedder.prototype, 'close');
    const s = await openServices(configFor(data, { GLIMPSE_MODEL_DIR: models }), { loadModelEarly: true });
    try {
      expect(load.mock.calls[0]![0].modelDir).toBe(join(models, DEFAULT_MODEL));
      const { embedder } = await s.model.ready();
      expect(load).toHaveBeenCalledTimes(2);
      expect(load.mock.calls[1]![0].modelDir).toBe(TINY_TEST_MODEL_DIR);
      await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1)); // the guess, not the model in use
      expect(await embedder.embedTexts(['red'])).toHaveLength(1);
    } finally {
      await s.close();
    }
    expect(close).toHaveBeenCalledTimes(2);
  });

  it('loads nothing early when the model is not on disk (a download waits for a need), or when not asked', async () => {
    const data = await indexRecordingTiny('absent');
    const load = vi.spyOn(OnnxClipEmbedder, 'load');
    const empty = join(dir, 'no-models');
    for (const options of [{ loadModelEarly: true }, {}]) {
      const s = await openServices(configFor(data, { GLIMPSE_MODEL_DIR: empty, GLIMPSE_OFFLINE: '1' }), options);
      await s.close();
    }
    const named = await openServices(configFor(data, { GLIMPSE_MODEL: TINY_TEST_MODEL_DIR }));
    await named.close();
    expect(load).not.toHaveBeenCalled();
  });
});
