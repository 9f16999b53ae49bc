// The promises of the docker compose stack, read from the files themselves, so a later edit cannot quietly break
// them: loopback-only ports, read-only media at the host's own path, pinned images, health checks and the order
// they give, a non-root server with an init process, a subnet the localhost guard trusts, settings that exist.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseGlimpseConfig, SETTINGS } from './config.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the compose file is read as the YAML it is */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (name: string) => readFileSync(`${root}${name}`, 'utf8');
const compose = parse(read('docker-compose.yml')) as any;
const services = compose.services as Record<string, any>;
const dockerfile = read('Dockerfile');
const envExample = Object.fromEntries(
  read('.env.example')
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

/** `${NAME}`, `${NAME:-default}`, `${NAME:?error}` with the value .env.example gives (or the default). */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => {
    const v = envExample[name];
    if (v !== undefined && v !== '') return v;
    return op === '-' ? (rest ?? '') : '';
  });
}

describe('docker-compose.yml', () => {
  const NODES = ['qdrant-node-1', 'qdrant-node-2', 'qdrant-node-3'];

  it('has the four services, the profiles, and the syntax docker-compose 1.29 reads', () => {
    expect(Object.keys(services).sort()).toEqual(['postgres', 'qdrant', ...NODES, 'server', 'web', 'worker']);
    expect(services['worker'].profiles).toEqual(['workers']); // started only when asked for
    for (const n of NODES) expect(services[n].profiles).toEqual(['qdrant-cluster']);
    expect(compose.name).toBeUndefined();
    expect(compose.include).toBeUndefined();
    for (const s of Object.values(services)) expect(s.healthcheck?.start_interval).toBeUndefined();
  });

  it('publishes ports on 127.0.0.1 only, and Postgres and Qdrant not at all', () => {
    expect(services['postgres'].ports).toBeUndefined();
    expect(services['qdrant'].ports).toBeUndefined();
    for (const n of NODES) expect(services[n].ports, n).toBeUndefined(); // neither the API nor the p2p port
    const published = Object.values(services).flatMap((s) => (s.ports ?? []) as string[]);
    expect(published.length).toBe(2);
    for (const p of published) expect(p).toMatch(/^127\.0\.0\.1:/);
  });

  it('pins every image by tag', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.build) {
        expect(s.image, name).toMatch(/:local$/);
        continue;
      }
      expect(s.image, name).toMatch(/^[a-z0-9/._-]+:[A-Za-z0-9._-]+$/);
      expect(s.image, name).not.toMatch(/:(latest|stable|main)$/);
      expect(s.image, name).toMatch(/\d/); // a version, not a moving name
    }
    // The Qdrant server the client is made for (the client warns beyond one minor apart).
    const client = JSON.parse(read('packages/adapters-qdrant/package.json')).dependencies['@qdrant/js-client-rest'];
    const [cMajor, cMinor] = String(client).split('.').map(Number);
    const [sMajor, sMinor] = /:v(\d+)\.(\d+)\./.exec(services['qdrant'].image)!.slice(1).map(Number);
    expect(sMajor).toBe(cMajor);
    expect(Math.abs(sMinor! - cMinor!)).toBeLessThanOrEqual(1);
  });

  it('mounts the media read-only at the same path as on the host, and keeps the index in named volumes', () => {
    for (const who of ['server', 'worker']) {
      const volumes = services[who].volumes as string[];
      const media = volumes.find((v) => v.includes('GLIMPSE_MEDIA'))!;
      const [host, inside, mode] = media.split(/:(?![-?])(?![^{]*\})/);
      expect(mode).toBe('ro');
      expect(inside).toBe('${GLIMPSE_MEDIA}');
      expect(host).toMatch(/^\$\{GLIMPSE_MEDIA:\?/); // no media folder set: compose refuses, saying so
    }
    const named = Object.keys(compose.volumes);
    for (const [service, path] of [
      ['server', '/data'],
      ['server', '/models'],
      ['postgres', '/var/lib/postgresql/data'],
      ['qdrant', '/qdrant/storage'],
    ] as const) {
      const v = (services[service].volumes as string[]).find((x) => x.endsWith(`:${path}`));
      expect(v, `${service} ${path}`).toBeDefined();
      expect(named).toContain(v!.split(':')[0]);
    }
  });

  it('has a health check on every service, and starts each after what it needs is healthy', () => {
    for (const [name, s] of Object.entries(services))
      if (name !== 'worker') expect(s.healthcheck?.test, name).toBeDefined(); // a worker serves nothing to check
    expect(services['server'].depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      qdrant: { condition: 'service_healthy' },
    });
    expect(services['web'].depends_on).toEqual({ server: { condition: 'service_healthy' } });
    expect(services['worker'].depends_on).toEqual({ server: { condition: 'service_healthy' } });
    // Qdrant's image has no curl: its check is bash and /dev/tcp, asking /readyz.
    for (const name of ['qdrant', ...NODES]) {
      const q = (services[name].healthcheck.test as string[]).join(' ');
      expect(q).toContain('/dev/tcp/127.0.0.1/6333');
      expect(q).toContain('GET /readyz');
      expect(q).not.toContain('curl');
    }
    for (const n of NODES.slice(1))
      expect(services[n].depends_on).toEqual({ 'qdrant-node-1': { condition: 'service_healthy' } });
  });

  it('the cluster profile: three Qdrant nodes in distributed mode, joined over the unpublished p2p port', () => {
    for (const [k, n] of NODES.entries()) {
      const s = services[n];
      expect(s.image).toBe(services['qdrant'].image);
      expect(s.environment).toMatchObject({
        QDRANT__CLUSTER__ENABLED: 'true',
        QDRANT__CLUSTER__P2P__PORT: '6335',
        QDRANT__SERVICE__API_KEY: services['qdrant'].environment.QDRANT__SERVICE__API_KEY,
      });
      const uri = ['--uri', `http://${n}:6335`];
      expect(s.command).toEqual(
        k === 0 ? ['./qdrant', ...uri] : ['./qdrant', '--bootstrap', 'http://qdrant-node-1:6335', ...uri],
      );
      expect(s.volumes).toEqual([`${n}:/qdrant/storage`]);
      expect(Object.keys(compose.volumes)).toContain(n);
    }
    // The server, given the cluster's settings from .env.example's comment, creates sharded, replicated collections.
    const env = services['server'].environment as Record<string, string>;
    const config = parseGlimpseConfig({
      ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v))])),
      GLIMPSE_QDRANT_URL: 'http://qdrant-node-1:6333',
      GLIMPSE_QDRANT_SHARDS: '3',
      GLIMPSE_QDRANT_REPLICATION: '2',
    });
    expect(config.qdrant).toMatchObject({ url: 'http://qdrant-node-1:6333', shards: 3, replication: 2 });
    for (const name of ['GLIMPSE_QDRANT_URL', 'GLIMPSE_QDRANT_SHARDS', 'GLIMPSE_QDRANT_REPLICATION'])
      expect(env[name]).toMatch(new RegExp(`^\\$\\{${name}:-`)); // .env decides
    expect(read('.env.example')).toMatch(/GLIMPSE_QDRANT_URL=http:\/\/qdrant-node-1:6333/);
  });

  it('trusts exactly the stack network, names only settings that exist, and gives the server valid settings', () => {
    const subnet = compose.networks.glimpse.ipam.config[0].subnet;
    const env = services['server'].environment as Record<string, string>;
    expect(env['GLIMPSE_TRUSTED_NETWORKS']).toBe(subnet);
    for (const s of Object.values(services)) expect(s.networks).toEqual(['glimpse']);
    for (const name of Object.keys(env)) expect(SETTINGS as readonly string[]).toContain(name);
    for (const name of Object.keys(services['worker'].environment))
      expect(SETTINGS as readonly string[]).toContain(name);
    const config = parseGlimpseConfig(
      Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v))])),
    );
    expect(config).toMatchObject({
      vectorStore: 'qdrant',
      qdrant: { url: 'http://qdrant:6333', apiKey: envExample['QDRANT_API_KEY'] },
      database: { kind: 'postgres' },
      dataDir: '/data',
      modelDir: '/models',
      server: { host: '0.0.0.0', port: 7788, trustedNetworks: [subnet] },
    });
  });

  it('.env.example lists every variable the compose file reads', () => {
    const used = new Set([...read('docker-compose.yml').matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]!));
    for (const name of used) expect(Object.keys(envExample), name).toContain(name);
  });

  const dockerCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
  if (dockerCompose.status !== 0)
    console.warn('skipping `docker-compose config -q`: docker-compose is not installed (apt install docker-compose)');
  it.skipIf(dockerCompose.status !== 0)(
    'validates with docker-compose config -q',
    () => {
      const env = { ...process.env, GLIMPSE_MEDIA: '/srv/media', QDRANT_API_KEY: 'test' };
      execFileSync('docker-compose', ['-f', `${root}docker-compose.yml`, 'config', '-q'], { env, stdio: 'pipe' });
      for (const profile of ['workers', 'qdrant-cluster'])
        execFileSync('docker-compose', ['-f', `${root}docker-compose.yml`, '--profile', profile, 'config', '-q'], {
          env,
          stdio: 'pipe',
        });
      const missing = spawnSync('docker-compose', ['-f', `${root}docker-compose.yml`, 'config', '-q'], {
        env: { PATH: process.env['PATH'], QDRANT_API_KEY: 'test' },
        encoding: 'utf8',
        cwd: '/',
      });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain('set GLIMPSE_MEDIA in .env to your media folder');
      const noKey = spawnSync('docker-compose', ['-f', `${root}docker-compose.yml`, 'config', '-q'], {
        env: { PATH: process.env['PATH'], GLIMPSE_MEDIA: '/srv/media' },
        encoding: 'utf8',
        cwd: '/',
      });
      expect(noKey.status).not.toBe(0);
      expect(noKey.stderr).toContain('set QDRANT_API_KEY in .env');
      // Five runs of docker-compose (a Python program, about a second each to start) beside the other unit tests on
      // 2 cores took over vitest's default 5 s once (the Node 22 run in CI).
    },
    60_000,
  );
});

describe('Dockerfile (the server image)', () => {
  const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  it('runs Node 20 on Debian slim with Debian ffmpeg, production dependencies only', () => {
    expect(final).toMatch(/^\nFROM node:20-bookworm-slim\n/);
    expect(final).toMatch(/apt-get install -y --no-install-recommends ffmpeg tini/);
    expect(final).toMatch(/npm ci --omit=dev/);
  });

  it('runs as a user that is not root, under an init process, with a health check', () => {
    const user = /^USER (\S+)$/m.exec(final)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(final).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"/m);
    expect(final).toMatch(/^HEALTHCHECK /m);
  });
});
