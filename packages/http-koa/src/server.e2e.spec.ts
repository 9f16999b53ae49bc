import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer, uncheckedOperations } from '../../../test-support/api-document.js';
import { makeMediaLibrary, type MediaLibrary } from '../../../test-support/media-library.js';
import { createApp } from './app.js';
import { startServer, type RunningServer, type ServeOptions } from './server.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field and checked by the assertions */
type Json = any;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
  json: () => Json;
}

let dir: string;
let lib: MediaLibrary;
let server: RunningServer;
const log: string[] = [];
/** What the shape under test adds to the server's options (its database and vector store). */
let shapeOptions: Partial<ServeOptions> = {};

function options(): ServeOptions {
  return {
    roots: [lib.root],
    dataDir: join(dir, 'data'),
    model: TINY_TEST_MODEL_DIR,
    port: 0,
    progressIntervalMs: 20,
    log: (l) => log.push(l),
    ...shapeOptions,
    env: {
      HOME: '/nonexistent-home',
      GLIMPSE_MAX_UPLOAD_MB: '1',
      GLIMPSE_MAX_UPLOAD_MEGAPIXELS: '1',
      ...shapeOptions.env,
    },
  };
}

/**
 * The shapes the suite runs in: embedded (PGlite, here and everywhere), and the stack's parts in containers
 * (Postgres with pgvector and Qdrant, started by testcontainers) where a container runtime exists. The whole
 * compose stack, whose server runs in a container of its own, has its own suite (stack.e2e.spec.ts).
 */
interface Shape {
  readonly name: string;
  /** Why it cannot run here, or null. */
  readonly skip: string | null;
  /** Starts what it needs; gives the server options and a way to stop it. */
  start(): Promise<{ options: Partial<ServeOptions>; stop(): Promise<void> }>;
}

const POSTGRES_IMAGE = 'pgvector/pgvector:0.8.0-pg17';
const QDRANT_IMAGE = 'qdrant/qdrant:v1.18.0';
const noRuntime = await getContainerRuntimeClient().then(
  () => null,
  (e: unknown) => `no container runtime (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`,
);

const SHAPES: Shape[] = [
  { name: 'tiny model, PGlite, real ffmpeg', skip: null, start: async () => ({ options: {}, stop: async () => {} }) },
  {
    name: `tiny model, ${POSTGRES_IMAGE} and ${QDRANT_IMAGE} in containers, real ffmpeg`,
    skip: noRuntime,
    start: async () => {
      const { GenericContainer, Wait } = await import('testcontainers');
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const [postgres, qdrant] = await Promise.all([
        new PostgreSqlContainer(POSTGRES_IMAGE).start(),
        new GenericContainer(QDRANT_IMAGE)
          .withExposedPorts(6333)
          .withWaitStrategy(Wait.forHttp('/readyz', 6333))
          .start(),
      ]);
      return {
        options: {
          databaseUrl: postgres.getConnectionUri(),
          env: {
            GLIMPSE_VECTOR_STORE: 'qdrant',
            GLIMPSE_QDRANT_URL: `http://${qdrant.getHost()}:${qdrant.getMappedPort(6333)}`,
          },
        },
        stop: async () => {
          await Promise.all([postgres.stop(), qdrant.stop()]);
        },
      };
    },
  },
];
for (const shape of SHAPES) if (shape.skip) console.warn(`skipping the server e2e on ${shape.name}: ${shape.skip}`);

/** A raw HTTP request, so Host, Origin and the path are exactly what the test says. */
function http(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: {
          host: `localhost:${server.port}`,
          authorization: `Bearer ${server.key}`,
          ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          try {
            const isJson = /^application\/json/.test(String(res.headers['content-type'] ?? ''));
            checkAnswer(method, path, res.statusCode!, isJson ? JSON.parse(bytes.toString('utf8')) : undefined);
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            bytes,
            json: () => JSON.parse(bytes.toString('utf8')),
          });
        });
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

