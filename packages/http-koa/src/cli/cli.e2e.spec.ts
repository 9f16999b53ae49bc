import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaLibrary, type MediaLibrary } from '../../../../test-support/media-library.js';
import { startServer } from '../server.js';

const BIN = fileURLToPath(new URL('../../bin/glimpse.js', import.meta.url));

let dir: string;
let lib: MediaLibrary;
let env: NodeJS.ProcessEnv;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `glimpse` command; `onStdout` may act while it runs (e.g. send a signal). */
function glimpse(
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
  onStdout?: (text: string, pid: number) => void,
  onStderr?: (text: string, pid: number) => void,
) {
  return new Promise<Run>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...env, ...extraEnv },
      stdio: 'pipe',
      timeout: 60_000, // a hang fails the test instead of the run
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      onStdout?.(stdout, child.pid!);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(stderr, child.pid!);
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-cli-'));
  lib = await makeMediaLibrary(join(dir, 'library'));
  env = {
    PATH: process.env['PATH'],
    HOME: join(dir, 'home'),
    GLIMPSE_DATA_DIR: join(dir, 'data'),
    GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
    GLIMPSE_MODEL_DIR: join(dir, 'models'),
    GLIMPSE_OCR: 'off',
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the glimpse command', () => {
  it('scan --json prints the scan report; the folders are remembered for the next scan', async () => {
    const first = await glimpse(['scan', lib.root, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(Object.keys(report.counts)).toEqual(
      expect.arrayContaining([
        'seen',
        'unchanged',
        'new',
        'modified',
        'moved',
        'deleted',
        'embedded',
        'failed',
        'skipped',
      ]),
    );
    expect(report).toMatchObject({ status: 'completed', offlineRoots: [], errors: [] });
    expect(report.counts).toMatchObject({ seen: 4, new: 4, embedded: 4, failed: 0 });
    expect(report.durationMs).toBeGreaterThan(0);

    const again = await glimpse(['scan', '--json']); // no folders: the saved scope
    expect(JSON.parse(again.stdout).counts).toMatchObject({ seen: 4, unchanged: 4, embedded: 0 });
  });

  it('search --json prints results; videos come with their segments', async () => {
    const red = await glimpse(['search', '--json', 'red']);
    expect(red.code).toBe(0);
    const { results } = JSON.parse(red.stdout);
    expect(results[0]).toMatchObject({ path: lib.red, kind: 'image', segments: [] });
    expect(typeof results[0].id).toBe('string');
    expect(typeof results[0].score).toBe('number');
    const green = JSON.parse((await glimpse(['search', '--json', '--kind', 'video', '--limit', '1', 'green'])).stdout);
    expect(green.results).toHaveLength(1);
    expect(green.results[0]).toMatchObject({ path: lib.video, kind: 'video' });
    expect(green.results[0].segments[0]).toEqual(
      expect.objectContaining({ startSec: expect.any(Number), endSec: expect.any(Number), score: expect.any(Number) }),
    );
    const human = await glimpse(['search', 'red', '--limit', '2']);
    expect(human.stdout.split('\n')[0]).toMatch(new RegExp(`^\\d\\.\\d{3}  ${lib.red}$`));
  });

  it('exits non-zero with a message on stderr when something is wrong', async () => {
    const usage = await glimpse(['search', 'red', '--limit', 'lots']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/limit must be a whole number/);
    expect((await glimpse(['frobnicate'])).code).toBe(2);
    const bogus = await glimpse(['scan', '--bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/^glimpse scan: unknown option --bogus\.\n\nUsage: glimpse scan /);
    const noFolders = await glimpse(['scan'], { GLIMPSE_DATA_DIR: join(dir, 'fresh') });
    expect(noFolders.code).toBe(2);
    expect(noFolders.stderr).toMatch(/Give the folders to index/);
    const badSettings = await glimpse(['search', 'red'], { GLIMPSE_PORT: 'eighty', GLIMPSE_OFFLINE: 'maybe' });
    expect(badSettings.code).toBe(1);
    expect(badSettings.stderr).toMatch(/GLIMPSE_PORT must be a port number/);
    expect(badSettings.stderr).toMatch(/GLIMPSE_OFFLINE must be 1 or 0/);
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const unwritable = await glimpse(['scan', lib.root], { GLIMPSE_DATA_DIR: join(dir, 'a-file', 'data') });
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/cannot be created or written/);
    const offline = await glimpse(['models', 'download', 'Some-Model__x'], { GLIMPSE_OFFLINE: '1' });
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/Some-Model__x/);
    expect(JSON.parse((await glimpse(['models', 'list', '--json'])).stdout)).toEqual({
      modelDir: join(dir, 'models'),
      models: [],
    });
    const reset = await glimpse(['reset']);
    expect(reset.code).toBe(2);
    expect(reset.stderr).toMatch(/--yes/);
  });

  it('talks to the server that holds the data directory instead of failing on its lock', async () => {
    const dataDir = join(dir, 'served');
    const server = await startServer({
      roots: [lib.root],
      dataDir,
      model: TINY_TEST_MODEL_DIR,
      port: 0,
      env: { HOME: join(dir, 'home') },
      log: () => undefined,
    });
    try {
      await server.services.jobs.wait(server.startupScan!.id);
      const viaServer = await glimpse(['search', '--json', 'red'], { GLIMPSE_DATA_DIR: dataDir });
      expect(viaServer.code).toBe(0);
      expect(JSON.parse(viaServer.stdout).results[0].path).toBe(lib.red);
      const scan = await glimpse(['scan', '--json'], { GLIMPSE_DATA_DIR: dataDir });
      expect(scan.stderr).toMatch(/the scan runs there/);
      expect(JSON.parse(scan.stdout).counts).toMatchObject({ seen: 4, unchanged: 4 });
      const second = await glimpse(['serve'], { GLIMPSE_DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`already serving .* at ${server.url}`));
    } finally {
      await server.close();
    }
  });

  it('serve stops gracefully on Ctrl+C, and a second Ctrl+C quits at once', async () => {
    const dataDir = join(dir, 'graceful');
    let url = '';
    const stopped = await glimpse(
      ['serve', lib.root, '--port', '0', '--no-scan'],
      { GLIMPSE_DATA_DIR: dataDir },
      (out, pid) => {
        const m = /running at (http:\/\/[\d.:]+)\/\?key=[0-9a-f]{64}/.exec(out);
        if (m && !url) {
          url = m[1]!;
          process.kill(pid, 'SIGINT');
        }
      },
    );
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/stopping[\s\S]*stopped\./);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'glimpse.lock'))).toBe(false);

    // The second Ctrl+C comes while the first is still shutting down (the start-up scan is being cancelled).
    let first = false;
    let second = false;
    const quit = await glimpse(
      ['serve', lib.root, '--port', '0'],
      { GLIMPSE_DATA_DIR: dataDir },
      (out, pid) => {
        if (/running at/.test(out) && !first) {
          first = true;
          process.kill(pid, 'SIGINT');
        }
      },
      (err, pid) => {
        if (/stopping/.test(err) && !second) {
          second = true;
          process.kill(pid, 'SIGINT');
        }
      },
    );
    expect(quit.code).toBe(130);
    expect(quit.stderr).toMatch(/quitting at once/);
  });
});
