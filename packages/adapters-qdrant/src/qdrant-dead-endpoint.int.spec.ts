// Qdrant that is not there, for real: an address where nothing listens, and a TCP server that accepts connections
// and never answers. Every operation must fail within the timeout, as `unavailable`, in words that say what to do.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { GlimpseError } from '@glimpse/core';
import { aPoint, axisVector } from '@glimpse/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQdrantConfig } from './config.js';
import { QdrantConnection } from './qdrant-connection.js';
import { QdrantVectorSpaces, QdrantVectorStore } from './qdrant-vector-store.js';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as { port: number }).port;
}

/** A port that nothing listens on: bound once, then closed. */
async function deadPort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((done) => s.close(done));
  return port;
}

function connect(port: number): QdrantConnection {
  return new QdrantConnection(
    parseQdrantConfig({ GLIMPSE_QDRANT_URL: `http://127.0.0.1:${port}`, GLIMPSE_QDRANT_TIMEOUT_MS: '400' }),
  );
}

async function failure(p: Promise<unknown>): Promise<GlimpseError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(GlimpseError.is(e, 'unavailable')).toBe(true);
  return e as GlimpseError;
}

describe('Qdrant at an address where nothing listens', () => {
  let q: QdrantConnection;
  let url: string;
  beforeAll(async () => {
    const port = await deadPort();
    url = `http://127.0.0.1:${port}`;
    q = connect(port);
  });

  it('start-up says so plainly', async () => {
    const e = await failure(q.ping());
    expect(e.message).toBe(
      `Qdrant at ${url} did not answer: connection refused; is the container running? (asked to say which version it is)`,
    );
  });

  it('every store operation fails as unavailable, naming the server, and nothing hangs', async () => {
    const store = QdrantVectorStore.open(q, 'clip', 4);
    const started = Date.now();
    for (const op of [
      store.search({ vector: axisVector(4, 0), limit: 5 }),
      store.upsert([aPoint({ contentHash: 'a', vector: axisVector(4, 0) })]),
      store.count(),
      store.listContents(null, 10),
      store.hasContents(['a']),
      new QdrantVectorSpaces(q).list(),
    ]) {
      const e = await failure(op);
      expect(e.message).toContain(`Qdrant at ${url} did not answer: connection refused; is the container running?`);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('Qdrant that accepts connections and never answers', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let q: QdrantConnection;
  let url: string;
  beforeAll(async () => {
    server = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.resume(); // reads the request, never writes
    });
    const port = await listen(server);
    url = `http://127.0.0.1:${port}`;
    q = connect(port);
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((done) => server.close(done));
  });

  it('start-up gives up after the timeout and says so', async () => {
    const started = Date.now();
    const e = await failure(q.ping());
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(e.message).toMatch(
      new RegExp(`^Qdrant at ${url} did not answer within 0.4 s \\(asked to say which version it is\\)`),
    );
    expect(e.message).toContain('docker compose logs qdrant');
  });

  it('a search fails the same way, within the timeout, and the next one tries again', async () => {
    const store = QdrantVectorStore.open(q, 'clip', 4);
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      const e = await failure(store.search({ vector: axisVector(4, 0), limit: 5 }));
      expect(e.message).toMatch(/did not answer within 0.4 s/);
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });
});

describe('an address where another web server answers (not Qdrant)', () => {
  let server: HttpServer;
  let q: QdrantConnection;
  let url: string;
  beforeAll(async () => {
    server = createHttpServer((_, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    url = `http://127.0.0.1:${port}`;
    q = connect(port);
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it('says the address is not Qdrant, and which setting names it', async () => {
    const e = await failure(q.ping());
    expect(e.message).toMatch(new RegExp(`^Qdrant at ${url} answered 404 .*, not as Qdrant does`));
    expect(e.message).toContain("is GLIMPSE_QDRANT_URL the address of Qdrant's REST port (6333)?");
    const search = await failure(QdrantVectorStore.open(q, 'clip', 4).search({ vector: axisVector(4, 0), limit: 1 }));
    expect(search.message).toContain('not as Qdrant does');
  });
});
