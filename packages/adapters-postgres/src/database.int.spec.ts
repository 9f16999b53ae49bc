import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlimpseError } from '@glimpse/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresServer } from '../../../test-support/postgres-database.js';
import { openDatabase } from './database.js';

const child = fileURLToPath(new URL('./pglite-child.fixture.ts', import.meta.url));

/** Runs the fixture in a new Node process; resolves with its JSON line and exit code (or on the first line). */
function runChild(
  dataDir: string,
  action: string,
  untilFirstLine = false,
): Promise<{ out: Record<string, unknown>; code: number | null; kill: () => void }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--conditions=@glimpse/source', '--import', 'tsx', child, dataDir, action], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (untilFirstLine && buf.includes('\n'))
        resolve({ out: JSON.parse(buf.split('\n')[0]!), code: null, kill: () => p.kill('SIGKILL') });
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      const line = buf.trim().split('\n').pop() ?? '{}';
      resolve({ out: JSON.parse(line), code, kill: () => undefined });
    });
  });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-db-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the embedded PGlite database', () => {
  it('keeps what was written after close, when reopened by a new process', async () => {
    const w = await runChild(dir, 'write');
    expect(w.code).toBe(0);
    const r = await runChild(dir, 'read');
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({
      files: [{ path: '/photos/a.jpg', size: 42, mtimeNs: '1700000000123456000', contentHash: 'h1', status: 'ok' }],
      stats: { files: 1, contents: 1, indexedContents: 1 },
    });
  });

  it('refuses a second process with a clear "already in use" error, and is fine once the first has gone', async () => {
    const holder = await runChild(dir, 'hold', true);
    try {
      expect(holder.out).toEqual({ holding: true });
      const second = await runChild(dir, 'read');
      expect(second.code).toBe(3);
      expect(second.out.kind).toBe('conflict');
      expect(String(second.out.error)).toMatch(/already in use by another Glimpse process \(pid \d+/);
      const inProcess = await openDatabase({ kind: 'pglite', dataDir: dir }).catch((e: unknown) => e);
      expect(GlimpseError.is(inProcess, 'conflict')).toBe(true);
    } finally {
      holder.kill(); // killed without releasing its lock: the lock is now stale
    }
    await new Promise((r) => setTimeout(r, 200));
    const after = await runChild(dir, 'read');
    expect(after.code).toBe(0);
  });

  it('says so when the data directory cannot be written', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    const err = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'a-file', 'glimpse') }).catch(
      (e: unknown) => e,
    );
    expect(GlimpseError.is(err, 'unavailable')).toBe(true);
    expect((err as Error).message).toMatch(/cannot be created or written \(ENOTDIR\).*GLIMPSE_DATA_DIR/);
  });
});

describe('a Postgres server', () => {
  it('that is unreachable gives a message naming the redacted URL', async () => {
    const err = await openDatabase(
      { kind: 'postgres', url: 'postgres://me:secret@127.0.0.1:1/glimpse' },
      { connectTimeoutMs: 2000 },
    ).catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'unavailable')).toBe(true);
    expect((err as Error).message).toMatch(
      /Cannot reach the Postgres server at postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/glimpse: connection refused/,
    );
    expect((err as Error).message).not.toContain('secret');
  });

  const server = postgresServer();
  it.skipIf(!server)('with a wrong password or database says which', async () => {
    const url = new URL(server!);
    url.password = 'wrong';
    const e1 = await openDatabase({ kind: 'postgres', url: url.toString() }).catch((e: unknown) => e);
    expect((e1 as Error).message).toMatch(/password authentication failed/);
    const url2 = new URL(server!);
    url2.pathname = '/no_such_db';
    const e2 = await openDatabase({ kind: 'postgres', url: url2.toString() }).catch((e: unknown) => e);
    expect((e2 as Error).message).toMatch(/the database does not exist/);
  });
});
