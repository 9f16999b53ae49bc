// What Glimpse asks a Qdrant cluster for when it creates its collections: sharded across the nodes and replicated,
// as the settings say. A loopback HTTP server stands in for Qdrant and records the requests (the real cluster is
// started by the compose profile `qdrant-cluster`, which needs a container runtime this machine does not have).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQdrantConfig } from './config.js';
import { QdrantConnection } from './qdrant-connection.js';
import { QdrantVectorStore } from './qdrant-vector-store.js';

const requests: { method: string; path: string; body: unknown }[] = [];
let server: Server;
let url: string;

const body = (req: IncomingMessage) =>
  new Promise<unknown>((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s ? JSON.parse(s) : null));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = req.url!.split('?')[0]!;
    requests.push({ method: req.method!, path, body: await body(req) });
    const result = path.endsWith('/exists')
      ? { exists: false }
      : path.endsWith('/count')
        ? { count: 0 }
        : path === '/'
          ? undefined
          : path.endsWith('/index') || path.endsWith('/points')
            ? { operation_id: 1, status: 'completed' }
            : true;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(path === '/' ? { title: 'qdrant', version: '1.18.0' } : { result, status: 'ok', time: 0 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('collections in a Qdrant cluster', () => {
  it('are created with the shards, replication and write consistency set, the list of models replicated too', async () => {
    const q = new QdrantConnection(
      parseQdrantConfig({
        GLIMPSE_QDRANT_URL: url,
        GLIMPSE_QDRANT_SHARDS: '3',
        GLIMPSE_QDRANT_REPLICATION: '2',
        GLIMPSE_QDRANT_WRITE_CONSISTENCY: '1',
      }),
    );
    const store = QdrantVectorStore.open(q, 'clip', 4);
    await store.count();
    const created = requests.filter((r) => r.method === 'PUT' && /^\/collections\/[^/]+$/.test(r.path));
    expect(created.map((r) => r.path)).toEqual([`/collections/${store.collection}`, '/collections/glimpse_spaces']);
    expect(created[0]!.body).toMatchObject({ shard_number: 3, replication_factor: 2, write_consistency_factor: 1 });
    expect(created[1]!.body).toMatchObject({ shard_number: 1, replication_factor: 2, write_consistency_factor: 1 });
  });

  it('a single node by default: one shard, one copy', async () => {
    requests.length = 0;
    const store = QdrantVectorStore.open(new QdrantConnection(parseQdrantConfig({ GLIMPSE_QDRANT_URL: url })), 'm', 4);
    await store.count();
    const created = requests.find((r) => r.method === 'PUT' && r.path === `/collections/${store.collection}`);
    expect(created!.body).toMatchObject({ shard_number: 1, replication_factor: 1, write_consistency_factor: 1 });
  });
});
