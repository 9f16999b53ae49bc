import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { GlimpseError } from '@glimpse/core';
import type * as usearchTypes from 'usearch';
import { PointCache } from './point-cache.js';

/** Candidates by approximate cosine distance: point ids, nearest first. */
export interface AnnMatches {
  readonly ids: readonly number[];
  /** Their cosine distances (1 - cosine similarity), as exact as the vectors kept (32-bit floats). */
  readonly distances: readonly number[];
}

/**
 * A native approximate nearest-neighbour index (HNSW, USearch) over a vector table's points, keyed by their
 * `point_id`. It is a derived copy: the table is the truth. Candidates it finds are looked up in the table, which
 * drops the ones that are gone and computes their exact distance, so a point removed from the table but not yet
 * from the index is harmless; a point in the table but not in the index would be missed, so every point the table
 * gains is added here, and at open the points written after the file was saved are added again (`since`).
 */
export interface AnnIndex {
  /** Points indexed (removed ones may linger until the next rebuild; see above). */
  size(): number;
  add(ids: readonly number[], vectors: readonly Float32Array[]): void;
  remove(ids: readonly number[]): void;
  search(vector: Float32Array, k: number): AnnMatches;
  clear(): void;
  /** The highest point id covered by the file on disk (0 for none): the table's later points must be added. */
  readonly savedThrough: number;
  /** Writes the index to its file (atomically: a new file, renamed), covering points up to `through`. */
  save(through: number): void;
  /** Whether there are changes since the last save. */
  readonly dirty: boolean;
}

/** Where the indexes live and how they are opened; one per data directory. */
export interface AnnIndexOptions {
  /** The folder for the index files (created when needed). */
  readonly dir: string;
  /**
   * Map the file instead of reading it (a command that runs one search and ends): the few pages a search touches
   * are read, not the whole file. The first change reads it whole.
   */
  readonly mapped?: boolean;
  /**
   * Read every point's row into the cache in the background once an index opens (default true: a server, whose
   * filtered searches then need not ask the table). False for a command that scans or writes and ends: the cache
   * takes about 400 bytes a point (400 MB at a million) that nothing would use. A mapped index never warms.
   */
  readonly warm?: boolean;
}

type UsearchModule = typeof usearchTypes;
let usearch: UsearchModule | null | undefined;

/** USearch's native module, or null (with the reason) where it cannot load (no prebuilt binary for this platform). */
export function loadUsearch(): { module: UsearchModule } | { module: null; reason: string } {
  if (usearch === undefined) {
    try {
      usearch = createRequire(import.meta.url)('usearch') as UsearchModule;
    } catch (e) {
      usearch = null;
      loadError = (e as Error).message;
    }
  }
  return usearch ? { module: usearch } : { module: null, reason: loadError };
}
let loadError = '';

/** HNSW parameters: 16 links a node, 64 candidates while building (3.6k inserts/s, recall@20 0.998 in bench/), at
 * least 100 while searching (pgvector's ef). */
const CONNECTIVITY = 16;
const EXPANSION_ADD = 64;
const EXPANSION_SEARCH = 100;
/** The graph's parameters, as bench:ann-depth builds it too. */
export const ANN_PARAMETERS = {
  connectivity: CONNECTIVITY,
  expansion_add: EXPANSION_ADD,
  expansion_search: EXPANSION_SEARCH,
} as const;

/**
 * How deep a search walks the graph at least, by the index's size: the nearest few of a million points found
 * through a graph of 16 links a node need a deeper walk than of 100,000 (recall@20 at a million, clustered 512-d
 * points, bench:ann-depth: 0.72 asking for 68, 0.90 for 500, at 1.6 and 3.9 ms). One point in 2,000, at most 1,024.
 */
export function searchDepth(size: number, k: number): number {
  return Math.min(size, Math.max(k, Math.min(1024, Math.ceil(size / 2000))));
}

/**
 * Opens (or creates) the index of one vector table. Files are `<table>.<through>.usearch`: the number is the
 * highest point id the file covers, so a save is one atomic rename and a crash mid-save leaves the previous file.
 * Vectors are kept as 32-bit floats, so the distances it gives are exact: 2 KB a point of 512 dimensions.
 */
