// A cold `glimpse search` on an index of many pictures, the way a person runs it: a new process each time, wall
// time and peak memory, against a bare `node -e 0` and against the same search made in a process that has the index
// open already, in one run, alternating. Then the same command with a server holding the index, against one HTTP
// request to that server and against a new Node process that makes that one request (the floor for that path). The CLI runs from the build (the bundle bin/glimpse.js runs when installed), from the
// unbundled modules, and from the TypeScript sources as a checkout of the repository runs it. Tiny model, PGlite.
// Usage: npm run bench:cli -- [--images 10000] [--rounds 5] [--dir .bench/cli-search-10000]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { openServices, parseGlimpseConfig } from '@glimpse/http-koa';
import sharp from 'sharp';
import { fmtMs, median, runNodeMeasured } from './stats.js';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '5' },
    dir: { type: 'string' },
  },
});
const images = Number(values.images);
const rounds = Number(values.rounds);
const dir = resolve(values.dir ?? `.bench/cli-search-${images}`);
const lib = join(dir, 'library');
const data = join(dir, 'data');
const BIN = fileURLToPath(new URL('../packages/http-koa/bin/glimpse.js', import.meta.url));
const MODULES = fileURLToPath(new URL('../packages/http-koa/dist/main.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../packages/http-koa/dist/cli-bundle/glimpse.js', import.meta.url));
if (!existsSync(BUNDLE)) throw new Error('No build: run npm run build first.');
// Words the tiny model knows (a colour each) and one it does not: a new query each time, nothing cached.
const WORDS = ['red', 'green', 'blue', 'yellow', 'white', 'black', 'orange', 'purple', 'pink', 'grey'];
const env: NodeJS.ProcessEnv = { ...process.env, GLIMPSE_OCR: 'off', HOME: dir, NODE_OPTIONS: '' };
delete env['GLIMPSE_USE_DIST'];

const marker = join(data, 'bench-complete');
if (!existsSync(marker)) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(lib, { recursive: true });
  console.log(`Generating ${images} pictures and indexing them (once; kept in ${dir}) ...`);
  for (let i = 0; i < images; i++) {
    // A colour of its own each (distinct up to 13,056 pictures), so each picture is its own content.
    const background = { r: i % 256, g: (Math.floor(i / 256) * 5) % 256, b: (i * 53) % 256 };
    const sub = join(lib, `event-${String(Math.floor(i / 250)).padStart(3, '0')}`);
    if (i % 250 === 0) await mkdir(sub, { recursive: true });
    await sharp({ create: { width: 64, height: 48, channels: 3, background } })
      .jpeg()
      .toFile(join(sub, `IMG_${String(i).padStart(5, '0')}.jpg`));
  }
  const scan = await run(['node', BIN, 'scan', lib, '--data-dir', data, '--model', TINY_TEST_MODEL_DIR], {
    ...env,
    GLIMPSE_USE_DIST: '1',
  });
  if (scan.code !== 0) throw new Error(`the scan failed:\n${scan.stderr}`);
  console.log(scan.stdout.trim().split('\n').pop());
  writeFileSync(marker, new Date().toISOString());
}
interface Sample {
  ms: number;
  mb: number;
}
const samples = new Map<string, Sample[]>();
const add = (name: string, s: Sample) => samples.set(name, [...(samples.get(name) ?? []), s]);
let query = 0;
const nextWord = () => WORDS[query++ % WORDS.length]!;

