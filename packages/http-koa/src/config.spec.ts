import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseGlimpseConfig } from './config.js';

describe('parseGlimpseConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glimpse-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('needs nothing: the embedded database, localhost:7788, the default model', () => {
    const c = parseGlimpseConfig({ HOME: '/home/me' });
    expect(c.database).toEqual({ kind: 'pglite', dataDir: expect.stringMatching(/glimpse$/) });
    expect(c.server).toMatchObject({ host: '127.0.0.1', port: DEFAULT_PORT, trustedNetworks: [], allowedHosts: [] });
    expect(c.cacheDir).toBe(join(c.dataDir!, 'previews'));
    expect(c.configFile).toBeNull();
    expect(c.previews).toBe(true);
  });

  it('embeds from the previews files carry unless GLIMPSE_PREVIEWS is off', () => {
    expect(parseGlimpseConfig({ HOME: '/home/me', GLIMPSE_PREVIEWS: 'off' }).previews).toBe(false);
    expect(parseGlimpseConfig({ HOME: '/home/me', GLIMPSE_PREVIEWS: 'ON' }).previews).toBe(true);
    expect(() => parseGlimpseConfig({ HOME: '/home/me', GLIMPSE_PREVIEWS: 'maybe' })).toThrow(
      'GLIMPSE_PREVIEWS must be "on" or "off" (got "maybe")',
    );
  });

  it('reads a config file (camelCase or GLIMPSE_ names); the environment and the command line win over it', async () => {
    const file = join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({
        dataDir: '/srv/glimpse',
        port: 9000,
        GLIMPSE_MODEL: 'from-file',
        trustedNetworks: ['172.18.0.0/16'],
      }),
    );
    const c = parseGlimpseConfig({ GLIMPSE_CONFIG: file, GLIMPSE_MODEL: 'from-env' }, { GLIMPSE_PORT: '9100' });
    expect(c.dataDir).toBe('/srv/glimpse');
    expect(c.model).toBe('from-env');
    expect(c.server.port).toBe(9100);
    expect(c.server.trustedNetworks).toEqual(['172.18.0.0/16']);
    expect(c.configFile).toBe(file);
  });

  it('finds ~/.config/glimpse/config.json by itself', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ port: 9001 }));
    const home = join(dir, 'home');
    await mkdir(join(home, '.config', 'glimpse'), { recursive: true });
    await writeFile(join(home, '.config', 'glimpse', 'config.json'), JSON.stringify({ port: 9002 }));
    expect(parseGlimpseConfig({ HOME: home }).server.port).toBe(9002);
  });

  it('lists every problem at once, from the environment and the file', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ colour: 'red', port: 'eighty' }));
    let message = '';
    try {
      parseGlimpseConfig({
        GLIMPSE_CONFIG: file,
        GLIMPSE_DATA_DIR: 'relative',
        GLIMPSE_VECTOR_STORE: 'milvus',
        GLIMPSE_QDRANT_URL: 'qdrant:6333',
        GLIMPSE_TRUSTED_NETWORKS: 'everyone',
        GLIMPSE_MAX_UPLOAD_MB: '0',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const part of [
      'unknown setting "colour"',
      'GLIMPSE_PORT must be a port number',
      'GLIMPSE_DATA_DIR',
      'GLIMPSE_VECTOR_STORE must be "pgvector" or "qdrant" (got "milvus")',
      'GLIMPSE_QDRANT_URL must be an http(s) URL like http://qdrant:6333 (got "qdrant:6333")',
      'GLIMPSE_TRUSTED_NETWORKS must list IPv4 networks',
      'GLIMPSE_MAX_UPLOAD_MB',
    ])
      expect(message).toContain(part);
    await writeFile(file, '{ not json');
    expect(() => parseGlimpseConfig({ GLIMPSE_CONFIG: file })).toThrow(/could not be read as JSON/);
  });
});
