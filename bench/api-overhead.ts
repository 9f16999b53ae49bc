// What the server adds on top of the use cases, measured in the same run against the same index:
// - text search through HTTP (keep-alive, JSON) vs the SearchMedia call in the same process;
// - a thumbnail: first request (made with sharp, cached on disk) and later ones (from the cache), vs a bare sharp
//   resize of the same file;
// - a 1 MB Range request of the original vs reading those bytes with fs.
// Usage: npm run bench:api -- [--images 300] [--queries 200]
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { startServer } from '@glimpse/http-koa';
import sharp from 'sharp';
import { median, percentile } from './stats.js';

const { values } = parseArgs({
  options: { images: { type: 'string', default: '300' }, queries: { type: 'string', default: '200' } },
});
const images = Number(values.images);
const queries = Number(values.queries);
const dir = join(tmpdir(), `glimpse-bench-api-${process.pid}`);
const lib = join(dir, 'library');
mkdirSync(lib, { recursive: true });

console.log(`Generating ${images} pictures (640 x 480 JPEG) ...`);
for (let i = 0; i < images; i++) {
  const r = (i * 37) % 256;
  const g = (i * 91) % 256;
  const b = (i * 53) % 256;
  await sharp({ create: { width: 640, height: 480, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toFile(join(lib, `p${String(i).padStart(5, '0')}.jpg`));
}
const big = join(lib, 'big.jpg');
await sharp({
  create: {
    width: 4000,
    height: 3000,
    channels: 3,
    background: '#808080',
    noise: { type: 'gaussian', mean: 128, sigma: 40 },
  },
})
  .jpeg({ quality: 90 })
  .toFile(big);

const server = await startServer({
  roots: [lib],
  dataDir: join(dir, 'data'),
  model: TINY_TEST_MODEL_DIR,
  port: 0,
  env: { HOME: join(dir, 'home') },
  log: () => undefined,
});
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function get(path: string, headers: Record<string, string> = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        agent,
        headers: { host: `localhost:${server.port}`, authorization: `Bearer ${server.key}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode! < 400 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${path}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

try {
  const scan = await server.services.jobs.wait(server.startupScan!.id);
  const { seen, embedded } = scan.counts;
  console.log(`Indexed ${seen} files (${embedded} distinct pictures) in ${(scan.durationMs! / 1000).toFixed(1)} s.`);
  const { search } = await server.services.model.ready();
  const words = ['red', 'green', 'blue', 'yellow', 'white', 'black'];
  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  // Warm both paths, then alternate so both see the same machine state.
  for (let i = 0; i < 20; i++) {
    await search.byText(`${words[i % 6]} ${i}`, { limit: 20 });
    await get(`/api/v1/search?q=${words[i % 6]}+w${i}&limit=20`);
  }
  const direct: number[] = [];
  const http: number[] = [];
  for (let i = 0; i < queries; i++) {
    // Distinct texts each time: the embedder's query cache must not make either side look faster.
    direct.push(await time(() => search.byText(`${words[i % 6]} d${i}`, { limit: 20 })));
    http.push(await time(() => get(`/api/v1/search?q=${words[i % 6]}+h${i}&limit=20`)));
  }
  const row = (name: string, xs: number[]) =>
    console.log(`${name.padEnd(34)} p50 ${median(xs).toFixed(2)} ms   p99 ${percentile(xs, 99).toFixed(2)} ms`);
  console.log(`\nText search, top 20 of ${images + 1} items, ${queries} queries each:`);
  row('SearchMedia.byText (in process)', direct);
  row('GET /api/v1/search (HTTP + JSON)', http);
  console.log(`HTTP / in-process (p50): ${(median(http) / median(direct)).toFixed(2)}x`);

  const hit = (await search.byText('grey', { limit: 200 })).find((r) => r.path === big);
  const bare: number[] = [];
  for (let i = 0; i < 5; i++)
    bare.push(
      await time(() => sharp(big).rotate().resize(320, 320, { fit: 'inside' }).jpeg({ quality: 82 }).toBuffer()),
    );
  const first = await time(() => get(`/api/v1/media/${hit!.id}/thumbnail?size=320`));
  const cached: number[] = [];
  for (let i = 0; i < 50; i++) cached.push(await time(() => get(`/api/v1/media/${hit!.id}/thumbnail?size=320`)));
  console.log('\nThumbnail (320 px) of a 12-megapixel JPEG:');
  console.log(`bare sharp resize                  ${median(bare).toFixed(1)} ms`);
  console.log(
    `first request (made and cached)    ${first.toFixed(1)} ms   (${(first / median(bare)).toFixed(2)}x bare)`,
  );
  console.log(
    `later requests (from disk cache)   ${median(cached).toFixed(2)} ms   (${(median(bare) / median(cached)).toFixed(0)}x faster than bare)`,
  );

  // Baseline for Range: a bare Node HTTP server streaming the same bytes from disk, no framework, no checks.
  const bareServer = createServer((req, res) => {
    const [, a, b] = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '')!;
    res.writeHead(206, { 'content-length': Number(b) - Number(a) + 1 });
    createReadStream(big, { start: Number(a), end: Number(b) }).pipe(res);
  });
  await new Promise<void>((r) => bareServer.listen(0, '127.0.0.1', r));
  const barePort = (bareServer.address() as { port: number }).port;
  const bareAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const bareGet = (range: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: barePort, agent: bareAgent, headers: { range } }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
  const rangeBare: number[] = [];
  const rangeHttp: number[] = [];
  const rangeFs: number[] = [];
  const mb = 1024 * 1024;
  for (let i = 0; i < 30; i++) {
    const start = (i * 65_537) % mb;
    rangeFs.push(
      await time(async () => {
        const fh = await open(big, 'r');
        await fh.read(Buffer.alloc(mb), 0, mb, start);
        await fh.close();
      }),
    );
    rangeHttp.push(
      await time(() => get(`/api/v1/media/${hit!.id}/file`, { range: `bytes=${start}-${start + mb - 1}` })),
    );
    rangeBare.push(await time(() => bareGet(`bytes=${start}-${start + mb - 1}`)));
  }
  console.log('\n1 MB Range request of the original:');
  console.log(`fs read of the same bytes          ${median(rangeFs).toFixed(2)} ms`);
  console.log(`bare Node HTTP server, same range  ${median(rangeBare).toFixed(2)} ms`);
  console.log(
    `GET /media/:id/file (206)          ${median(rangeHttp).toFixed(2)} ms   (${(median(rangeHttp) / median(rangeBare)).toFixed(2)}x the bare server)`,
  );
  bareAgent.destroy();
  bareServer.close();
} finally {
  agent.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
