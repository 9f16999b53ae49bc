// The server end to end in the stack's two container shapes; the embedded shape is server.e2e.spec.ts.
//   1. Against a Postgres and a Qdrant container started by testcontainers (pinned images), the server in process.
//   2. The whole docker compose stack (DockerComposeEnvironment, images built from the repo), through the web
//      service a browser opens.
// Both need a container runtime; without one they are skipped with the reason printed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaLibrary, type MediaLibrary } from '../../../test-support/media-library.js';
import { startServer, type RunningServer } from './server.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field and checked by the assertions */

const POSTGRES_IMAGE = 'pgvector/pgvector:0.8.0-pg17';
const QDRANT_IMAGE = 'qdrant/qdrant:v1.18.0';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const noRuntime = await getContainerRuntimeClient().then(
  () => null,
  (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!,
);
if (noRuntime) {
  console.warn(`skipping the server e2e on ${POSTGRES_IMAGE} + ${QDRANT_IMAGE}: no container runtime (${noRuntime})`);
  console.warn(`skipping the server e2e on the docker compose stack: no container runtime (${noRuntime})`);
}

let dir: string;
let lib: MediaLibrary;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-stack-'));
  lib = await makeMediaLibrary(join(dir, 'library'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const r = await fetch(url, init);
  return { status: r.status, body: await r.json() };
}

describe.skipIf(noRuntime !== null)(`the server on ${POSTGRES_IMAGE} and ${QDRANT_IMAGE} (testcontainers)`, () => {
  let server: RunningServer;
  const stops: (() => Promise<unknown>)[] = [];
  let api: string;
  beforeAll(async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const [postgres, qdrant] = await Promise.all([
      new PostgreSqlContainer(POSTGRES_IMAGE).start(),
      new GenericContainer(QDRANT_IMAGE).withExposedPorts(6333).withWaitStrategy(Wait.forHttp('/readyz', 6333)).start(),
    ]);
    stops.push(
      () => postgres.stop(),
      () => qdrant.stop(),
    );
    server = await startServer({
      roots: [lib.root],
      databaseUrl: postgres.getConnectionUri(),
      dataDir: join(dir, 'data'),
      model: TINY_TEST_MODEL_DIR,
      port: 0,
      requireKey: false,
      env: {
        HOME: '/nonexistent-home',
        GLIMPSE_VECTOR_STORE: 'qdrant',
        GLIMPSE_QDRANT_URL: `http://${qdrant.getHost()}:${qdrant.getMappedPort(6333)}`,
      },
      log: () => undefined,
    });
    api = `http://127.0.0.1:${server.port}/api/v1`;
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    for (const stop of stops) await stop();
  });

  it('scans, finds the red picture for "red" and the green moment of the video, and is ready', async () => {
    expect((await server.services.jobs.wait(server.startupScan!.id)).status).toBe('completed');
    const red = await json(`${api}/search?q=red`);
    expect(red.body.results[0]).toMatchObject({ path: lib.red, kind: 'image' });
    const green = await json(`${api}/search?q=green&kind=video`);
    expect(green.body.results[0]).toMatchObject({ path: lib.video, kind: 'video' });
    expect(green.body.results[0].segments[0].startSec).toBeGreaterThan(2.5);
    const ready = await json(`${api}/ready`);
    expect(ready).toMatchObject({ status: 200, body: { checks: { database: 'ok', vectorStore: 'ok', model: 'ok' } } });
  });

  it('DELETE /index empties Qdrant too', async () => {
    expect((await fetch(`${api}/index`, { method: 'DELETE' })).status).toBe(200);
    expect((await json(`${api}/index`)).body).toMatchObject({ files: 0, contents: 0 });
    expect((await json(`${api}/search?q=red`)).body.results).toEqual([]);
  });
});

describe.skipIf(noRuntime !== null)('the docker compose stack (DockerComposeEnvironment, built from the repo)', () => {
  let environment: any;
  const web = 'http://127.0.0.1:18080';
  beforeAll(async () => {
    const { DockerComposeEnvironment, Wait } = await import('testcontainers');
    environment = await new DockerComposeEnvironment(ROOT, 'docker-compose.yml')
      .withBuild()
      .withEnvironment({
        GLIMPSE_MEDIA: lib.root,
        GLIMPSE_WEB_PORT: '18080',
        GLIMPSE_SERVER_PORT: '17788',
        GLIMPSE_OFFLINE: '1',
      })
      .withDefaultWaitStrategy(Wait.forHealthCheck())
      .withStartupTimeout(600_000)
      .up();
  }, 900_000);
  afterAll(async () => {
    await environment?.down({ removeVolumes: true });
  });

  it('answers through the web service on loopback, with the server key, and refuses a foreign Host', async () => {
    expect((await json(`${web}/api/v1/health`)).status).toBe(200);
    expect((await fetch(`${web}/api/v1/index`)).status).toBe(401); // the key is the owner's
    const key = (await environment.getContainer('server-1').exec(['cat', '/data/server-key'])).output.trim();
    const auth = { headers: { authorization: `Bearer ${key}` } };
    const ready = await json(`${web}/api/v1/ready`, auth);
    expect(ready.body.checks).toMatchObject({ database: 'ok' });
    expect((await json(`${web}/api/v1/scope`, auth)).body.roots).toEqual([lib.root]);
    const foreign = await fetch(`${web}/api/v1/health`, { headers: { host: 'evil.example' } });
    expect(foreign.status).toBeGreaterThanOrEqual(400);
  });
});