/** Runs a node command to its exit: its wall time from spawn to exit and its own peak memory (VmHWM). */
async function timed(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Sample & { stdout: string }> {
  const r = await runNodeMeasured(args, { ...env, ...extraEnv }, dir);
  if (r.code !== 0) throw new Error(`${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
  return { ms: r.ms, mb: r.peakMb, stdout: r.stdout };
}

function run(cmd: string[], childEnv: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const p = spawn(cmd[0]!, cmd.slice(1), { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b: Buffer) => (stdout += b));
    p.stderr.on('data', (b: Buffer) => (stderr += b));
    p.on('error', fail);
    p.on('exit', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

// --weaker: every query lists results (a colour the tiny model does not know would list none).
const search = (cli: string, word: string) => [cli, 'search', word, '--weaker', '--data-dir', data];
const firstResult = (out: string) => out.split('\n').find((l) => /^\d\.\d{3} {2}/.test(l));

console.log(`\nCold searches on ${images} pictures, ${rounds} rounds, alternating (a new process each):`);
for (let r = 0; r < rounds; r++) {
  add('node -e 0', await timed(['-e', '0']));
  const bundled = await timed(search(BIN, nextWord()), { GLIMPSE_USE_DIST: '1' });
  if (!firstResult(bundled.stdout)) throw new Error(`no result:\n${bundled.stdout}`);
  add('glimpse search, built (the bundle)', bundled);
  add('glimpse search, built (modules, no bundle, no quick compile)', await timed(search(MODULES, nextWord())));
  add('glimpse search, from the sources (tsx, a checkout)', await timed(search(BIN, nextWord())));
}

// The same searches in a process that has the index and the model open already.
const config = parseGlimpseConfig({ ...env, GLIMPSE_DATA_DIR: data });
const services = await openServices(config, { oneShot: true });
const { search: searcher } = await services.model.ready();
for (let r = 0; r < rounds * 2; r++) {
  const t0 = performance.now();
  const found = await searcher.byTextUnderstood(nextWord(), { weaker: true }, []);
  if (found.results.length === 0) throw new Error('the in-process search found nothing');
  add('the search alone, in a process with the index open', { ms: performance.now() - t0, mb: NaN });
}
await services.close();

// A server holds the index: the CLI asks it.
const server = spawn('node', [BIN, 'serve', '--data-dir', data, '--port', '0', '--no-scan'], {
  env: { ...env, GLIMPSE_USE_DIST: '1' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise<string>((done, fail) => {
  let err = '';
  server.stderr.on('data', (b: Buffer) => {
    err += b;
    const m = /model \S+ is loaded/.test(err) && /(http:\/\/127\.0\.0\.1:\d+)/.exec(err);
    if (m) done(m[1]!);
  });
  server.on('exit', (code) => fail(new Error(`the server exited ${code}:\n${err}`)));
  setTimeout(() => fail(new Error(`the server did not start in 120 s:\n${err}`)), 120_000).unref();
});
const key = readFileSync(join(data, 'server-key'), 'utf8').trim();
try {
  for (let r = 0; r < rounds; r++) {
    add('node -e 0 (server running)', await timed(['-e', '0']));
    const remote = await timed(search(BIN, nextWord()), { GLIMPSE_USE_DIST: '1' });
    if (!firstResult(remote.stdout)) throw new Error(`no result through the server:\n${remote.stdout}`);
    add('glimpse search through the running server', remote);
    // The floor for that path: a new Node process that makes the same one request and prints the answer.
    const floor = await timed(['-e', oneRequest(`${url}/api/v1/search?q=${nextWord()}&weaker=true`, key)]);
    if (!floor.stdout.includes('"results"')) throw new Error(`no answer from the server:\n${floor.stdout}`);
    add('node making that one request (no CLI)', floor);
    const t0 = performance.now();
    await get(`${url}/api/v1/search?q=${nextWord()}&weaker=true`, key);
    add('one HTTP search request to that server', { ms: performance.now() - t0, mb: NaN });
  }
} finally {
  server.kill('SIGTERM');
}

/** A script for `node -e`: one GET with the key, its body printed. */
function oneRequest(u: string, bearer: string): string {
  return (
    `require('node:http').request(${JSON.stringify(u)}, { headers: { authorization: ${JSON.stringify(`Bearer ${bearer}`)} } }, ` +
    `(res) => res.pipe(process.stdout)).end();`
  );
}

function get(u: string, bearer: string): Promise<void> {
  return new Promise((done, fail) => {
    request(u, { headers: { authorization: `Bearer ${bearer}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? done() : fail(new Error(`HTTP ${res.statusCode}`))));
    })
      .on('error', fail)
      .end();
  });
}

const med = (name: string) => median(samples.get(name)!.map((s) => s.ms));
const node0 = med('node -e 0');
const alone = med('the search alone, in a process with the index open');
console.log('\n| run | wall (median) | peak memory (median) | / node -e 0 | / the search alone |');
console.log('|---|---|---|---|---|');
for (const [name, list] of samples) {
  const ms = median(list.map((s) => s.ms));
  const mb = median(list.map((s) => s.mb));
  console.log(
    `| ${name} | ${fmtMs(ms)} | ${Number.isNaN(mb) ? '-' : `${mb.toFixed(0)} MB`} | ${(ms / node0).toFixed(1)}x | ${(ms / alone).toFixed(1)}x |`,
  );
}
