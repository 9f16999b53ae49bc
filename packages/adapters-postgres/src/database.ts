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
}

/** Opens the database the config names and runs pending migrations. Throws a GlimpseError a person can act on. */
export async function openDatabase(config: PostgresConfig, options: OpenOptions = {}): Promise<GlimpseDatabase> {
  return config.kind === 'pglite' ? openPGlite(config.dataDir) : openPostgres(config.url, options);
}

async function openPGlite(dataDir: string): Promise<GlimpseDatabase> {
  const lock = DataDirLock.acquire(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(join(dataDir, 'pglite'), { extensions: { vector } });
  } catch (e) {
    lock.release();
    throw new GlimpseError('unavailable', `The embedded database in "${dataDir}" could not be opened: ${message(e)}`, {
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
  pool.on('error', () => undefined); // idle client errors surface on the next query instead of crashing the process
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

function message(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err?.code === 'ECONNREFUSED') return 'connection refused';
  if (err?.code === 'ENOTFOUND') return 'host not found';
  if (err?.code === '28P01') return 'password authentication failed';
  if (err?.code === '3D000') return 'the database does not exist';
  return err?.message || String(e);
}
