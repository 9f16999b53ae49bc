// A fake Hugging Face hub for tests: serves the tiny model as immich-app/Tiny-Test__fake, with faults on demand.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { MODEL_FILES } from './model-files.js';
import { TINY_TEST_MODEL_DIR } from './test-model.js';

/** A fake Hugging Face hub serving the tiny model as immich-app/Tiny-Test__fake, with faults on demand. */
export class FakeHub {
  readonly requests: { path: string; range: string | undefined }[] = [];
  /** Paths whose first transfer is cut off after this many bytes. */
  readonly cutOnce = new Map<string, number>();
  /** Paths served with one byte flipped. */
  readonly corrupt = new Set<string>();
  private server!: Server;
  private files = new Map<string, Buffer>();
  url = '';

  /** Milliseconds to wait between 64 KB chunks of a file (a slow network). */
  constructor(private readonly chunkDelayMs = 0) {}

  async start(): Promise<void> {
    for (const p of MODEL_FILES) this.files.set(p, await readFile(join(TINY_TEST_MODEL_DIR, p)));
    this.server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      this.requests.push({ path: url.pathname, range: req.headers.range });
      if (url.pathname === '/api/models/immich-app/Tiny-Test__fake/tree/main') {
        const entries = [...this.files].map(([path, data]) => {
          const lfs = path.endsWith('.onnx');
          const gitSha1 = createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
          return {
            type: 'file',
            path,
            size: lfs ? 135 : data.length,
            oid: gitSha1,
            ...(lfs
              ? { lfs: { oid: createHash('sha256').update(data).digest('hex'), size: data.length, pointerSize: 135 } }
              : {}),
          };
        });
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify([
            { type: 'directory', path: 'visual' },
            ...entries,
            { type: 'file', path: 'README.md', size: 10, oid: 'x' },
          ]),
        );
        return;
      }
      const m = /^\/immich-app\/Tiny-Test__fake\/resolve\/main\/(.+)$/.exec(url.pathname);
      const data = m && this.files.get(m[1]!);
      if (!data) {
        res.statusCode = 404;
        res.end('not found');
        return;
      }
      let body = Buffer.from(data);
      if (this.corrupt.has(m[1]!)) body[body.length - 1] = body[body.length - 1]! ^ 0xff;
      let start = 0;
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (range) {
        start = Number(range[1]);
        res.statusCode = 206;
        res.setHeader('content-range', `bytes ${start}-${body.length - 1}/${body.length}`);
      }
      body = body.subarray(start);
      res.setHeader('content-length', body.length);
      const cut = this.cutOnce.get(m[1]!);
      if (cut !== undefined) {
        this.cutOnce.delete(m[1]!);
        res.write(body.subarray(0, cut), () => res.destroy()); // the connection drops mid-file
        return;
      }
      if (this.chunkDelayMs === 0) {
        res.end(body);
        return;
      }
      const send = (offset: number) => {
        if (offset >= body.length) return void res.end();
        res.write(body.subarray(offset, offset + 65536), () =>
          setTimeout(() => send(offset + 65536), this.chunkDelayMs),
        );
      };
      send(0);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server.close(r));
  }
}
