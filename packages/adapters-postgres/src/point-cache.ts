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

/** Points in the sample that estimates a filter's share: 4,096 give it within about 0.7 points of a 5% share. */
const SAMPLE_SIZE = 4096;

/**
 * The rows of a vector table that searches through the native index have read, by point id, so that the
 * candidates it proposes are kept or dropped without asking the table again (PGlite spends 30 µs a row). It is
 * never stale: a write drops the points it touches before it returns, and a read made while a write ran (`epoch`
 * moved) is not kept. A point missing here is read from the table.
 */
export class PointCache {
  private readonly byId = new Map<number, PointMeta>();
  private readonly byHash = new Map<string, number[]>();
  /**
   * A uniform sample of the points kept (a reservoir of up to SAMPLE_SIZE), to estimate the share of points a filter
   * keeps without testing every point. Points forgotten since may linger in it: it is an estimate, never an answer.
   */
  private sample: PointMeta[] = [];
  private kept = 0;
  /** The reservoir's own generator (xorshift32), seeded: the same writes give the same sample, run after run. */
  private seed = 0x9e3779b9;
  /** Moves at every write: what was read before it may be stale. */
  epoch = 0;

  get size(): number {
    return this.byId.size;
  }

  get(id: number): PointMeta | undefined {
    return this.byId.get(id);
  }

  /**
   * Set once every row of the table has been read in (the warm-up of a server): from then on, the sample is of
   * the table's rows (and of what writes add), not of what searches happened to read.
   */
  warmed = false;

  /**
   * Keeps rows read at `epoch`, unless a write has happened since. `sample`: the rows are the table's in order (the
   * warm-up) or what a write added, so they go into the sample too; rows a search read do not (then the estimate,
   * and so a search's answer, would depend on the searches before it).
   */
  keep(rows: readonly (readonly [number, PointMeta])[], epoch: number, sample = false): void {
    if (epoch !== this.epoch) return;
    for (const [id, meta] of rows) {
      // A row a search read first is sampled when the warm-up reaches it.
      if (sample) this.sampled(meta);
      if (this.byId.has(id)) continue;
      this.byId.set(id, meta);
      const ids = this.byHash.get(meta.hash);
      if (ids) ids.push(id);
      else this.byHash.set(meta.hash, [id]);
    }
  }

  /**
   * The share of the points that pass a test, estimated from the sample; null before the warm-up has read every
   * row, or while the sample is too small to say (fewer than 500 points).
   */
  share(passes: (p: PointMeta) => boolean): number | null {
    if (!this.warmed || this.sample.length < 500) return null;
    let n = 0;
    for (const p of this.sample) if (passes(p)) n++;
    return n / this.sample.length;
  }

  private sampled(meta: PointMeta): void {
    this.kept++;
    if (this.sample.length < SAMPLE_SIZE) {
      this.sample.push(meta);
      return;
    }
    this.seed ^= this.seed << 13;
    this.seed ^= this.seed >>> 17;
    this.seed ^= this.seed << 5;
    const j = (this.seed >>> 0) % this.kept;
    if (j < SAMPLE_SIZE) this.sample[j] = meta;
  }

  /** A write is about to touch these contents: their points are dropped, and reads in flight are not kept. */
  forget(hashes: readonly string[]): void {
    this.epoch++;
    for (const h of hashes) {
      for (const id of this.byHash.get(h) ?? []) this.byId.delete(id);
      this.byHash.delete(h);
    }
  }

  /** Drops every row; `empty`: the table has just been emptied, so the (empty) cache holds all of it. */
  clear(empty = false): void {
    this.epoch++;
    this.byId.clear();
    this.byHash.clear();
    this.sample = [];
    this.kept = 0;
    this.warmed = empty;
    this.seed = 0x9e3779b9;
  }
}
