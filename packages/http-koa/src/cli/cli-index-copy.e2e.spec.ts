// `glimpse index copy` through the real command: its mistakes, and a Qdrant that does not answer. (The copy
// itself is tested between the stores that run here: core's copy-vectors spec, and PGlite's.)
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGlimpse } from '../../../../test-support/glimpse-cli.js';
import { makeMediaLibrary, type MediaLibrary } from '../../../../test-support/media-library.js';

let dir: string;
let lib: MediaLibrary;
let env: NodeJS.ProcessEnv;

const glimpse = (args: string[], extra: NodeJS.ProcessEnv = {}) => runGlimpse(args, { ...env, ...extra });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-copy-cli-'));
  lib = await makeMediaLibrary(join(dir, 'library'));
  env = {
    PATH: process.env['PATH'],
    HOME: join(dir, 'home'),
    GLIMPSE_DATA_DIR: join(dir, 'data'),
    GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
    GLIMPSE_OFFLINE: '1',
  };
  const scan = await glimpse(['scan', lib.root]);
  expect(scan.code, scan.stderr).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('glimpse index copy', () => {
  it('needs --to naming the other store (exit 2)', async () => {
    const none = await glimpse(['index', 'copy']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('index copy needs --to qdrant or --to pgvector.');
    const same = await glimpse(['index', 'copy', '--to', 'pgvector']);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('The index is already in pgvector');
    const stray = await glimpse(['index', 'stats', '--to', 'qdrant']);
    expect(stray.code).toBe(2);
  });

  it('to a Qdrant that does not answer: says so, exits 1, and the index is as it was', async () => {
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const port = (probe.address() as { port: number }).port;
    await new Promise((done) => probe.close(done));
    const r = await glimpse(['index', 'copy', '--to', 'qdrant'], {
      GLIMPSE_QDRANT_URL: `http://127.0.0.1:${port}`,
      GLIMPSE_QDRANT_TIMEOUT_MS: '500',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Qdrant at http://127.0.0.1:${port} did not answer: connection refused`);
    const search = await glimpse(['search', 'red', '--json']);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).results[0].path).toBe(lib.red);
  });
});
