// The non-loopback rejection tested for real: a client in another network namespace, joined to this one by a
// veth pair, talks to the server over a real (non-loopback) interface.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';

const run = promisify(execFile);
const id = process.pid % 100_000;
const NS = `glimpse-test-${id}`;
const HOST_IF = `gl${id}h`;
const NS_IF = `gl${id}n`;
const subnet = `10.231.${id % 250}`;
const HOST_IP = `${subnet}.1`;
const NS_IP = `${subnet}.2`;

/** Why the real test cannot run here, or null when it can. */
function unavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces exist only on Linux';
  if (process.getuid?.() !== 0) return 'creating a network namespace needs root';
  try {
    execFileSync('ip', ['netns', 'add', NS], { stdio: 'pipe' });
    execFileSync('ip', ['netns', 'del', NS], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `"ip netns add" failed here (${(e as Error).message.split('\n')[0]})`;
  }
}

const reason = unavailable();
if (reason)
  console.warn(`SKIPPED: non-loopback rejection over a real veth pair: ${reason}; the guard's unit test covers it.`);

/** A GET from inside the other namespace, to the server's address on the veth pair. */
async function getFromOutside(port: number, path: string): Promise<{ status: number; body: string }> {
  const script = `require('http').get({host:${JSON.stringify(HOST_IP)},port:${port},path:${JSON.stringify(path)},headers:{host:'localhost:${port}'}},r=>{let b='';r.on('data',c=>b+=c);r.on('end',()=>process.stdout.write(r.statusCode+' '+b))}).on('error',e=>process.stdout.write('0 '+e.message))`;
  const { stdout } = await run('ip', ['netns', 'exec', NS, process.execPath, '-e', script], { timeout: 20_000 });
  const space = stdout.indexOf(' ');
  return { status: Number(stdout.slice(0, space)), body: stdout.slice(space + 1) };
}

describe.skipIf(reason !== null)('a request from another machine (a network namespace over veth)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glimpse-netns-'));
    const sh = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
    sh('netns', 'add', NS);
    sh('link', 'add', HOST_IF, 'type', 'veth', 'peer', 'name', NS_IF);
    sh('link', 'set', NS_IF, 'netns', NS);
    sh('addr', 'add', `${HOST_IP}/30`, 'dev', HOST_IF);
    sh('link', 'set', HOST_IF, 'up');
    sh('netns', 'exec', NS, 'ip', 'addr', 'add', `${NS_IP}/30`, 'dev', NS_IF);
    sh('netns', 'exec', NS, 'ip', 'link', 'set', NS_IF, 'up');
  });
  afterAll(async () => {
    for (const args of [
      ['link', 'del', HOST_IF],
      ['netns', 'del', NS],
    ]) {
      try {
        execFileSync('ip', args, { stdio: 'pipe' });
      } catch {
        /* already gone */
      }
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function serve(name: string, env: NodeJS.ProcessEnv): Promise<RunningServer> {
    return startServer({
      dataDir: join(dir, name),
      model: TINY_TEST_MODEL_DIR,
      host: '0.0.0.0', // listening everywhere, as a misconfigured or compose setup would
      port: 0,
      env: { HOME: join(dir, 'home'), ...env },
      scanOnStart: false,
      log: () => undefined,
    });
  }

  it('is refused with 403 before routing, while the same request from this machine is answered', async () => {
    const server = await serve('strict', {});
    try {
      const outside = await getFromOutside(server.port, '/api/v1/health');
      expect(outside.status).toBe(403);
      expect(JSON.parse(outside.body).error.message).toMatch(
        `only answers requests from this computer (this one came from ${NS_IP})`,
      );
      const missing = await getFromOutside(server.port, '/api/v1/no-such-route');
      expect(missing.status).toBe(403); // refused before routing: not a 404
      const local = await fetch(`http://127.0.0.1:${server.port}/api/v1/health`);
      expect(local.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('is let in only when its network is trusted explicitly (the docker compose setting)', async () => {
    const server = await serve('trusted', { GLIMPSE_TRUSTED_NETWORKS: `${subnet}.0/30` });
    try {
      const outside = await getFromOutside(server.port, '/api/v1/health');
      expect(outside).toEqual({ status: 200, body: '{"status":"ok"}' });
    } finally {
      await server.close();
    }
  });
});