export function openAnnIndex(options: AnnIndexOptions, table: string, dimension: number): AnnIndex {
  const loaded = loadUsearch();
  if (!loaded.module) throw new GlimpseError('unavailable', `USearch cannot be loaded here: ${loaded.reason}`);
  const u = loaded.module;
  const make = () =>
    new u.Index({
      dimensions: dimension,
      metric: u.MetricKind.Cos,
      quantization: u.ScalarKind.F32,
      ...ANN_PARAMETERS,
      multi: false,
    });
  mkdirSync(options.dir, { recursive: true });
  const files = () =>
    readdirSync(options.dir)
      .map((f) => ({ f, m: new RegExp(`^${escape(table)}\\.(\\d+)\\.(\\d+)\\.usearch$`).exec(f) }))
      .filter((x) => x.m)
      .map((x) => ({ path: join(options.dir, x.f), through: Number(x.m![1]), bytes: Number(x.m![2]) }))
      .sort((a, b) => b.through - a.through);
  let index = make();
  let savedThrough = 0;
  let mapped = false;
  let path: string | null = null;
  for (const file of files()) {
    try {
      // USearch reads a file as it finds it (a damaged one can end the process): only a whole file of its own
      // format, of the size it was written with, is opened.
      if (!wholeFile(file.path, file.bytes)) throw new Error('not a whole index file');
      if (options.mapped) index.view(file.path);
      else index.load(file.path);
      if (index.dimensions() !== dimension) throw new Error(`${index.dimensions()} dimensions`);
      savedThrough = file.through;
      mapped = options.mapped === true;
      path = file.path;
      for (const other of files()) if (other.path !== file.path) removeQuietly(other.path);
      break;
    } catch {
      index = make(); // a damaged or foreign file: the next one, else the table rebuilds it
      removeQuietly(file.path);
    }
  }
  let dirty = false;
  // A mapped file cannot change: the first change reads it whole.
  const writable = () => {
    if (!mapped) return;
    const whole = make();
    whole.load(path!);
    index = whole;
    mapped = false;
  };
  return {
    size: () => index.size(),
    get savedThrough() {
      return savedThrough;
    },
    get dirty() {
      return dirty;
    },
    add(ids, vectors) {
      if (ids.length === 0) return;
      writable();
      const flat = new Float32Array(ids.length * dimension);
      vectors.forEach((v, i) => flat.set(v, i * dimension));
      for (let i = 0; i < flat.length; i++) if (!Number.isFinite(flat[i]!)) flat[i] = 0; // as the table stores it
      index.add(
        BigUint64Array.from(ids, (id) => BigInt(id)),
        flat,
      );
      dirty = true;
    },
    remove(ids) {
      if (ids.length === 0) return;
      writable();
      index.remove(BigUint64Array.from(ids, (id) => BigInt(id)));
      dirty = true;
    },
    search(vector, k) {
      if (index.size() === 0 || k <= 0) return { ids: [], distances: [] };
      const want = Math.min(k, index.size());
      const m = index.search(vector, searchDepth(index.size(), want), 1);
      const n = Math.min(want, m.keys.length);
      return {
        ids: Array.from(m.keys.subarray(0, n), (key) => Number(key)),
        distances: Array.from(m.distances.subarray(0, n)),
      };
    },
    clear() {
      index = make();
      mapped = false;
      dirty = true;
    },
    save(through) {
      if (!dirty && through === savedThrough) return;
      writable();
      const temp = join(options.dir, `${table}.${through}.${process.pid}.tmp`);
      index.save(temp);
      const target = join(options.dir, `${table}.${through}.${statSync(temp).size}.usearch`);
      renameSync(temp, target);
      for (const old of files()) if (old.path !== target) removeQuietly(old.path); // a mapped one may be held
      path = target;
      savedThrough = through;
      dirty = false;
    },
  };
}

/**
 * Whether a file is of the size it was saved with and of USearch's format: the vectors first (their count and
 * bytes each, then the rows), then the graph, which starts with the word "usearch".
 */
function wholeFile(path: string, bytes: number): boolean {
  if (statSync(path).size !== bytes || bytes < 64) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    const graphAt = 8 + head.readUInt32LE(0) * head.readUInt32LE(4);
    if (graphAt + 64 > bytes) return false;
    const word = Buffer.alloc(7);
    readSync(fd, word, 0, 7, graphAt);
    return word.toString('latin1') === 'usearch';
  } finally {
    closeSync(fd);
  }
}

