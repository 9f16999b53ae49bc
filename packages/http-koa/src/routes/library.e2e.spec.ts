// The folder picker's and the model list's endpoints answer only a client on this computer: reached over a
// non-loopback address of this machine, they refuse (403) though the request is otherwise fine.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../middleware/errors.js';
import type { ModelService } from '../services/model-service.js';
import { libraryRoutes } from './library.js';

const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
if (!outside) console.warn('SKIPPED: the loopback-only folder listing test: this machine has no non-loopback IPv4.');

describe.skipIf(!outside)('folders and models, over a non-loopback address', () => {
  let dir: string;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glimpse-folders-'));
    const app = new Koa();
    app.use(errorMiddleware());
    // Neither route reads the model service before refusing a peer.
    const router = libraryRoutes({ model: {} as ModelService, modelDir: dir, modelFiles: [], home: dir });
    app.use(router.routes());
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a client that is not on this computer, and answers one that is', async () => {
    for (const path of ['/folders', '/models']) {
      const far = await fetch(`http://${outside}:${port}${path}`);
      expect(far.status, path).toBe(403);
      expect(((await far.json()) as { error: { message: string } }).error.message).toMatch(
        /only to a browser on this computer/,
      );
    }
    const near = await fetch(`http://127.0.0.1:${port}/folders`);
    expect(near.status).toBe(200);
    expect(await near.json()).toMatchObject({ path: dir, folders: [] });
  });
});
