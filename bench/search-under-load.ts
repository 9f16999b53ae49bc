// Search load during a reindex, against a real `glimpse serve` in its own process (tiny model, PGlite): a full
// reindex of a library alone (the baseline), then the same reindex while N clients search as fast as they can
// for up to D seconds. Reports search p50/p99, requests/s and errors, and the reindex's rate under load against
// its rate alone, measured in the same run.
// Usage: npm run bench:load -- [--images 2000] [--clients 50] [--seconds 60]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { writeDistinctPictures } from '../test-support/distinct-pictures.js';
import { median, percentile } from './stats.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field */

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '2000' },
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
  },
});
const images = Number(values.images);
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const dir = join(tmpdir(), `glimpse-bench-load-${process.pid}`);
const lib = join(dir, 'library');
mkdirSync(lib, { recursive: true });
const BIN = fileURLToPath(new URL('../packages/http-koa/bin/glimpse.js', import.meta.url));

console.log(`Generating ${images} distinct pictures (64 x 48 PNG) ...`);
await writeDistinctPictures(lib, images);

const server: ChildProcess = spawn(process.execPath, [BIN, 'serve', lib, '--port', '0', '--no-scan'], {
  env: {
    PATH: process.env['PATH'],
    HOME: join(dir, 'home'),
    GLIMPSE_DATA_DIR: join(dir, 'data'),
    GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
    GLIMPSE_OCR: 'off', // the same work as the runs recorded before OCR
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const url = await new Promise<URL>((resolve, reject) => {
  let out = '';
  server.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /running at (http:\/\/\S+)/.exec(out);
    if (m) resolve(new URL(m[1]!));
  });
  server.on('exit', (code) => reject(new Error(`glimpse serve exited with ${code}`)));
});
const port = Number(url.port);
const key = url.searchParams.get('key')!;
const agent = new Agent({ keepAlive: true, maxSockets: clients + 4 });

function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          host: `localhost:${port}`,
          authorization: `Bearer ${key}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Runs a scan to the end (or `limitS`), sampling its embedded count each second. */
async function reindex(limitS: number): Promise<{ seconds: number; embedded: number; done: boolean }> {
  const started = (await call('POST', '/api/v1/scans', { mode: 'reindex' })).json;
  const t0 = performance.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const job = (await call('GET', `/api/v1/scans/${started.id}`)).json;
    const elapsed = (performance.now() - t0) / 1000;
    if (job.status === 'completed') return { seconds: elapsed, embedded: job.counts.embedded, done: true };
    if (job.status !== 'running' && job.status !== 'queued') throw new Error(`the scan ${job.status}: ${job.error}`);
    if (elapsed > limitS) {
      await call('DELETE', `/api/v1/scans/${started.id}`);
      return { seconds: elapsed, embedded: job.counts.embedded, done: false };
    }
  }
}

// The first scan indexes the library; the baseline is a full reindex with nobody searching.
const first = await reindex(600);
console.log(`first scan: ${first.embedded} items in ${first.seconds.toFixed(1)} s`);
const alone = await reindex(600);
const aloneRate = alone.embedded / alone.seconds;

const words = ['red', 'green', 'blue', 'yellow', 'white', 'black'];
const latencies: number[] = [];
let errors = 0;
let stop = false;
const load = Array.from({ length: clients }, async (_, c) => {
  for (let i = 0; !stop; i++) {
    const t0 = performance.now();
    try {
      const r = await call('GET', `/api/v1/search?q=${words[(c + i) % words.length]}&limit=40`);
      if (r.status !== 200) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t0);
  }
});
const loadStart = performance.now();
const underLoad = await reindex(seconds);
stop = true;
await Promise.all(load);
const loadSeconds = (performance.now() - loadStart) / 1000;
const loadRate = underLoad.embedded / underLoad.seconds;

server.kill('SIGINT');
await new Promise((r) => server.once('exit', r));
rmSync(dir, { recursive: true, force: true });

console.log(
  `\nA reindex of ${images} pictures with ${clients} clients searching (tiny model, PGlite, one server process):`,
);
console.log('| | reindex | items/s | ratio |');
console.log('|---|---|---|---|');
console.log(
  `| alone (baseline) | ${alone.embedded} items in ${alone.seconds.toFixed(1)} s | ${aloneRate.toFixed(0)} | 1.00x |`,
);
console.log(
  `| under load | ${underLoad.embedded} items in ${underLoad.seconds.toFixed(1)} s${underLoad.done ? '' : ' (stopped: time limit)'} | ${loadRate.toFixed(0)} | ${(loadRate / aloneRate).toFixed(2)}x |`,
);
console.log(
  `\nSearches during the reindex: ${latencies.length} in ${loadSeconds.toFixed(1)} s (${(latencies.length / loadSeconds).toFixed(0)} req/s), ` +
    `p50 ${median(latencies).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ${errors} errors.`,
);
