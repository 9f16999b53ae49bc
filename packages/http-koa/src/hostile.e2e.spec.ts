// The real `glimpse serve`, in its own process, attacked as a tester would: malformed uploads, slow and idle
// connections, a flood that exhausts its file descriptors, other accounts of this machine, files that are not media.
// After each attack the process must still be alive and answering. Loopback only; bounded in count and time.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaLibrary, type MediaLibrary } from '../../../test-support/media-library.js';

const BIN = fileURLToPath(new URL('../bin/glimpse.js', import.meta.url));
const run = promisify(execFile);

let dir: string;
let lib: MediaLibrary;
let server: ChildProcess;
let port: number;
let key: string;
let dataDir: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { host: `localhost:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
const authed = (path: string) => http('GET', path, { authorization: `Bearer ${key}` });

/** Sends raw bytes on a new connection; resolves with what came back when the server closes it (or after `ms`). */
function raw(bytes: string | Buffer, options: { ms?: number; destroyAfterWrite?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(got);
    }, options.ms ?? 5000);
    socket.on('data', (c) => (got += c.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
    socket.write(bytes, () => {
      if (options.destroyAfterWrite) {
        socket.destroy();
      }
    });
  });
}

async function alive(): Promise<void> {
  expect(server.exitCode, 'the server process ended').toBeNull();
  expect((await http('GET', '/api/v1/health')).status).toBe(200);
}

function upload(body: string, contentType = 'multipart/form-data; boundary=X'): string {
  return (
    `POST /api/v1/search/by-image HTTP/1.1\r\nHost: localhost:${port}\r\nAuthorization: Bearer ${key}\r\n` +
    `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-hostile-'));
  lib = await makeMediaLibrary(join(dir, 'library'));
  // Text files with an extension listed as media: indexed as failed, and never served.
  await mkdir(join(lib.root, 'etc'));
  await writeFile(join(lib.root, 'etc', 'passwd.conf'), 'root:x:0:0:root:/root:/bin/bash\n');
  await writeFile(join(lib.root, 'broken.jpg'), 'not a picture at all');
  dataDir = join(dir, 'data');
  server = spawn(process.execPath, [BIN, 'serve', lib.root, '--port', '0'], {
    env: {
      PATH: process.env['PATH'],
      HOME: join(dir, 'home'),
      GLIMPSE_DATA_DIR: dataDir,
      GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  server.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const u = new URL(url);
  port = Number(u.port);
  key = u.searchParams.get('key')!;
  for (let i = 0; i < 300 && !/scan .* done/.test(err); i++) await new Promise((r) => setTimeout(r, 100));
  expect(err).toMatch(/scan .* done/);
}, 60_000);

afterAll(async () => {
  server?.kill('SIGINT');
  await new Promise((r) => (server?.exitCode !== null ? r(null) : server.once('exit', r)));
  await rm(dir, { recursive: true, force: true });
});

describe('malformed uploads never end the process', () => {
  const shapes: [string, () => string][] = [
    // The case: a file part with no closing boundary.
    [
      'a file part without its closing boundary',
      () => upload('--X\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n\r\nabc'),
    ],
    ['a preamble and no part at all', () => upload('this is not a multipart body')],
    ['a field part that never ends', () => upload('--X\r\nContent-Disposition: form-data; name="limit"\r\n\r\n5')],
    [
      'a part whose headers never end',
      () => upload('--X\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"'),
    ],
    ['a part with a garbage header line', () => upload('--X\r\nthis is no header\r\n\r\nabc\r\n--X--\r\n')],
    ['a multipart type without a boundary', () => upload('--X\r\n\r\n', 'multipart/form-data')],
    ['a closing boundary only', () => upload('--X--\r\n')],
  ];
  for (const [name, body] of shapes) {
    it(`answers ${name} with a 4xx and a message`, async () => {
      const reply = await raw(body());
      expect(reply).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(reply).toMatch(/"error":\{"kind":"[a-z-]+","message":"[^"]+"/);
      await alive();
    });
  }

  it('names the limit that applied to an oversized JSON body (not the upload setting)', async () => {
    const big = JSON.stringify({ roots: ['/x'.repeat(40_000)] });
    const r = await http(
      'PUT',
      '/api/v1/scope',
      { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      big,
    );
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toBe('The request body is larger than 64 KB, the limit.');
    await alive();
  });

  it('survives an upload aborted in the middle, and a request body that stops arriving', async () => {
    const head =
      `POST /api/v1/search/by-image HTTP/1.1\r\nHost: localhost:${port}\r\nAuthorization: Bearer ${key}\r\n` +
      'Content-Type: multipart/form-data; boundary=X\r\nContent-Length: 100000\r\n\r\n' +
      '--X\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n\r\n' +
      'x'.repeat(5000);
    await raw(head, { destroyAfterWrite: true });
    await raw(head, { ms: 500 }); // left hanging, then dropped by the client
    await alive();
  });
});

describe('connections', () => {
  it('cuts off slow headers and idle connections (10 s), and refuses a flood beyond 256 at once', async () => {
    const sockets: { socket: Socket; closedAt: number | null; kind: string }[] = [];
    const t0 = Date.now();
    const open = (kind: string) => {
      const socket = connect(port, '127.0.0.1');
      const entry = { socket, closedAt: null as number | null, kind };
      socket.on('error', () => undefined);
      socket.on('close', () => (entry.closedAt = Date.now() - t0));
      sockets.push(entry);
      return socket;
    };
    const slow = Array.from({ length: 20 }, () => open('slow'));
    const drip = setInterval(() => {
      for (const s of slow) if (!s.destroyed) s.write('X-Slow: 1\r\n');
    }, 1000);
    for (const s of slow) s.write(`GET /api/v1/index HTTP/1.1\r\nHost: localhost:${port}\r\n`);
    for (let i = 0; i < 300; i++) open('idle');
    await new Promise((r) => setTimeout(r, 1500));
    const refusedAtOnce = sockets.filter((s) => s.closedAt !== null && s.closedAt < 1500).length;
    expect(refusedAtOnce).toBeGreaterThanOrEqual(320 - 256);
    expect(server.exitCode).toBeNull();
    // The headers timeout is 10 s, checked each second; the next limit that would close a
    // connection that keeps sending headers is the 60 s request timeout. Wait for every socket to
    // close (a busy machine delays both event loops), then tell the two limits apart by the time.
    const deadline = Date.now() + 30_000;
    while (sockets.some((s) => s.closedAt === null) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    clearInterval(drip);
    const stillOpen = sockets.filter((s) => s.closedAt === null);
    expect(stillOpen.map((s) => s.kind)).toEqual([]);
    const slowClosed = sockets.filter((s) => s.kind === 'slow').map((s) => s.closedAt!);
    expect(Math.min(...slowClosed)).toBeGreaterThan(9_000); // not refused: they were let in
    expect(Math.max(...slowClosed)).toBeLessThan(30_000); // though they keep sending
    for (const s of sockets) s.socket.destroy();
    await alive();
  }, 50_000);

  it.skipIf(!existsSync('/usr/bin/prlimit'))(
    'with its file descriptors exhausted, a video frame fails with a message instead of ending the process',
    async () => {
      const pid = server.pid!;
      const used = readdirSync(`/proc/${pid}/fd`).length;
      const limit = used + 60;
      const before = (
        await run('prlimit', [`--pid=${pid}`, '--nofile', '--raw', '--noheadings', '--output=SOFT'])
      ).stdout.trim();
      await run('prlimit', [`--pid=${pid}`, `--nofile=${limit}:`]); // the soft limit only
      const search = JSON.parse((await authed('/api/v1/search?q=green&kind=video')).body);
      const videoId = search.results[0].id as string;
      const held: Socket[] = [];
      try {
        // Connections until the server cannot accept more, keeping one request's worth of room.
        for (let i = 0; i < 58; i++) {
          const s = connect(port, '127.0.0.1');
          s.on('error', () => undefined);
          held.push(s);
        }
        await new Promise((r) => setTimeout(r, 500));
        const frame = await http('GET', `/api/v1/media/${videoId}/frame?t=4.5&size=160`, {
          authorization: `Bearer ${key}`,
        }).catch((e: Error) => ({ status: 0, headers: {}, body: e.message }));
        expect(server.exitCode, 'the server process ended').toBeNull();
        console.log(
          `with the descriptors exhausted, the frame request got: ${frame.status} ${frame.body.slice(0, 200)}`,
        );
        expect([0, 200, 503]).toContain(frame.status); // refused, served, or "too many open files": never a crash
        if (frame.status === 503)
          expect(JSON.parse(frame.body).error.message).toMatch(/too many open files \(EMFILE\)/);
      } finally {
        for (const s of held) s.destroy();
        await run('prlimit', [`--pid=${pid}`, `--nofile=${before}:`]);
      }
      await new Promise((r) => setTimeout(r, 300));
      await alive();
      expect((await authed(`/api/v1/media/${videoId}/frame?t=4.5&size=160`)).status).toBe(200);
    },
  );
});

describe('only its owner', () => {
  it('answers nothing but liveness without the key; the key in the address becomes an HttpOnly, SameSite cookie', async () => {
    expect((await http('GET', '/api/v1/health')).status).toBe(200);
    for (const path of ['/api/v1/search?q=red', '/api/v1/scope', '/api/v1/index', '/']) {
      const r = await http('GET', path);
      expect(r.status, path).toBe(401);
    }
    expect(JSON.parse((await http('GET', '/api/v1/index')).body).error).toMatchObject({ kind: 'unauthorized' });
    expect((await http('GET', '/')).body).toContain('Glimpse needs its key');
    expect((await http('GET', '/api/v1/index', { authorization: `Bearer ${'0'.repeat(64)}` })).status).toBe(401);
    expect((await http('PUT', '/api/v1/scope', { 'content-type': 'application/json' }, '{"roots":[]}')).status).toBe(
      401,
    );
    expect((await authed('/api/v1/index')).status).toBe(200);

    const opened = await http('GET', `/?q=red&key=${key}`);
    expect(opened.status).toBe(302);
    expect(opened.headers['location']).toBe('/?q=red'); // the key leaves the address bar and the history
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toMatch(/^glimpse_key=[0-9a-f]{64}; path=\/; samesite=strict; httponly$/);
    const jar = cookie.split(';')[0]!;
    expect((await http('GET', '/', { cookie: jar })).status).toBe(200);
    expect((await http('GET', '/api/v1/index', { cookie: jar })).status).toBe(200);
    expect((await http('GET', `/?key=${'f'.repeat(64)}`)).status).toBe(401);
  });

  it('keeps its key and its index readable by its owner only', () => {
    expect(statSync(join(dataDir, 'server-key')).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it.skipIf(process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv'))(
    'is useless to another account of this machine, which can neither read the key nor be let in without it',
    async () => {
      const asNobody = (code: string) =>
        run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', code]).then(
          (r) => r.stdout.trim(),
          (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`.trim(),
        );
      const read = await asNobody(
        `try { require('fs').readFileSync(${JSON.stringify(join(dataDir, 'server-key'))}); console.log('read') } catch (e) { console.log(e.code) }`,
      );
      expect(read).toBe('EACCES');
      const listed = await asNobody(
        `try { require('fs').readdirSync(${JSON.stringify(dataDir)}); console.log('listed') } catch (e) { console.log(e.code) }`,
      );
      expect(listed).toBe('EACCES');
      const answered = await asNobody(
        `fetch('http://127.0.0.1:${port}/api/v1/search?q=red').then(r => console.log(r.status), e => console.log(e.message))`,
      );
      expect(answered).toBe('401');
    },
  );
});

describe('files that are not media', () => {
  it('lists them as failed, and never serves their bytes (a scope of system files with "media" extensions)', async () => {
    const put = await http(
      'PUT',
      '/api/v1/scope',
      { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      JSON.stringify({ extensions: { image: ['jpg', 'png', 'conf'], video: ['mp4'] } }),
    );
    expect(put.status).toBe(200);
    const scanUrl = JSON.parse(put.body).scan.url as string;
    for (let i = 0; i < 200; i++) {
      if (JSON.parse((await authed(scanUrl)).body).status === 'completed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const failed = JSON.parse((await authed('/api/v1/index/failed')).body).files as { id: string; path: string }[];
    expect(failed.map((f) => f.path.slice(lib.root.length)).sort()).toEqual(['/broken.jpg', '/etc/passwd.conf']);
    for (const f of failed) {
      const file = await authed(`/api/v1/media/${f.id}/file`);
      expect(file.status).toBe(404);
      expect(JSON.parse(file.body).error.message).toMatch(
        /is not served: it could not be indexed as a picture or video/,
      );
      expect(file.body).not.toMatch(/root:x:0|not a picture at all/);
    }
    await alive();
  });
});
