import { cp, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, PgVectorSpaces } from '@glimpse/adapters-postgres';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaLibrary, type MediaLibrary } from '../../../test-support/media-library.js';
import { startServer, type ServeOptions } from './server.js';

let dir: string;
let lib: MediaLibrary;
let otherModel: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-reset-'));
  lib = await makeMediaLibrary(join(dir, 'library'));
  // A second model: the same network under another name, so its vectors live in a space of their own.
  otherModel = join(dir, 'models', 'other-clip');
  await cp(TINY_TEST_MODEL_DIR, otherModel, { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const dataDir = () => join(dir, 'data');
const serve = (options: Partial<ServeOptions>) =>
  startServer({
    roots: [lib.root],
    dataDir: dataDir(),
    port: 0,
    env: { HOME: '/nonexistent-home' },
    log: () => undefined,
    ...options,
  });

/** Indexes the library with `model`, then closes the server. */
async function indexWith(model: string, switchModel = false): Promise<void> {
  const server = await serve({ model, switchModel });
  const done = await server.services.jobs.wait(server.startupScan!.id);
  expect(done.status).toBe('completed');
  await server.close();
}

/** What the closed data dir's database holds: each model's vectors, and file records. */
async function holdings() {
  const db = await openDatabase({ kind: 'pglite', dataDir: dataDir() });
  try {
    const spaces = await new PgVectorSpaces(db.db).list();
    const files = await db.db
      .selectFrom('files')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { spaces: spaces.map((s) => [s.modelId, s.points > 0]), files: Number(files.n) };
  } finally {
    await db.close();
  }
}

function del(port: number, key: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'DELETE',
        path: '/api/v1/index',
        headers: { host: `localhost:${port}`, authorization: `Bearer ${key}` },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('DELETE /index', () => {
  it('deletes the vectors of every model the index holds, and every file record', async () => {
    await indexWith(TINY_TEST_MODEL_DIR);
    await indexWith(otherModel, true);
    const before = await holdings();
    expect(before.spaces).toEqual([
      ['other-clip', true],
      ['tiny-color-clip', true],
    ]);
    expect(before.files).toBeGreaterThan(0);

    const server = await serve({ model: otherModel, scanOnStart: false });
    const reply = await del(server.port, server.key!);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ deleted: true, files: 0, contents: 0 });
    await server.close();

    // No vectors of any model and no file record are left. The model in use gets its store again, empty, when it
    // had loaded before the reset (the server loads it in the background); the other model's is gone.
    const after = await holdings();
    expect(after.files).toBe(0);
    expect(after.spaces.filter(([, holds]) => holds)).toEqual([]);
    expect(after.spaces.map(([model]) => model)).not.toContain('tiny-color-clip');
  });
});
