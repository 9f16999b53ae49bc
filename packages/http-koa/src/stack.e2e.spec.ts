// The whole docker compose stack end to end (DockerComposeEnvironment, images built from the repo), through the
// web service a browser opens. (server.e2e.spec.ts runs the server's suite embedded, and on Postgres and Qdrant
// containers.) Needs a container runtime; without one it is skipped with the reason printed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaLibrary, type MediaLibrary } from '../../../test-support/media-library.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field and checked by the assertions */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const noRuntime = await getContainerRuntimeClient().then(
  () => null,
  (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!,
);
if (noRuntime) console.warn(`skipping the server e2e on the docker compose stack: no container runtime (${noRuntime})`);

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
