import type { MediaKind } from '@glimpse/core';

/** What a search needs of a point besides its vector: the table's row, as of the last time it was read. */
export interface PointMeta {
  readonly hash: string;
  readonly segment: number;
  readonly kind: MediaKind;
  /** Taken at, ms since the epoch. */
  readonly taken: number | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly frame: number | null;
  /** Every folder above the content's paths; empty for a released content (never shown). */
  readonly folders: readonly string[];
}

/**
 * The rows of a vector table that searches through the native index have read, by point id, so that the
 * candidates it proposes are kept or dropped without asking the table again (PGlite spends 30 µs a row). It is
 * never stale: a write drops the points it touches before it returns, and a read made while a write ran (`epoch`
 * moved) is not kept. A point missing here is read from the table.
 */
export class PointCache {
  private readonly byId = new Map<number, PointMeta>();
  private readonly byHash = new Map<string, number[]>();
  /** Moves at every write: what was read before it may be stale. */
  epoch = 0;

  get size(): number {
    return this.byId.size;
  }

  get(id: number): PointMeta | undefined {
    return this.byId.get(id);
  }

  /** Keeps rows read at `epoch`, unless a write has happened since. */
  keep(rows: readonly (readonly [number, PointMeta])[], epoch: number): void {
    if (epoch !== this.epoch) return;
    for (const [id, meta] of rows) {
      if (this.byId.has(id)) continue;
      this.byId.set(id, meta);
      const ids = this.byHash.get(meta.hash);
      if (ids) ids.push(id);
      else this.byHash.set(meta.hash, [id]);
    }
  }

  /** A write is about to touch these contents: their points are dropped, and reads in flight are not kept. */
  forget(hashes: readonly string[]): void {
    this.epoch++;
    for (const h of hashes) {
      for (const id of this.byHash.get(h) ?? []) this.byId.delete(id);
      this.byHash.delete(h);
    }
  }

  clear(): void {
    this.epoch++;
    this.byId.clear();
    this.byHash.clear();
  }
}
