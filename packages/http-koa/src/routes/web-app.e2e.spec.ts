import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApp } from './web-app.js';

let dir: string;
let server: Server;
let port: number;

function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving the built web app', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glimpse-webdir-'));
    const web = join(dir, 'dist');
    await mkdir(join(web, 'assets'), { recursive: true });
    await writeFile(join(web, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(web, 'assets', 'index-abc.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'outside the web folder');
    const app = new Koa();
    app.use(webApp(web));
    app.use((ctx) => {
      ctx.status = 404;
      ctx.body = 'not found';
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves hashed assets for good and the app page for every app route, with a strict CSP', async () => {
    const asset = await get('/assets/index-abc.js');
    expect(asset).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    for (const route of ['/', '/settings', '/?q=red']) {
      const page = await get(route);
      expect(page.status, route).toBe(200);
      expect(page.body).toContain('<title>app</title>');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
    }
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside its folder', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const r = await get(path);
      expect(r.body, path).not.toContain('outside the web folder');
    }
  });
});