/** One table's index, shared by every store opened on that table in this process. */
export interface AnnEntry {
  /** The index of the table as it is now (replaced when the table is dropped and made again). */
  readonly index: AnnIndex;
  /** The table's rows as searches have read them (see PointCache); replaced with the index. */
  readonly points: PointCache;
  /** Set when the indexes are closed: background work stops. */
  readonly closed: boolean;
  /** Writes in flight: a save waits for none, so the file never claims a point it lacks. */
  inFlight: number;
  /** The table's highest point id now (what a save may claim to cover when nothing is in flight). */
  readonly highestId: () => Promise<number>;
}

interface Entry extends AnnEntry {
  index: AnnIndex;
  points: PointCache;
  closed: boolean;
  identity: string;
}

/**
 * The native indexes of one data directory, one per vector table, saved every `saveEveryMs` while they have
 * changes and at close. Losing the last minute's changes to a crash costs nothing but time: the next open adds the
 * table's points newer than the file.
 */
export class AnnIndexes {
  private readonly entries = new Map<string, Promise<Entry>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly options: AnnIndexOptions,
    saveEveryMs = 60_000,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), saveEveryMs);
    this.timer.unref();
  }

  /**
   * The index of a table, opened and brought up to date by `prepare` on first use. `identity` tells one table of
   * that name from another (its oid): a table dropped and made again gets a new, empty index (and its files go),
   * which the stores opened before it share too.
   */
  async entry(
    table: string,
    identity: string,
    dimension: number,
    prepare: (index: AnnIndex) => Promise<void>,
    highestId: () => Promise<number>,
    warm: (entry: AnnEntry) => void,
  ): Promise<AnnEntry> {
    const open = async () => {
      // Files of another table of that name (dropped since) and saves a crash cut short take room for nothing.
      removeIndexFiles(this.options.dir, table, (f) => !f.startsWith(`${table}.${identity}.`) || f.endsWith('.tmp'));
      const index = openAnnIndex(this.options, `${table}.${identity}`, dimension);
      await prepare(index);
      return index;
    };
    const known = this.entries.get(table);
    const entry = known ? await known.catch(() => null) : null;
    if (entry && entry.identity === identity) return entry;
    const opening = (async (): Promise<Entry> => {
      const index = await open();
      if (!entry) {
        const made: Entry = { index, points: new PointCache(), closed: false, identity, inFlight: 0, highestId };
        if (!this.options.mapped && this.options.warm !== false) warm(made);
        return made;
      }
      // The table was dropped and made again: every store on it, old or new, gets the new index and an empty
      // cache; what was written to the new table while its index was built is added again.
      entry.identity = identity;
      entry.points.clear();
      entry.points = new PointCache();
      entry.index = index;
      await prepare(index);
      return entry;
    })();
    this.entries.set(table, opening);
    opening.catch(() => {
      if (this.entries.get(table) === opening) {
        if (known) this.entries.set(table, known);
        else this.entries.delete(table);
      }
    });
    return opening;
  }

  /** Drops every cached row (after the table was repaired behind the stores' backs). */
  async forgetCached(): Promise<void> {
    for (const e of this.entries.values()) (await e.catch(() => null))?.points.clear();
  }

  /** Saves every index with changes and no write in flight; one that cannot be saved is saved at the next try. */
  async flush(): Promise<void> {
    for (const e of this.entries.values()) {
      const entry = await e.catch(() => null);
      if (!entry || !entry.index.dirty || entry.inFlight > 0) continue;
      try {
        const through = await entry.highestId();
        if (entry.inFlight === 0) entry.index.save(through);
      } catch {
        // The table is gone (dropped with the index) or the disk is full: the file keeps what it covers, and the
        // next open adds the rest from the table.
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const e of this.entries.values()) {
      const entry = await e.catch(() => null);
      if (entry) entry.closed = true;
    }
    await this.flush();
  }
}

function removeIndexFiles(dir: string, table: string, which: (file: string) => boolean): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (f.startsWith(`${table}.`) && which(f)) removeQuietly(join(dir, f));
}

/** Removes a file; one that cannot go now (held open elsewhere, on Windows) goes at a later open. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    /* later */
  }
}
