// The server with GLIMPSE_VECTOR_STORE=qdrant and no Qdrant, for real: an address where nothing listens, and a
// TCP server that accepts and never answers. Start-up says so plainly, searches get 503 with that message, a scan
// stops safely (nothing marked indexed without its vectors), and readiness names the vector store.
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaLibrary, type MediaLibrary } from '../../../test-support/media-library.js';
import { startServer, type RunningServer } from './server.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field and checked by the assertions */

let dir: string;
let lib: MediaLibrary;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-qdrant-down-'));
  lib = await makeMediaLibrary(join(dir, 'library'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as { port: number }).port;
}

function get(port: number, path: string): Promise<{ status: number; json: any; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `localhost:${port}` } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(body), ms: Date.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const variant of ['nothing listening', 'never answering'] as const) {
  describe(`with Qdrant ${variant}`, () => {
    let hang: Server | null = null;
    const sockets = new Set<Socket>();
    let url: string;
    let server: RunningServer;
    const warnings: string[] = [];
    let said: RegExp;

    beforeAll(async () => {
      const tcp = createServer((s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.resume();
      });
      const port = await listen(tcp);
      if (variant === 'nothing listening') await new Promise((done) => tcp.close(done));
      else hang = tcp;
      url = `http://127.0.0.1:${port}`;
      said =
        variant === 'nothing listening'
          ? new RegExp(`Qdrant at ${url} did not answer: connection refused; is the container running\\?`)
          : new RegExp(`Qdrant at ${url} did not answer within 0.5 s`);
      server = await startServer({
        roots: [lib.root],
        dataDir: join(dir, `data-${variant.replace(' ', '-')}`),
        model: TINY_TEST_MODEL_DIR,
        port: 0,
        requireKey: false,
        env: {
          HOME: '/nonexistent-home',
          GLIMPSE_VECTOR_STORE: 'qdrant',
          GLIMPSE_QDRANT_URL: url,
          GLIMPSE_QDRANT_TIMEOUT_MS: '500',
        },
        log: () => undefined,
        onWarning: (m) => warnings.push(m),
      });
    });
    afterAll(async () => {
      await server?.close();
      for (const s of sockets) s.destroy();
      if (hang) await new Promise((done) => hang!.close(done));
    });

    it('says at start-up that Qdrant does not answer, and starts anyway', () => {
      expect(warnings.some((w) => said.test(w) && w.endsWith('Searches and scans fail until it answers.'))).toBe(true);
    });

    it('stops the scan with that message, marking nothing indexed', async () => {
      const job = await server.services.jobs.wait(server.startupScan!.id);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(said);
      const stats = await server.services.index.stats();
      expect(stats.indexedContents).toBe(0);
      expect(stats.files).toBeGreaterThan(0); // the files found are kept, pending, for the next scan
    });

    it('answers a search with 503 and the message, within the timeout', async () => {
      const r = await get(server.port, '/api/v1/search?q=red');
      expect(r.status).toBe(503);
      expect(r.json.error).toMatchObject({ kind: 'unavailable' });
      expect(r.json.error.message).toMatch(said);
      expect(r.ms).toBeLessThan(5000);
    });

    it('is not ready, and readiness says the vector store is why', async () => {
      const r = await get(server.port, '/api/v1/ready');
      expect(r.status).toBe(503);
      expect(r.json.checks.database).toBe('ok');
      expect(r.json.checks.vectorStore).toMatch(said);
    });
  });
}
