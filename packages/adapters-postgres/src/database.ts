import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { GlimpseError } from '@glimpse/core';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { redactUrl, type PostgresConfig } from './config.js';
import { DataDirLock } from './data-dir-lock.js';
import { migrate } from './migrations.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Schema } from './schema.js';

/** An open, migrated Glimpse database: a Postgres server or the embedded PGlite one. */
export interface GlimpseDatabase extends AsyncDisposable {
  readonly db: Kysely<Schema>;
  readonly kind: 'postgres' | 'pglite';
  /** Where it lives, for messages (a redacted URL or a folder). */
  readonly location: string;
  /** Resolves when the database answers a trivial query; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Milliseconds to wait for a Postgres server to answer. Default 5000. */
  readonly connectTimeoutMs?: number;
  /**
   * Repair what keeps an embedded database from opening when that is safe (a lost PG_VERSION file, restored from
   * the copy each database folder keeps); without it such damage is an error that says so. Default false.
   */
  readonly repair?: boolean;
  /** Told what was repaired. */
  readonly onRepair?: (what: string) => void;
  /** Told when an idle connection to a Postgres server breaks (the next query opens a new one). */
  readonly onWarning?: (message: string) => void;
  /**
   * The embedded database's page cache (Postgres' shared_buffers) in MB. Default 128, for a server that answers
   * many searches; a command that runs one query starts faster with 16 (about 0.3 s and 130 MB less here).
   */
  readonly cacheMegabytes?: number;
}

/** Opens the database the config names and runs pending migrations. Throws a GlimpseError a person can act on. */
export async function openDatabase(config: PostgresConfig, options: OpenOptions = {}): Promise<GlimpseDatabase> {
  return config.kind === 'pglite' ? openPGlite(config.dataDir, options) : openPostgres(config.url, options);
}

async function openPGlite(dataDir: string, options: OpenOptions): Promise<GlimpseDatabase> {
  const lock = DataDirLock.acquire(dataDir);
  let pglite: PGlite;
  try {
    checkExisting(join(dataDir, 'pglite'), options);
    await checkRoomToCreate(dataDir);
    pglite = await PGlite.create(join(dataDir, 'pglite'), {
      extensions: { vector },
      // bytea arrives as hex text; PGlite's own parser makes a number of each pair of digits (a stored vector, read
      // back with vector_send, is 2 KB). Node's hex decoder reads it at once.
      parsers: { 17: (hex: string) => Buffer.from(hex.slice(2), 'hex') },
      ...(options.cacheMegabytes
        ? {
            startParams: [
              ...PGlite.defaultStartParams,
              '-c',
              `shared_buffers=${Math.max(1, Math.round(options.cacheMegabytes))}MB`,
            ],
          }
        : {}),
    });
  } catch (e) {
    lock.release();
    if (GlimpseError.is(e)) throw e;
    const why = message(e);
    if (/Aborted\(\)|RuntimeError|unreachable|failed to initialize/.test(why)) {
      throw new GlimpseError(
        'unavailable',
        `The embedded database in "${dataDir}" is damaged and cannot be opened (PGlite stopped: ${why.split('.')[0]}). ` +
          `Your photos and videos are not affected. Restore "${dataDir}" from a backup, or move its pglite folder ` +
          'away and run glimpse scan to build the index again.',
        { cause: e },
      );
    }
    throw new GlimpseError('unavailable', `The embedded database in "${dataDir}" could not be opened: ${why}`, {
      cause: e,
    });
  }
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite) });
  const close = async () => {
    await db.destroy();
    await pglite.close();
    lock.release();
  };
  try {
    await migrate(db as Kysely<unknown>);
  } catch (e) {
    await close();
    throw e;
  }
  return { db, kind: 'pglite', location: dataDir, ping: () => ping(db), close, [Symbol.asyncDispose]: close };
}

async function openPostgres(url: string, options: OpenOptions): Promise<GlimpseDatabase> {
  const location = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
  });
  // An idle connection that breaks (the server restarted) must not end the process: the pool replaces it on the
  // next query; the owner is told.
  pool.on('error', (e) =>
    options.onWarning?.(
      `A connection to the Postgres server at ${location} broke (${e.message}); it is replaced on the next query.`,
    ),
  );
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const close = async () => {
    await db.destroy();
  };
  try {
    await sql`select 1`.execute(db);
  } catch (e) {
    await close();
    throw new GlimpseError(
      'unavailable',
      `Cannot reach the Postgres server at ${location}: ${message(e)}. Is it running, and is GLIMPSE_DATABASE_URL right?`,
      { cause: e },
    );
  }
  try {
    await migrate(db as Kysely<unknown>);
  } catch (e) {
    await close();
    throw e;
  }
  return { db, kind: 'postgres', location, ping: () => ping(db), close, [Symbol.asyncDispose]: close };
}

async function ping(db: Kysely<Schema>): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * A folder that holds database files but not the marker Postgres starts from (PG_VERSION) would be taken for an
 * empty one and silently replaced by a new database: refused, or, with `repair`, the marker restored from the copy
 * that each database folder keeps.
 */
function checkExisting(dir: string, options: OpenOptions): void {
  if (!existsSync(dir) || readdirSync(dir).length === 0 || existsSync(join(dir, 'PG_VERSION'))) return;
  const copy = join(dir, 'base', '1', 'PG_VERSION');
  if (options.repair && existsSync(copy)) {
    copyFileSync(copy, join(dir, 'PG_VERSION'));
    options.onRepair?.(`restored ${join(dir, 'PG_VERSION')} from ${copy}`);
    return;
  }
  throw new GlimpseError(
    'unavailable',
    `The embedded database in "${dir}" looks damaged: its file PG_VERSION is missing, so it would be taken for an ` +
      'empty folder and replaced by a new, empty index. Nothing was changed. ' +
      (existsSync(copy)
        ? 'Run glimpse index verify --repair to restore that file, or restore the folder from a backup.'
        : 'Restore the folder from a backup, or move it away and run glimpse scan to build the index again.'),
  );
}

/** A new embedded database takes about 40 MB; on a disk with less room, say so instead of failing inside it. */
async function checkRoomToCreate(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'pglite', 'PG_VERSION'))) return;
  const s = await statfs(dataDir).catch(() => null);
  if (!s) return;
  const free = Number(s.bavail) * Number(s.bsize);
  if (free < NEW_DATABASE_BYTES) {
    throw new GlimpseError(
      'unavailable',
      `The disk holding the data directory "${dataDir}" is full (${Math.floor(free / 1024 / 1024)} MB free; a new ` +
        `index needs about ${NEW_DATABASE_BYTES / 1024 / 1024} MB). Free some space, or set GLIMPSE_DATA_DIR (--data-dir) ` +
        'to a folder on another disk.',
    );
  }
}

const NEW_DATABASE_BYTES = 96 * 1024 * 1024;

function message(e: unknown): string {
  if (e === null || e === undefined) return 'no reason given';
  if (typeof e !== 'object') return String(e);
  const err = e as { code?: string; message?: string };
  if (err?.code === 'ECONNREFUSED') return 'connection refused';
  if (err?.code === 'ENOTFOUND') return 'host not found';
  if (err?.code === '28P01') return 'password authentication failed';
  if (err?.code === '3D000') return 'the database does not exist';
  if (err.message) return err.message;
  const text = JSON.stringify(e);
  return text && text !== '{}' ? text.slice(0, 300) : Object.prototype.toString.call(e);
}
