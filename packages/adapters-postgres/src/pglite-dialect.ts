import type { PGlite } from '@electric-sql/pglite';
import { laneOfCaller, type DatabaseLane } from './database-lanes.js';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * A kysely dialect for PGlite (Postgres in WebAssembly, in-process). PGlite has one connection, so the driver
 * hands it out to one holder at a time: a transaction keeps it until commit or rollback, and other queries wait.
 * Waiting is fair between two lanes: when queries of both wait, foreground ones (searches) and background ones
 * (scans, marked with {@link inBackgroundLane}) take turns, one query or transaction each; within a lane, first
 * come first served. So a scan keeps making progress under any number of searches, and searches keep being
 * answered during a scan. The connection passes on at the next turn of the event loop (see handOver).
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private busy = false;
  private readonly waiting: Record<DatabaseLane, (() => void)[]> = { foreground: [], background: [] };
  private lastServed: DatabaseLane = 'foreground';

  constructor(pglite: PGlite) {
    this.connection = new PGliteConnection(pglite);
    this.connection.release = () => this.handOver();
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.busy) {
      this.busy = true;
      return this.connection;
    }
    const lane = laneOfCaller();
    await new Promise<void>((resolve) => this.waiting[lane].push(resolve));
    return this.connection;
  }

  /** Gives the connection to the next waiter: the other lane's, when both have some. */
  private handOver(): void {
    const other: DatabaseLane = this.lastServed === 'foreground' ? 'background' : 'foreground';
    const lane = this.waiting[other].length > 0 ? other : this.lastServed;
    const next = this.waiting[lane].shift();
    if (!next) {
      this.busy = false;
      return;
    }
    this.lastServed = lane;
    // On the next turn of the event loop, not at once: PGlite answers without ever leaving the microtask queue, so
    // a connection passed straight on would run every waiting query in one chain, and nothing else (a file read,
    // an incoming request) would run until none was left: 50 clients searching stopped a reindex dead this way.
    setImmediate(next);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release();
  }

  async destroy(): Promise<void> {}
}

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => {};

  constructor(private readonly pglite: PGlite) {}

  /**
   * Parameters given as bytes go to Postgres as they are, in its binary format (as node-postgres sends a Buffer),
   * whatever their type: a vector of 512 dimensions in pgvector's binary form is read 7x faster than as text.
   * PGlite would otherwise turn them into text with its serializer for the parameter's type.
   */
  private readonly binary = new Proxy({} as Record<number | string, (v: unknown) => unknown>, {
    get: (_, oid) => (v: unknown) => {
      if (ArrayBuffer.isView(v)) return v;
      const own = this.pglite.serializers[oid as string];
      return own ? own(v) : String(v);
    },
  });

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const params = [...compiled.parameters];
    const result = await this.pglite.query<R>(
      compiled.sql,
      params,
      params.some((p) => ArrayBuffer.isView(p)) ? { serializers: this.binary as never } : undefined,
    );
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}
