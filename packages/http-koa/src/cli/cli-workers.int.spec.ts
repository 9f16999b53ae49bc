// Embedding workers for real: one coordinator (`glimpse scan` with GLIMPSE_WORKERS=1) and three `glimpse worker`
// processes, the queue on the PostgreSQL server the integration tests start, the index in PGlite, the tiny model.
// The result must equal a scan alone of the same library; a worker killed with SIGKILL mid-batch loses nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLIMPSE_BIN, glimpseJson, searchAnswers } from '../../../../test-support/glimpse-cli.js';
import { writeDistinctPictures } from '../../../../test-support/distinct-pictures.js';
import { createDatabase, postgresServer } from '../../../../test-support/postgres-database.js';

const server = postgresServer();
const IMAGES = 2000;

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
  dir = await mkdtemp(join(tmpdir(), 'glimpse-workers-'));
  lib = join(dir, 'library');
  await mkdir(lib, { recursive: true });
  await writeDistinctPictures(lib, IMAGES);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Worker {
  child: ChildProcess;
  stderr: string;
  exited: Promise<number | null>;
}

function startWorker(env: NodeJS.ProcessEnv): Worker {
  const child = spawn(process.execPath, [GLIMPSE_BIN, 'worker'], { env, stdio: 'pipe' });
  const w: Worker = {
    child,
    stderr: '',
    exited: new Promise((resolve) => child.on('close', (code) => resolve(code))),
  };
  child.stderr!.on('data', (c: Buffer) => (w.stderr += c.toString()));
  return w;
}

/** Items each worker says it finished (from its log lines). */
const finishedItems = (w: Worker) =>
  [...w.stderr.matchAll(/finished a job of (\d+) items?/g)].reduce((n, m) => n + Number(m[1]), 0);

const json = glimpseJson;
const answers = (env: NodeJS.ProcessEnv) => searchAnswers(env, ['red', 'green', 'blue', 'yellow', 'white', 'black']);

describe.skipIf(server === null)('embedding workers on the PostgreSQL server', () => {
  it('three workers index the library exactly as a scan alone does, each content once', async () => {
    const alone = { ...base(), GLIMPSE_DATA_DIR: join(dir, 'alone') };
    const reportAlone = await json(['scan', lib], alone);
    expect(reportAlone.counts).toMatchObject({ new: IMAGES, embedded: IMAGES, failed: 0 });

    const queue = await createDatabase(server!);
    const shared = { ...base(), GLIMPSE_DATA_DIR: join(dir, 'shared'), GLIMPSE_QUEUE_URL: queue.url };
    const workers = [1, 2, 3].map(() => startWorker(shared));
    try {
      const report = await json(['scan', lib], { ...shared, GLIMPSE_WORKERS: '1' });
      expect(report.counts).toEqual(reportAlone.counts);
      expect(await answers(shared)).toEqual(await answers(alone));
      const index = await json(['index'], shared);
      expect(index).toMatchObject({ contents: IMAGES, indexedContents: IMAGES });
      // Each content embedded once: the items the workers finished add up to the library, and work was shared.
      const items = workers.map(finishedItems);
      expect(items.reduce((a, b) => a + b, 0)).toBe(IMAGES);
      expect(items.filter((n) => n > 0).length).toBeGreaterThan(1);
      // The scan's queues are gone with it: nothing of it is left in the queue's tables.
      const db = new pg.Client({ connectionString: queue.url });
      await db.connect();
      try {
        const left = await db.query(
          "select (select count(*) from glimpse_queue.queue where name like 'glimpse_%')::int as queues, " +
            '(select count(*) from glimpse_queue.job)::int as jobs',
        );
        expect(left.rows[0]).toEqual({ queues: 0, jobs: 0 });
      } finally {
        await db.end();
      }
    } finally {
      for (const w of workers) w.child.kill('SIGINT');
      const codes = await Promise.all(workers.map((w) => w.exited));
      expect(codes).toEqual([0, 0, 0]);
      await queue.drop();
    }
  }, 300_000);

  it('a worker killed with SIGKILL mid-batch: its job finishes on the others, nothing lost or duplicated', async () => {
    const queue = await createDatabase(server!);
    const env = {
      ...base(),
      GLIMPSE_DATA_DIR: join(dir, 'killed'),
      GLIMPSE_QUEUE_URL: queue.url,
      GLIMPSE_WORKER_LEASE_SECONDS: '5',
    };
    const victim = startWorker(env);
    const scan = json(['scan', lib], { ...env, GLIMPSE_WORKERS: '1' });
    // Killed once it has finished a job and holds the next (the only worker yet: any job held is its).
    const db = new pg.Client({ connectionString: queue.url });
    await db.connect();
    try {
      for (let waited = 0; ; waited += 20) {
        if (waited > 120_000) throw new Error(`the worker finished nothing: ${victim.stderr}`);
        if (/finished a job/.test(victim.stderr)) {
          const held = await db.query("select count(*)::int as n from glimpse_queue.job where state = 'active'");
          if (held.rows[0].n > 0) break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      victim.child.kill('SIGKILL');
    } finally {
      await db.end();
    }
    await victim.exited;
    const others = [1, 2].map(() => startWorker(env));
    try {
      const report = await scan;
      expect(report.counts).toMatchObject({ new: IMAGES, embedded: IMAGES, failed: 0 });
      expect(await json(['index'], env)).toMatchObject({ contents: IMAGES, indexedContents: IMAGES });
      expect((await json(['index', 'verify'], env)).consistent).toBe(true);
      // The killed worker's job was done again, by one of the others (a try after the first).
      expect(others.some((w) => /, try 2\)/.test(w.stderr))).toBe(true);
    } finally {
      for (const w of others) w.child.kill('SIGINT');
      await Promise.all(others.map((w) => w.exited));
      await queue.drop();
    }
  }, 300_000);
});