const postJson = (path: string, body: unknown, method = 'POST') =>
  http(method, path, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function multipart(
  field: string,
  fileName: string,
  type: string,
  content: Buffer,
): { headers: Record<string, string>; body: Buffer } {
  const boundary = '----glimpse-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="limit"\r\n\r\n5\r\n--${boundary}--\r\n`),
  ]);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body };
}

/** Reads a scan's Server-Sent Events until `done`. */
function scanEvents(id: string): Promise<{ event: string; data: Json }[]> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/v1/scans/${id}/events`,
        headers: { host: `localhost:${server.port}`, authorization: `Bearer ${server.key}` },
      },
      (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve(
            text
              .split('\n\n')
              .filter((block) => block.startsWith('event:'))
              .map((block) => {
                const lines = block.split('\n');
                return {
                  event: lines[0]!.slice('event: '.length),
                  data: JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6)),
                };
              }),
          ),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function waitForScan(id: string) {
  for (;;) {
    const job = (await http('GET', `/api/v1/scans/${id}`)).json();
    if (['completed', 'failed', 'cancelled'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const shape of SHAPES) describeServer(shape);

function describeServer(shape: Shape): void {
  describe.skipIf(shape.skip !== null)(`the Glimpse server over real HTTP (${shape.name})`, () => {
    let stopShape: (() => Promise<void>) | null = null;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'glimpse-server-'));
      lib = await makeMediaLibrary(join(dir, 'library'));
      const started = await shape.start();
      stopShape = started.stop;
      shapeOptions = started.options;
      server = await startServer({ ...options(), scanOnStart: false });
    }, 300_000);
    afterAll(async () => {
      await server?.close();
      await stopShape?.();
      await rm(dir, { recursive: true, force: true });
    });

    let redId: string;
    let videoId: string;

    it('scans through the API with Server-Sent Events progress to completion', async () => {
      const [first, again] = await Promise.all([
        postJson('/api/v1/scans', { mode: 'incremental' }),
        postJson('/api/v1/scans', {}),
      ]);
      expect(first.status).toBe(202);
      expect(first.headers['location']).toBe(`/api/v1/scans/${first.json().id}`);
      expect(again.status).toBe(200); // a request while a scan runs returns the running job
      expect(again.json()).toMatchObject({ id: first.json().id, created: false });

      const events = await scanEvents(first.json().id);
      const last = events.at(-1)!;
      expect(last.event).toBe('done');
      expect(last.data).toMatchObject({ status: 'completed', counts: { seen: 4, new: 4, embedded: 4, failed: 0 } });
      expect(events.some((e) => e.event === 'progress' && e.data.progress?.phase)).toBe(true);
      const list = (await http('GET', '/api/v1/scans')).json();
      expect(list.scans[0]).toMatchObject({ id: first.json().id, status: 'completed' });
      // A finished scan's events: its last state at once, then the stream ends.
      expect((await scanEvents(first.json().id)).map((e) => e.event)).toEqual(['status', 'done']);
    });

    it('finds the red picture first for "red", with its thumbnail and file URLs', async () => {
      const r = await http('GET', '/api/v1/search?q=red');
      expect(r.status).toBe(200);
      const [top] = r.json().results;
      expect(top).toMatchObject({ path: lib.red, kind: 'image', width: 320, height: 240, segments: [] });
      expect(top.thumbnailUrl).toMatch(new RegExp(`^/api/v1/media/${top.id}/thumbnail\\?v=[0-9a-f]{16}$`));
      redId = top.id;
    });

    it('finds the video for "green", with the green moment (3 s to 6 s) as its best segment', async () => {
      const r = await http('GET', '/api/v1/search?q=green&kind=video');
      const [top] = r.json().results;
      expect(top).toMatchObject({ path: lib.video, kind: 'video' });
      expect(top.segments[0].startSec).toBeGreaterThan(2.5);
      expect(top.segments[0].startSec).toBeLessThan(3.5);
      expect(top.segments[0].endSec).toBeGreaterThan(5.5);
      videoId = top.id;
      const frame = await http('GET', top.segments[0].frameUrl);
      expect(frame.status).toBe(200);
      expect(frame.headers['content-type']).toBe('image/jpeg');
      const { data } = await sharp(frame.bytes).raw().toBuffer({ resolveWithObject: true });
      expect(data[1]).toBeGreaterThan(data[0]! + 60); // a green frame
      // Past the end of the 9 s video: refused, saying how long it is (not the last frame, as if it were there).
      const past = await http('GET', `/api/v1/media/${videoId}/frame?t=12.5`);
      expect(past.status).toBe(400);
      expect(past.json().error.message).toMatch(
        /^t=12\.5 is past the end of "rgb\.mp4" \(9\.\d s long\); give a time from 0 to \d\.\d\.$/,
      );
    });

    it('searches with an uploaded picture (multipart or bare body) and finds similar items', async () => {
      const png = await sharp({ create: { width: 100, height: 80, channels: 3, background: '#f00000' } })
        .png()
        .toBuffer();
      const form = multipart('image', 'query.png', 'image/png', png);
      const byForm = await http('POST', '/api/v1/search/by-image?kind=image', form);
      expect(byForm.status).toBe(200);
      expect(byForm.json().results[0].path).toBe(lib.red);
      expect(byForm.json().results.length).toBeLessThanOrEqual(5); // the form's limit field is read
      const bare = await http('POST', '/api/v1/search/by-image?kind=image', {
        headers: { 'content-type': 'image/png' },
        body: png,
      });
      expect(bare.json().results[0].path).toBe(lib.red);

      const similar = (await http('GET', `/api/v1/media/${redId}/similar?kind=image`)).json();
      expect(similar.results.map((r: { id: string }) => r.id)).not.toContain(redId);
      expect(similar.results).toHaveLength(2);
    });

    it('serves the original with Range (206 and the right bytes), and 416 past the end', async () => {
      const original = await readFile(lib.video);
      const whole = await http('GET', `/api/v1/media/${videoId}/file`);
      expect(whole.status).toBe(200);
      expect(whole.headers['accept-ranges']).toBe('bytes');
      expect(whole.headers['content-type']).toBe('video/mp4');
      expect(whole.bytes.equals(original)).toBe(true);

      const part = await http('GET', `/api/v1/media/${videoId}/file`, { headers: { range: 'bytes=100-199' } });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 100-199/${original.length}`);
      expect(part.bytes.equals(original.subarray(100, 200))).toBe(true);
      const tail = await http('GET', `/api/v1/media/${videoId}/file`, { headers: { range: 'bytes=-10' } });
      expect(tail.bytes.equals(original.subarray(original.length - 10))).toBe(true);
      const past = await http('GET', `/api/v1/media/${videoId}/file`, {
        headers: { range: `bytes=${original.length}-` },
      });
      expect(past.status).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${original.length}`);
    });

    it('makes thumbnails once, caches them on disk by content, with strong caching headers', async () => {
      const item = (await http('GET', `/api/v1/media/${redId}`)).json();
      expect(item).toMatchObject({ id: redId, path: lib.red, kind: 'image', indexed: true, width: 320 });
      const thumb = await http('GET', item.thumbnailUrl);
      expect(thumb.status).toBe(200);
      expect(thumb.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect((await sharp(thumb.bytes).metadata()).width).toBe(320);
      const etag = thumb.headers['etag'] as string;
      const again = await http('GET', item.thumbnailUrl, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      const unversioned = await http('GET', `/api/v1/media/${redId}/thumbnail?size=160`);
      expect(unversioned.headers['cache-control']).toMatch(/must-revalidate/);
      const cached = (await readdir(join(dir, 'data', 'previews'), { recursive: true })).filter((f) =>
        f.endsWith('.jpg'),
      );
      expect(cached).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/thumb-[0-9a-f]+-320\.jpg$/),
          expect.stringMatching(/-160\.jpg$/),
        ]),
      );
      const videoThumb = await http('GET', `/api/v1/media/${videoId}/thumbnail`);
      expect(videoThumb.headers['content-type']).toBe('image/jpeg');
    });

    it('refuses a wrong Host and cross-site changes', async () => {
      const rebinding = await http('GET', '/api/v1/search?q=red', { headers: { host: `evil.example:${server.port}` } });
      expect(rebinding.status).toBe(403);
      expect(rebinding.json().error.message).toMatch(/addressed to localhost/);
      for (const [method, path] of [
        ['POST', '/api/v1/scans'],
        ['DELETE', '/api/v1/index'],
        ['PUT', '/api/v1/scope'],
      ] as const) {
        const r = await http(method, path, {
          headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
          body: '{}',
        });
        expect(r.status, `${method} ${path}`).toBe(403);
        expect(r.json().error.message).toMatch(/another site/);
      }
      expect((await http('GET', '/api/v1/index')).json().files).toBe(4); // nothing was deleted
    });

    it('never serves a file outside the index, whatever the parameters say', async () => {
      const attempts = [
        '/api/v1/media/..%2F..%2F..%2Fetc%2Fpasswd/file',
        '/api/v1/media/%2Fetc%2Fpasswd/file',
        '/api/v1/media/../../../../etc/passwd/file',
        '/api/v1/media/..%252F..%252Fetc%252Fpasswd/file',
        `/api/v1/media/${redId}%2F..%2F..%2Fetc%2Fpasswd/file`,
        `/api/v1/media/${redId}/frame?t=..%2F..%2Fetc%2Fpasswd`,
        `/api/v1/media/${redId}/thumbnail?size=..%2F..%2Fetc%2Fpasswd`,
        `/api/v1/media/${videoId}/frame?t=1&size=/etc/passwd`,
        '/api/v1/media/00000000-0000-4000-8000-000000000000/file',
        '/api/v1/media/%00/file',
      ];
      for (const path of attempts) {
        const r = await http('GET', path);
        expect(r.status, path).toBeGreaterThanOrEqual(400);
        expect(r.status, path).toBeLessThan(500);
        expect(r.bytes.toString('latin1')).not.toMatch(/root:/);
      }
      // A path parameter is ignored: the id decides, and it names the indexed file.
      const own = await http('GET', `/api/v1/media/${redId}/file?path=/etc/passwd`);
      expect(own.bytes.equals(await readFile(lib.red))).toBe(true);
    });

    it('answers an upload over the size or pixel limit with 413 / 400, and a non-picture with 415', async () => {
      const big = Buffer.alloc(1536 * 1024, 7);
      const tooBig = await http('POST', '/api/v1/search/by-image', multipart('image', 'big.jpg', 'image/jpeg', big));
      expect(tooBig.status).toBe(413);
      expect(tooBig.json().error.message).toMatch(/larger than 1 MB/);
      const bareTooBig = await http('POST', '/api/v1/search/by-image', {
        headers: { 'content-type': 'image/jpeg' },
        body: big,
      });
      expect(bareTooBig.status).toBe(413);
      const huge = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#808080' } })
        .png()
        .toBuffer();
      expect(huge.length).toBeLessThan(1024 * 1024);
      const tooMany = await http('POST', '/api/v1/search/by-image', multipart('image', 'huge.png', 'image/png', huge));
      expect(tooMany.status).toBe(400);
      expect(tooMany.json().error.message).toMatch(/2000 x 1000 pixels .* limited to 1 megapixels/);
      const text = await http(
        'POST',
        '/api/v1/search/by-image',
        multipart('image', 'a.png', 'image/png', Buffer.from('hello')),
      );
      expect(text.status).toBe(415);
      const noFile = await http('POST', '/api/v1/search/by-image', {
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      });
      expect(noFile.status).toBe(415);
    });

    it('validates requests with 400 and a message', async () => {
      for (const [method, path, body] of [
        ['GET', '/api/v1/search', undefined],
        ['GET', '/api/v1/search?q=red&limit=5000', undefined],
        ['GET', '/api/v1/search?q=red&kind=audio', undefined],
        ['POST', '/api/v1/scans', '{"mode":"full"}'],
        ['POST', '/api/v1/scans', '{not json'],
        ['PUT', '/api/v1/scope', '{"roots":"relative/path"}'],
        ['PUT', '/api/v1/scope', '{"roots":["relative"]}'],
        ['PUT', '/api/v1/scope', '{"colour":"red"}'],
        ['GET', `/api/v1/media/${videoId}/frame`, undefined],
      ] as const) {
        const r = await http(method, path, body ? { headers: { 'content-type': 'application/json' }, body } : {});
        expect(r.status, `${method} ${path} ${body}`).toBe(400);
        expect(r.json().error.message.length).toBeGreaterThan(15);
      }
      expect((await http('GET', '/api/v1/scans/nope')).status).toBe(404);
      // A form is not JSON: 415 (listed by the document, as every status here: see http()).
      const form = await http('POST', '/api/v1/scans', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'mode=reindex',
      });
      expect(form.status).toBe(415);
      expect((await http('GET', `/api/v1/media/${redId}/thumbnail?size=100`)).status).toBe(400);
    });

    it('reports ready, metrics and its own description', async () => {
      expect((await http('GET', '/api/v1/health')).json()).toEqual({ status: 'ok' });
      expect((await http('GET', '/api/v1/ready')).json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', vectorStore: 'ok', model: 'ok' },
      });
      const metrics = (await http('GET', '/api/v1/metrics')).bytes.toString();
      expect(metrics).toMatch(/glimpse_scans_total\{status="completed"\} 1/);
      expect(metrics).toMatch(/glimpse_scan_files_total\{outcome="embedded"\} 4/);
      expect(metrics).toMatch(/glimpse_search_duration_seconds_count\{by="text"\} [1-9]/);
      expect(metrics).toMatch(/glimpse_embed_duration_seconds_count\{input="image"\} [1-9]/);
      expect(metrics).toMatch(/glimpse_scan_queue_depth 0/);
      expect(metrics).toMatch(/glimpse_index_items\{what="files"\} 4/);
      const doc = (await http('GET', '/api/v1/openapi.json')).json();
      expect(doc.openapi).toBe('3.1.0');
      // The description names every route the router serves, and nothing else.
      const served = createApp(server.services)
        .api.stack.flatMap((layer) =>
          layer.methods
            .filter((m) => m !== 'HEAD')
            .map(
              (m) =>
                `${m} ${String(layer.path)
                  .replace('/api/v1', '')
                  .replace(/:(\w+)/g, '{$1}')}`,
            ),
        )
        .sort();
      const described = Object.entries(doc.paths as Record<string, object>)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      expect(described).toEqual(served);
      const page = await http('GET', '/api/v1/docs');
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; /);
      expect(page.bytes.toString()).toContain('/api/v1/search/by-image');
    });

    it('lists the files that could not be indexed, with the reason, from the index', async () => {
      expect((await http('GET', '/api/v1/index/failed')).json()).toEqual({ total: 0, files: [] });
      await writeFile(join(lib.root, 'broken.jpg'), 'this is not a picture');
      const scan = await waitForScan((await postJson('/api/v1/scans', {})).json().id);
      expect(scan.counts).toMatchObject({ new: 1, failed: 1 });
      const failed = (await http('GET', '/api/v1/index/failed?limit=10')).json();
      expect(failed.total).toBe(1);
      expect(failed.files[0]).toMatchObject({ path: join(lib.root, 'broken.jpg'), kind: 'image' });
      expect(failed.files[0].error).toMatch(/broken\.jpg/);
      // A rescan does not retry it (the file did not change), yet the index still lists it.
      const again = await waitForScan((await postJson('/api/v1/scans', {})).json().id);
      expect(again.counts).toMatchObject({ unchanged: 5, failed: 0 });
      expect((await http('GET', '/api/v1/index/failed')).json().total).toBe(1);
      expect((await http('GET', '/api/v1/index/failed?limit=0')).status).toBe(400);
      await rm(join(lib.root, 'broken.jpg'));
      await waitForScan((await postJson('/api/v1/scans', {})).json().id);
      expect((await http('GET', '/api/v1/index/failed')).json().total).toBe(0);
    });

    it('changes the scope (saved; a scan starts), and DELETE /index empties search until a rescan restores it', async () => {
      const put = await postJson('/api/v1/scope', { roots: [lib.root], exclude: ['**/clips'] }, 'PUT');
      expect(put.status).toBe(200);
      expect(put.json().scope).toMatchObject({ roots: [lib.root], exclude: ['**/clips'] });
      const scopeScan = await waitForScan(put.json().scan.id);
      expect(scopeScan).toMatchObject({ status: 'completed', trigger: 'scope-change', counts: { deleted: 1 } });
      expect((await http('GET', '/api/v1/scope')).json().exclude).toEqual(['**/clips']);
      await waitForScan((await postJson('/api/v1/scope', { exclude: [] }, 'PUT')).json().scan.id);

      const deleted = await http('DELETE', '/api/v1/index');
      expect(deleted.status).toBe(200);
      expect(deleted.json()).toMatchObject({ deleted: true, files: 0, contents: 0 });
      expect((await http('GET', '/api/v1/search?q=red')).json().results).toEqual([]);
      const rescan = await waitForScan((await postJson('/api/v1/scans', {})).json().id);
      expect(rescan.counts).toMatchObject({ new: 4, embedded: 4 });
      const [top] = (await http('GET', '/api/v1/search?q=red')).json().results;
      expect(top.path).toBe(lib.red);
    });

    it('refuses a scope with a folder that does not exist, deleting nothing; a removed folder comes back without embedding', async () => {
      const before = (await http('GET', '/api/v1/index')).json();
      expect(before).toMatchObject({ files: 4, indexedContents: 4, released: { contents: 0, graceDays: 30 } });
      // The README's own example, on a machine where neither folder exists.
      const typo = await postJson('/api/v1/scope', { roots: ['/home/me/Pictures', '/mnt/photos'] }, 'PUT');
      expect(typo.status).toBe(400);
      expect(typo.json().error.message).toBe(
        'No such folder: /home/me/Pictures; no such folder: /mnt/photos. Nothing was changed.',
      );
      const notFolder = await postJson('/api/v1/scope', { roots: [lib.red] }, 'PUT');
      expect(notFolder.status).toBe(400);
      expect(notFolder.json().error.message).toMatch(/^Not a folder: .*red\.jpg/);
      expect((await http('GET', '/api/v1/scope')).json().roots).toEqual([lib.root]);
      expect((await http('GET', '/api/v1/index')).json()).toEqual(before);

      const trip = join(lib.root, 'trip');
      const narrowed = await postJson('/api/v1/scope', { roots: [trip] }, 'PUT');
      expect(narrowed.status).toBe(200);
      expect(narrowed.json()).toMatchObject({ addedRoots: [trip], removedRoots: [lib.root], leavingFiles: 2 });
      expect(narrowed.json().message).toMatch(/^Saved; 2 indexed files leave the index with the next scan\./);
      expect((await waitForScan(narrowed.json().scan.id)).counts).toMatchObject({ deleted: 2, released: 2 });
      const waiting = (await http('GET', '/api/v1/index')).json();
      expect(waiting).toMatchObject({ files: 2, indexedContents: 2, released: { contents: 2 } });
      expect(new Date(waiting.released.dropsAfter).getTime() - new Date(waiting.released.oldest).getTime()).toBe(
        30 * 24 * 3600 * 1000,
      );
      expect((await http('GET', '/api/v1/search?q=blue')).json().results.map((r: Json) => r.path)).not.toContain(
        lib.blue,
      );

      const back = await postJson('/api/v1/scope', { roots: [lib.root] }, 'PUT');
      const rescan = await waitForScan(back.json().scan.id);
      expect(rescan.counts).toMatchObject({ new: 2, restored: 2, embedded: 0 });
      expect((await http('GET', '/api/v1/search?q=blue&kind=image')).json().results[0].path).toBe(lib.blue);

      // Taken out again, then pruned: the vectors go at once.
      await waitForScan((await postJson('/api/v1/scope', { roots: [trip] }, 'PUT')).json().scan.id);
      const pruned = await postJson('/api/v1/index/prune', {});
      expect(pruned.status).toBe(200);
      expect(pruned.json()).toMatchObject({ dropped: 2, released: { contents: 0, points: 0 } });
      const last = await waitForScan((await postJson('/api/v1/scope', { roots: [lib.root] }, 'PUT')).json().scan.id);
      expect(last.counts).toMatchObject({ new: 2, restored: 0, embedded: 2 });
    });

    it('keeps the index and the scope across a restart; the start-up rescan finds nothing changed', async () => {
      await server.close();
      expect(existsSync(join(dir, 'data', 'server.json'))).toBe(false);
      server = await startServer({ ...options(), roots: [] }); // no folders given: the saved scope is used
      expect(server.startupScan).not.toBeNull();
      // Serving at once from the existing index, while the start-up scan runs.
      const [top] = (await http('GET', '/api/v1/search?q=red')).json().results;
      expect(top.path).toBe(lib.red);
      const startup = await waitForScan(server.startupScan!.id);
      expect(startup).toMatchObject({ status: 'completed', trigger: 'startup' });
      expect(startup.counts).toMatchObject({ seen: 4, unchanged: 4, new: 0, embedded: 0, deleted: 0 });
      // The scans of the first run are still listed, behind this run's start-up scan.
      const scans = (await http('GET', '/api/v1/scans')).json().scans as { id: string; trigger: string }[];
      expect(scans[0]!.id).toBe(server.startupScan!.id);
      expect(scans.length).toBeGreaterThan(5);
      expect(scans.slice(1).map((j) => j.trigger)).toEqual(expect.arrayContaining(['request', 'scope-change']));
      expect(JSON.parse(await readFile(join(dir, 'data', 'server.json'), 'utf8'))).toMatchObject({ pid: process.pid });
    });

    it('checks the index on request (sound here), and a finished scan stays finished when cancelled', async () => {
      const verify = await postJson('/api/v1/index/verify', {});
      expect(verify.status).toBe(200);
      expect(verify.json()).toMatchObject({ consistent: true, problems: [], repairs: [], remaining: [] });
      expect(verify.json().checked.files).toBeGreaterThan(0);
      expect((await postJson('/api/v1/index/verify', { repair: 'yes' })).status).toBe(400);
      const [last] = (await http('GET', '/api/v1/scans')).json().scans;
      const cancelled = await http('DELETE', `/api/v1/scans/${last.id}`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.json()).toMatchObject({ id: last.id, status: 'completed' });
      expect((await http('DELETE', '/api/v1/scans/no-such-scan')).status).toBe(404);
    });

    it('leaves out what is no closer than nonsense, counts it, sorts by date, and browses the library by month', async () => {
      const red = (await http('GET', '/api/v1/search?q=red')).json();
      expect(red.relevance).toMatchObject({ matches: 2, weaker: 2, weakerShown: false, atLeast: false });
      expect(red.results.map((r: Json) => r.path).sort()).toEqual([lib.red, lib.video].sort());
      const weaker = (await http('GET', '/api/v1/search?q=red&weaker=true')).json();
      expect(weaker.results.length).toBe(4);
      expect(
        weaker.results
          .slice(2)
          .map((r: Json) => r.path)
          .sort(),
      ).toEqual([lib.green, lib.blue].sort());
      const nonsense = (await http('GET', '/api/v1/search?q=zzzzqqq')).json();
      expect(nonsense.results).toEqual([]);
      expect(nonsense.relevance).toMatchObject({ matches: 0, weaker: 4 });
      // The green moment only: not the red and blue scenes beside it.
      const green = (await http('GET', '/api/v1/search?q=green&kind=video')).json();
      expect(green.results[0].segments.length).toBe(1);
      const byDate = (await http('GET', '/api/v1/search?q=red&weaker=true&sort=date')).json().results;
      const times = byDate.map((r: Json) => Date.parse(r.takenAt));
      expect(times).toEqual([...times].sort((a: number, b: number) => b - a));
      expect((await http('GET', '/api/v1/search?q=red&sort=newest')).status).toBe(400);
      expect((await http('GET', '/api/v1/search?q=red&weaker=yes')).status).toBe(400);

      const library = (await http('GET', '/api/v1/library?limit=10')).json().results;
      expect(library.map((r: Json) => r.path).sort()).toEqual([lib.red, lib.green, lib.blue, lib.video].sort());
      const taken = library.map((r: Json) => Date.parse(r.takenAt));
      expect(taken).toEqual([...taken].sort((a: number, b: number) => b - a));
      expect(library[library.length - 1].path).toBe(lib.red); // July 2023, from its EXIF: the oldest
      const months = (await http('GET', '/api/v1/library/months')).json();
      expect(months.total).toBe(4);
      expect(months.months.at(-1)).toEqual({ month: '2023-07', count: 1 });
      const july = (await http('GET', '/api/v1/library?before=2023-08-01')).json().results;
      expect(july.map((r: Json) => r.path)).toEqual([lib.red]);
      expect((await http('GET', '/api/v1/library?kind=video')).json().results.map((r: Json) => r.path)).toEqual([
        lib.video,
      ]);
      expect((await http('GET', '/api/v1/library?before=someday')).status).toBe(400);
      expect((await http('GET', '/api/v1/library/months?kind=audio')).status).toBe(400);
    });

    it('lists folders (never files) for the folder picker, and the models', async () => {
      const top = (await http('GET', `/api/v1/folders?path=${encodeURIComponent(lib.root)}`)).json();
      expect(top).toMatchObject({ path: lib.root, parent: dir, more: 0 });
      expect(top.folders).toEqual([
        { name: 'clips', path: join(lib.root, 'clips') },
        { name: 'trip', path: join(lib.root, 'trip') },
      ]); // blue.png, a file, is not listed
      expect((await http('GET', `/api/v1/folders?path=${encodeURIComponent(lib.blue)}`)).status).toBe(400);
      expect((await http('GET', '/api/v1/folders?path=relative/dir')).status).toBe(400);
      expect((await http('GET', `/api/v1/folders?path=${encodeURIComponent(join(dir, 'nope'))}`)).status).toBe(404);
      const home = (await http('GET', '/api/v1/folders')).json();
      expect(home.path).toBe(home.home);
      const models = (await http('GET', '/api/v1/models')).json();
      expect(models.inUse).toMatchObject({ id: 'tiny-color-clip', state: 'ready', error: null });
      expect(Array.isArray(models.onDisk)).toBe(true);
    });

    // Last: every answer above was checked against the API document as it came (see http()); this says that all
    // of the document's JSON operations were among them, so none can drift from what the server sends unseen.
    it('answered every JSON operation of its API document, each exactly as the document says', () => {
      expect(uncheckedOperations()).toEqual([]);
    });
  });
}
