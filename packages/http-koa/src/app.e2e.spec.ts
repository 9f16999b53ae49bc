import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { makeScope } from '@glimpse/core';
import sharp from 'sharp';
import type { Container } from 'inversify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { parseGlimpseConfig } from './config.js';
import { buildContainer, closeContainer, resolve, TOKENS } from './container.js';

let dir: string;
let container: Container;
let server: Server;
let port: number;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-http-'));
  const photos = join(dir, 'photos');
  await mkdir(photos);
  for (const [name, colour] of [
    ['red.jpg', '#ff0000'],
    ['green.jpg', '#00ff00'],
    ['blue.png', '#0000ff'],
  ] as const) {
    await sharp({ create: { width: 320, height: 240, channels: 3, background: colour } }).toFile(join(photos, name));
  }
  container = buildContainer(
    parseGlimpseConfig({ GLIMPSE_DATA_DIR: join(dir, 'data'), GLIMPSE_MODEL: TINY_TEST_MODEL_DIR }),
  );
  await (await resolve(container, TOKENS.ScanLibrary)).run(makeScope({ roots: [photos] }));
  const app = createApp({ search: await resolve(container, TOKENS.SearchMedia) });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await closeContainer(container);
  await rm(dir, { recursive: true, force: true });
});

/** A raw HTTP request, so the Host and Origin headers are exactly what a test says. */
function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { error?: { kind: string; message: string } } & Record<string, unknown> }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { host: `localhost:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolvePromise({ status: res.statusCode!, body: JSON.parse(text || '{}') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the HTTP API over real HTTP', () => {
  it('answers health and text search, red first', async () => {
    expect(await call('GET', '/api/v1/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const r = await call('GET', '/api/v1/search?q=red&limit=2');
    expect(r.status).toBe(200);
    const results = r.body['results'] as { path: string; kind: string; score: number }[];
    expect(results).toHaveLength(2);
    expect(results[0]!.path.endsWith('red.jpg')).toBe(true);
    expect(results[0]!.kind).toBe('image');
  });

  it('answers bad requests with 400 and a message, unknown paths with 404', async () => {
    for (const path of [
      '/api/v1/search',
      '/api/v1/search?q=red&limit=abc',
      '/api/v1/search?q=red&kind=audio',
      '/api/v1/search?q=red&from=yesterday',
      '/api/v1/search?q=red&limit=5000',
    ]) {
      const r = await call('GET', path);
      expect(r.status, path).toBe(400);
      expect(r.body.error?.kind).toBe('invalid-input');
      expect(r.body.error?.message.length).toBeGreaterThan(10);
    }
    expect((await call('GET', '/api/v1/nothing-here')).status).toBe(404);
  });

  it('refuses a foreign Host (DNS rebinding) and a cross-site Origin on a state-changing request, before routing', async () => {
    const rebinding = await call('GET', '/api/v1/search?q=red', { host: `evil.example:${port}` });
    expect(rebinding.status).toBe(403);
    expect(rebinding.body.error?.message).toMatch(/addressed to localhost/);
    const crossSite = await call('DELETE', '/api/v1/index', { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await call('DELETE', '/api/v1/index', { origin: `http://localhost:${port}` })).status).toBe(404); // let in; no such route yet
  });
});
