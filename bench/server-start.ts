// From `glimpse serve` to the first search by picture answered, against the model's own load time and a bare `node -e 0`,
// in one run, alternating. The model is ViT-B/32's architecture with random weights (packages/adapters-onnx/
// scripts/make-vit-b-32.ts, made once into .bench/embed, as bench:embed does), or the tiny test model.
// Usage: npm run bench:server-start -- [--model vit|tiny] [--rounds 5] [--images 40]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { makeVitB32 } from '../packages/adapters-onnx/scripts/make-vit-b-32.js';
import { fmtMs, median } from './stats.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'vit' },
    rounds: { type: 'string', default: '5' },
    images: { type: 'string', default: '40' },
  },
});
const rounds = Number(values.rounds);
const dir = resolve(`.bench/server-start-${values.model}`);
const lib = join(dir, 'library');
const data = join(dir, 'data');
const BIN = fileURLToPath(new URL('../packages/http-koa/bin/glimpse.js', import.meta.url));
const ONNX = new URL('../packages/adapters-onnx/dist/index.js', import.meta.url).href;
if (!existsSync(fileURLToPath(new URL('../packages/http-koa/dist/cli-bundle/glimpse.js', import.meta.url))))
  throw new Error('No build: run npm run build first.');
const modelDir =
  values.model === 'tiny' ? TINY_TEST_MODEL_DIR : makeVitB32(resolve('.bench/embed/vit-b-32'), TINY_TEST_MODEL_DIR);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  GLIMPSE_OCR: 'off',
  HOME: dir,
  NODE_OPTIONS: '',
  GLIMPSE_USE_DIST: '1',
};

if (!existsSync(join(data, 'bench-complete'))) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(lib, { recursive: true });
  console.log(`Indexing ${values.images} pictures with the model (once; kept in ${dir}) ...`);
  for (let i = 0; i < Number(values.images); i++)
    await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: i * 6, g: 255 - i * 6, b: 90 } } })
      .jpeg()
      .toFile(join(lib, `IMG_${i}.jpg`));
  const scan = await run(['node', BIN, 'scan', lib, '--data-dir', data, '--model', modelDir]);
  if (scan.code !== 0) throw new Error(`the scan failed:\n${scan.err}`);
  await import('node:fs').then((fs) => fs.writeFileSync(join(data, 'bench-complete'), ''));
}

function run(cmd: string[], onErr?: (text: string) => boolean): Promise<{ code: number; err: string; out: string }> {
  return new Promise((done, fail) => {
    const p = spawn(cmd[0]!, cmd.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b));
    p.stderr.on('data', (b: Buffer) => {
      err += b;
      if (onErr?.(err)) p.kill('SIGTERM');
    });
    p.on('error', fail);
    p.on('exit', (code) => done({ code: code ?? 1, err, out }));
  });
}

/** A search by picture (the visual tower: the model's larger part, and the only one ViT-B/32's bench model has). */
let picture: Buffer | null = null;
async function search(url: string, key: string): Promise<number> {
  picture ??= await sharp({ create: { width: 64, height: 48, channels: 3, background: '#ff0000' } })
    .jpeg()
    .toBuffer();
  const boundary = 'glimpse-bench';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="q.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    picture,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((done) => {
    const req = request(
      `${url}/api/v1/search/by-image`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (b: Buffer) => (text += b));
        res.on('end', () =>
          done(res.statusCode === 200 && JSON.parse(text).results.length > 0 ? 200 : (res.statusCode ?? 0)),
        );
      },
    );
    req.on('error', () => done(0));
    req.end(body);
  });
}

/** Spawns the server; the time until a search is answered with results, polling every 10 ms once it listens. */
async function serveToFirstAnswer(): Promise<number> {
  const t0 = performance.now();
  let url: string | null = null;
  const server = spawn('node', [BIN, 'serve', '--data-dir', data, '--port', '0', '--no-scan'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  server.stderr.on('data', (b: Buffer) => {
    err += b;
    url ??= /(http:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1] ?? null;
  });
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited:\n${err}`);
      if (performance.now() - t0 > 300_000) throw new Error(`no answer in 300 s:\n${err}`);
      if (url && (await search(url, readFileSync(join(data, 'server-key'), 'utf8').trim())) === 200)
        return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

const modelLoad = `const t = performance.now(); const { OnnxClipEmbedder } = await import(${JSON.stringify(ONNX)});
const e = await OnnxClipEmbedder.load({ modelDir: ${JSON.stringify(modelDir)} });
await e.runVisual([new Float32Array(3 * e.frameSize * e.frameSize)]);
console.log(performance.now() - t); process.exit(0);`;

const rows = new Map<string, number[]>();
const add = (k: string, v: number) => rows.set(k, [...(rows.get(k) ?? []), v]);
for (let r = 0; r < rounds; r++) {
  let t = performance.now();
  await run(['node', '-e', '0']);
  add('node -e 0', performance.now() - t);
  t = performance.now();
  const loaded = await run(['node', '--input-type=module', '-e', modelLoad]);
  if (loaded.code !== 0) throw new Error(loaded.err);
  add('a process that loads the model and embeds one picture (spawn to exit)', performance.now() - t);
  add('  of which the model load and the picture, timed inside', Number(loaded.out.trim()));
  add('glimpse serve to the first search by picture answered', await serveToFirstAnswer());
}
const base = median(rows.get('a process that loads the model and embeds one picture (spawn to exit)')!);
console.log(
  `\nModel: ${values.model === 'tiny' ? 'the tiny test model' : 'ViT-B/32 architecture (88 M parameters)'}; ${rounds} rounds.`,
);
console.log('| run | median | / the model-load process |');
console.log('|---|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${fmtMs(median(v))} | ${(median(v) / base).toFixed(2)}x |`);
