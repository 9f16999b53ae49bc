// A worker on "another machine": it does not see the library at its paths (it runs as another account, for which
// the library's folder is closed, where this test runs as root) and fetches each file from the server's worker
// address with the worker token. The server (the coordinator) runs in this process on a PGlite index, the queue on
// the PostgreSQL server the integration tests start. The result must equal a scan alone of the same library.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLIMPSE_BIN, glimpseJson, runGlimpse, searchAnswers } from '../../../../test-support/glimpse-cli.js';
import { writeDistinctPictures } from '../../../../test-support/distinct-pictures.js';
import { createDatabase, postgresServer } from '../../../../test-support/postgres-database.js';
import { startServer } from '../server.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field and checked by the assertions */

const server = postgresServer();
const IMAGES = 400;
const NOBODY = 65534;
/** Running as root with setpriv: the worker runs as `nobody`, for whom the library cannot be read at all. */
const asAnotherAccount = process.getuid?.() === 0 && process.platform === 'linux';

let dir: string;
let lib: string;
const base = () => ({
  PATH: process.env['PATH'],
  HOME: join(dir, 'home'),
  GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
  GLIMPSE_OFFLINE: '1',
  GLIMPSE_OCR: 'off', // text reading is not what this is about
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-http-worker-'));
  await chmod(dir, 0o755);
  lib = join(dir, 'library');
  await mkdir(lib, { recursive: true });
  await writeDistinctPictures(lib, IMAGES);
  await writeFile(join(lib, 'notes.txt'), 'not media: never indexed');
  await mkdir(join(dir, 'home'));
  await mkdir(join(dir, 'worker-home'));
  if (asAnotherAccount) {
    await chmod(lib, 0o700); // root's only
    await chown(join(dir, 'worker-home'), NOBODY, NOBODY);
  } else
    console.warn(
      'cli-worker-http: not root, so the worker runs as this account and could see the library; ' +
        'that it reads over HTTP is shown by the bytes the server sent and by its own log',
    );
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = glimpseJson;
const answers = (env: NodeJS.ProcessEnv) => searchAnswers(env, ['red', 'green', 'blue', 'yellow']);

function startWorker(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
} {
  const argv = [process.execPath, GLIMPSE_BIN, 'worker'];
  const child = asAnotherAccount
    ? spawn('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...argv], { env, stdio: 'pipe' })
    : spawn(argv[0]!, argv.slice(1), { env, stdio: 'pipe' });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, stderr: () => stderr, exited: new Promise((r) => child.on('close', (code) => r(code))) };
}

describe.skipIf(server === null)('a worker that reads the files over HTTP', () => {
  it('indexes the library as a scan alone does; the worker address refuses anything else', async () => {
    const reportAlone = await json(['scan', lib], { ...base(), GLIMPSE_DATA_DIR: join(dir, 'alone') });
    expect(reportAlone.counts).toMatchObject({ new: IMAGES, embedded: IMAGES, failed: 0 });

    const queue = await createDatabase(server!);
    const coordinator = { ...base(), GLIMPSE_DATA_DIR: join(dir, 'coordinator'), GLIMPSE_QUEUE_URL: queue.url };
    const logs: string[] = [];
    const running = await startServer({
      env: { ...coordinator, GLIMPSE_WORKERS: '1', GLIMPSE_WORKER_LISTEN: '127.0.0.1:0' },
      roots: [lib],
      port: 0,
      scanOnStart: false,
      log: (l) => logs.push(l),
    });
    const workerUrl = running.workerUrl!;
    expect(workerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logs.join('\n')).toContain(`workers on other machines fetch files at ${workerUrl}`);
    const token = (await runGlimpse(['worker-token'], coordinator)).stdout.trim();
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    const worker = startWorker({
      PATH: process.env['PATH'],
      HOME: join(dir, 'worker-home'),
      GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
      GLIMPSE_OFFLINE: '1',
      GLIMPSE_OCR: 'off', // text reading is not what this is about
      GLIMPSE_QUEUE_URL: queue.url,
      GLIMPSE_WORKER_FILES_URL: workerUrl,
      GLIMPSE_WORKER_TOKEN: token,
      GLIMPSE_WORKER_NAME: 'desk',
    });
    let closed = false;
    try {
      const scan = running.services.jobs.request('incremental', 'request').job;
      const done = await running.services.jobs.wait(scan.id);
      expect(done.status, done.error ?? '').toBe('completed');
      expect(done.counts).toMatchObject({ new: IMAGES, embedded: IMAGES, failed: 0 });
      expect(worker.stderr()).toContain(`fetching their files from ${workerUrl}`);

      // Each picture was sent once; the per-worker figures are in the metrics.
      const metrics = await (
        await fetch(`${running.url}/api/v1/metrics`, { headers: { authorization: `Bearer ${running.key}` } })
      ).text();
      const sent = Number(/^glimpse_worker_file_bytes_total (\d+)/m.exec(metrics)?.[1]);
      expect(sent).toBeGreaterThan(IMAGES * 100);
      expect(metrics).toMatch(/^glimpse_worker_items_total\{worker="desk"\} 400$/m);
      expect(metrics).toMatch(/^glimpse_worker_jobs_total\{worker="desk"\} [1-9]\d*$/m);
      expect(metrics).toMatch(/^glimpse_worker_embed_duration_seconds_count\{worker="desk"\} [1-9]\d*$/m);
      expect(metrics).toMatch(/^glimpse_embedding_queue_jobs\{state="queued"\} 0$/m);

      // The worker address: the token, its own endpoints, and files the index holds, nothing else.
      const indexed = (await fetchJson(`${running.url}/api/v1/search?q=red&limit=1`, running.key!)).results[0];
      const hash = (await fetchJson(`${running.url}/api/v1/media/${indexed.id}`, running.key!)).contentHash;
      const ask = (path: string, content: string, headers: Record<string, string> = {}) =>
        fetch(`${workerUrl}/worker/v1/file?${new URLSearchParams({ content, path })}`, { headers });
      const bearer = { authorization: `Bearer ${token}` };
      expect((await ask(indexed.path, hash, bearer)).status).toBe(200);
      expect((await ask(indexed.path, hash)).status).toBe(403);
      const wrong = await ask(indexed.path, hash, { authorization: `Bearer ${'0'.repeat(64)}` });
      expect(wrong.status).toBe(403);
      expect((await wrong.json()).error.message).toMatch(/glimpse worker-token/);
      expect((await ask(indexed.path, hash, { ...bearer, origin: 'http://evil.example' })).status).toBe(403);
      expect((await ask('/etc/passwd', hash, bearer)).status).toBe(404);
      expect((await ask(join(lib, 'notes.txt'), hash, bearer)).status).toBe(404);
      const roundabout = `${lib}/../library/${indexed.path.slice(lib.length + 1)}`; // the same file, not its path
      expect((await ask(roundabout, hash, bearer)).status).toBe(404);
      expect((await ask(indexed.path, 'f'.repeat(64), bearer)).status).toBe(404); // held, but not that content
      for (const path of ['/api/v1/search?q=red', '/api/v1/health', '/', '/worker/v1/../api/v1/index'])
        expect((await fetch(`${workerUrl}${path}`, { headers: bearer })).status).toBe(404);
      // The main API stays where it was (loopback, with its own key): the worker token does not open it.
      expect((await fetch(`${running.url}/api/v1/index`, { headers: bearer })).status).toBe(401);

      await running.close();
      closed = true;
      expect(await answers(coordinator)).toEqual(await answers({ ...base(), GLIMPSE_DATA_DIR: join(dir, 'alone') }));
    } finally {
      if (!closed) await running.close();
      worker.child.kill('SIGINT');
      expect(await worker.exited).toBe(0);
      await queue.drop();
    }
  }, 300_000);

  it('a worker with a wrong token, or no server at the address, says so and exits', async () => {
    const queue = await createDatabase(server!);
    try {
      const env = { ...base(), GLIMPSE_QUEUE_URL: queue.url };
      const closed = `http://127.0.0.1:${await closedPort()}`;
      const noToken = await runGlimpse(['worker'], { ...env, GLIMPSE_WORKER_FILES_URL: closed });
      expect(noToken.code).toBe(1);
      expect(noToken.stderr).toMatch(/needs the worker token: run `glimpse worker-token` on the server/);
      const nobody = await runGlimpse(['worker'], {
        ...env,
        GLIMPSE_WORKER_FILES_URL: closed,
        GLIMPSE_WORKER_TOKEN: 'a'.repeat(64),
      });
      expect(nobody.code).toBe(1);
      expect(nobody.stderr).toContain(`worker address ${closed} did not answer (ECONNREFUSED)`);
      // A server that answers, but not with that token: refused, in words.
      const other = await startServer({
        env: {
          ...base(),
          GLIMPSE_DATA_DIR: join(dir, 'other'),
          GLIMPSE_QUEUE_URL: queue.url,
          GLIMPSE_WORKERS: '1',
          GLIMPSE_WORKER_LISTEN: '127.0.0.1:0',
        },
        port: 0,
        scanOnStart: false,
        log: () => {},
      });
      try {
        const refused = await runGlimpse(['worker'], {
          ...env,
          GLIMPSE_WORKER_FILES_URL: other.workerUrl!,
          GLIMPSE_WORKER_TOKEN: 'a'.repeat(64),
        });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`The server at ${other.workerUrl} refused this worker's token`);
      } finally {
        await other.close();
      }
    } finally {
      await queue.drop();
    }
  }, 60_000);
});

/** A loopback port nothing listens on (one just closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

async function fetchJson(url: string, key: string): Promise<any> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status, url).toBe(200);
  return res.json();
}
