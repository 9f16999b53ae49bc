import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type GlimpseDatabase } from '@glimpse/adapters-postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, postgresServer } from './postgres-database.js';

/** What a test body gets from {@link onEachDatabase}, valid inside tests and hooks. */
export interface DatabaseUnderTest {
  /** "PGlite" or "PostgreSQL", for suite names. */
  readonly name: string;
  /** The open, migrated database. */
  db(): GlimpseDatabase;
  /**
   * Opens a second, independent connection to the same database (as a restarted process would), closed after the
   * suite; null for PGlite, which one process may open only once.
   */
  readonly reopen: (() => Promise<GlimpseDatabase>) | null;
}

/**
 * Declares `body` twice: on an embedded PGlite database in a temporary folder, and on a fresh database of the test
 * PostgreSQL server (skipped, with the reason printed, when there is none). One database per suite.
 */
export function onEachDatabase(body: (database: DatabaseUnderTest) => void): void {
  describe('on PGlite', () => {
    let dir: string;
    let database: GlimpseDatabase;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'glimpse-pglite-'));
      database = await openDatabase({ kind: 'pglite', dataDir: dir });
    });
    afterAll(async () => {
      await database?.close();
      await rm(dir, { recursive: true, force: true });
    });
    body({ name: 'PGlite', db: () => database, reopen: null });
  });

  const server = postgresServer();
  describe.skipIf(!server)('on a PostgreSQL server', () => {
    let database: GlimpseDatabase;
    let url: string;
    let drop: () => Promise<void>;
    const others: GlimpseDatabase[] = [];
    beforeAll(async () => {
      const created = await createDatabase(server!);
      drop = created.drop;
      url = created.url;
      database = await openDatabase({ kind: 'postgres', url });
    });
    afterAll(async () => {
      for (const other of others) await other.close();
      await database?.close();
      await drop?.();
    });
    body({
      name: 'PostgreSQL',
      db: () => database,
      reopen: async () => {
        const other = await openDatabase({ kind: 'postgres', url });
        others.push(other);
        return other;
      },
    });
  });
}
