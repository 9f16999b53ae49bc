import { createHash } from 'node:crypto';
import {
  ancestorsOf,
  assertDimension,
  compareRanked,
  compareSegments,
  rankScore,
  GlimpseError,
  type ContentHit,
  type ContentPage,
  type StoredPoint,
  type MediaKind,
  type SegmentHit,
  type VectorFilter,
  type VectorPoint,
  type VectorQuery,
  type VectorSpaceInfo,
  type VectorSpaces,
  type VectorStore,
} from '@glimpse/core';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from './schema.js';

export interface PgVectorOptions {
  /** HNSW candidate list size at query time (recall vs speed); at least the number of rows asked for. Default 100. */
  readonly efSearch?: number;
  /** Stores of at most this many points are searched exactly, without the index (faster when small). Default 5000. */
  readonly exactBelow?: number;
}

/** How deep the index is asked for contents: the smallest tier that covers a page (see search). */
const TIERS = [64, 256, 1024, 4096, 11_000];
/** Lists of contents up to this long (a camera, a place) are searched exactly, through the primary key. */
const EXACT_LIST = 20_000;

interface Row {
  content_hash: string;
  segment: number;
  kind: string;
  start_sec: number | null;
  end_sec: number | null;
  frame_sec: number | null;
  distance: number;
}

/**
 * VectorStore on pgvector: one table per (model id, dimension), cosine distance with an HNSW index, filters (kind,
 * date range, folder via a GIN-indexed array of the content's folders) inside the query with pgvector's iterative
 * index scan so a selective filter still fills the page, and results grouped by content.
 */
export class PgVectorStore implements VectorStore {
  private constructor(
    private readonly db: Kysely<Schema>,
    readonly modelId: string,
    readonly dimension: number,
    private readonly table: string,
    private readonly efSearch: number,
    private readonly exactBelow: number,
  ) {}

  private counted: { points: number; at: number } | null = null;

  /** Opens (creating if needed) the vector table of a model. Throws `unavailable` when pgvector is missing. */
  static async open(
    db: Kysely<Schema>,
    modelId: string,
    dimension: number,
    options: PgVectorOptions = {},
  ): Promise<PgVectorStore> {
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > 16000) {
      throw new GlimpseError('invalid-input', `vector dimension ${dimension} is not supported (1..16000)`);
    }
    try {
      await sql`create extension if not exists vector`.execute(db);
    } catch (e) {
      throw new GlimpseError(
        'unavailable',
        'The Postgres server has no pgvector extension, which the pgvector store needs. Install pgvector on the ' +
          'server (the pgvector/pgvector Docker images have it), or choose another vector store.',
        { cause: e },
      );
    }
    const table = tableName(modelId, dimension);
    const t = sql.table(table);
    await db.transaction().execute(async (trx) => {
      await sql`
        create table if not exists ${t} (
          content_hash text collate "C" not null,
          segment integer not null,
          embedding vector(${sql.lit(dimension)}) not null,
          kind text not null,
          taken_at timestamptz,
          start_sec real,
          end_sec real,
          frame_sec real,
          folders text[] not null default '{}',
          primary key (content_hash, segment)
        )`.execute(trx);
      await sql`create index if not exists ${sql.id(`${table}_hnsw`)} on ${t} using hnsw (embedding vector_cosine_ops)`.execute(
        trx,
      );
      await sql`create index if not exists ${sql.id(`${table}_folders`)} on ${t} using gin (folders)`.execute(trx);
      await trx
        .insertInto('vector_spaces')
        .values({ model_id: modelId, dimension, table_name: table })
        .onConflict((oc) => oc.columns(['model_id', 'dimension']).doNothing())
        .execute();
    });
    return new PgVectorStore(db, modelId, dimension, table, options.efSearch ?? 100, options.exactBelow ?? 5000);
  }

  private get t() {
    return sql.table(this.table);
  }

  async upsert(points: readonly VectorPoint[]): Promise<void> {
    assertDimension(
      points.map((p) => p.vector),
      this.dimension,
    );
    if (points.length === 0) return;
    const hashes = [...new Set(points.map((p) => p.contentHash))];
    await this.db.transaction().execute(async (trx) => {
      await sql`delete from ${this.t} where content_hash = any(${hashes}::text[])`.execute(trx);
      for (let i = 0; i < points.length; i += 500) {
        const rows = points
          .slice(i, i + 500)
          .map(
            (p) =>
              sql`(${p.contentHash}, ${p.segment}, ${vectorLiteral(p.vector)}::vector, ${p.kind}, ${p.takenAt}, ${p.startSec}, ${p.endSec}, ${p.frameSec}, ${foldersOf(p.paths)}::text[])`,
          );
        await sql`
          insert into ${this.t} (content_hash, segment, embedding, kind, taken_at, start_sec, end_sec, frame_sec, folders)
          values ${sql.join(rows)}
          on conflict (content_hash, segment) do update set
            embedding = excluded.embedding, kind = excluded.kind, taken_at = excluded.taken_at,
            start_sec = excluded.start_sec, end_sec = excluded.end_sec, frame_sec = excluded.frame_sec,
            folders = excluded.folders`.execute(trx);
      }
    });
  }

  async setPaths(updates: readonly { contentHash: string; paths: readonly string[] }[]): Promise<void> {
    if (updates.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const u of updates) {
        await sql`update ${this.t} set folders = ${foldersOf(u.paths)}::text[] where content_hash = ${u.contentHash}`.execute(
          trx,
        );
      }
    });
  }

  async deleteContents(hashes: readonly string[]): Promise<void> {
    if (hashes.length === 0) return;
    await sql`delete from ${this.t} where content_hash = any(${[...hashes]}::text[])`.execute(this.db);
  }

  async hasContents(hashes: readonly string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const r = await sql<{ content_hash: string }>`
      select distinct content_hash from ${this.t} where content_hash = any(${[...hashes]}::text[])`.execute(this.db);
    return new Set(r.rows.map((x) => x.content_hash));
  }

  async vectorsOf(contentHash: string): Promise<Float32Array[]> {
    const r = await sql<{ v: string }>`
      select embedding::text as v from ${this.t} where content_hash = ${contentHash} order by segment`.execute(this.db);
    return r.rows.map((x) => Float32Array.from(JSON.parse(x.v) as number[]));
  }

  async pointsOf(hashes: readonly string[]): Promise<StoredPoint[]> {
    if (hashes.length === 0) return [];
    const r = await sql<{
      content_hash: string;
      segment: number;
      v: string;
      kind: string;
      taken_at: Date | null;
      start_sec: number | null;
      end_sec: number | null;
      frame_sec: number | null;
    }>`
      select content_hash, segment, embedding::text as v, kind, taken_at, start_sec, end_sec, frame_sec
      from ${this.t} where content_hash = any(${[...hashes]}::text[]) order by content_hash, segment`.execute(this.db);
    return r.rows.map((x) => ({
      contentHash: x.content_hash,
      segment: x.segment,
      vector: Float32Array.from(JSON.parse(x.v) as number[]),
      kind: x.kind as MediaKind,
      takenAt: x.taken_at === null ? null : new Date(x.taken_at),
      startSec: x.start_sec,
      endSec: x.end_sec,
      frameSec: x.frame_sec,
    }));
  }

  async search(query: VectorQuery): Promise<ContentHit[]> {
    assertDimension([query.vector], this.dimension, 'query');
    try {
      return await this.searchOnce(query);
    } catch (e) {
      if (GlimpseError.is(e)) throw e;
      throw new GlimpseError(
        'unavailable',
        `The vector index of ${this.modelId} cannot be searched (${(e as Error).message}). Run glimpse index verify ` +
          'to see what is wrong, and glimpse index verify --repair to rebuild it (nothing is embedded again).',
        { cause: e },
      );
    }
  }

  private async searchOnce(query: VectorQuery): Promise<ContentHit[]> {
    const offset = query.offset ?? 0;
    const wanted = offset + query.limit;
    const where = this.filterSql(query.filter);
    const q = vectorLiteral(query.vector);
    if (query.filter?.onlyContents?.length === 0) return [];
    // A short list of contents (a camera, a place) is ranked exactly, through the primary key: cheaper than
    // walking the graph for the few it holds.
    const few = (query.filter?.onlyContents?.length ?? Infinity) <= EXACT_LIST;
    if (few || (await this.approximatePoints()) <= this.exactBelow) {
      return (await this.best(q, where, wanted, 'exact')).slice(offset, wanted);
    }
    // Pages must not repeat or lose a content: the index is asked for the best `tier` contents, the smallest tier
    // that covers the page, so every page within a tier is a slice of the same list (the same query on the same
    // index gives the same answer). A deeper tier only appends contents not already listed by a shallower one.
    const list: ContentHit[] = [];
    const listed = new Set<string>();
    for (const tier of TIERS) {
      const hits = await this.best(q, where, Math.max(tier, query.limit), 'index');
      for (const h of hits) {
        if (listed.has(h.contentHash)) continue;
        listed.add(h.contentHash);
        list.push(h);
      }
      if (list.length >= wanted || hits.length < tier) break;
    }
    return list.slice(offset, wanted);
  }

  /**
   * The best `wanted` contents, ranked exactly (pgvector's distances of the rows found). Asks for more rows than
   * contents (a video has several segments) and widens until enough contents are found or no more rows match; a
   * tie at the cut widens too, so equal scores are ordered by hash over all of them. Through the HNSW index, an
   * iterative scan that runs dry before the page is full (a selective filter can reach pgvector's scan cap) falls
   * back to an exact scan, cheap because few rows match.
   */
  private async best(
    q: string,
    where: RawBuilder<unknown>,
    wanted: number,
    first: 'index' | 'exact',
  ): Promise<ContentHit[]> {
    let mode = first;
    for (let rows = wanted * 2 + 20; ;) {
      const result = await this.nearest(q, where, rows, mode);
      const hits = group(result);
      const capped = result.length === rows;
      if (mode === 'index' && largestTie(hits) >= DEGENERATE_TIE) {
        // Many equal scores: an HNSW graph over equal vectors does not reach all of them, and which ones a page
        // got would depend on the graph. Such a query is answered exactly.
        mode = 'exact';
        continue;
      }
      if (hits.length >= wanted && !(capped && tieReachesEnd(hits[wanted - 1]!, result))) return hits.slice(0, wanted);
      if (!capped) {
        if (mode === 'index') {
          mode = 'exact';
          continue;
        }
        return hits;
      }
      rows *= 4;
    }
  }

  /** The number of points, re-counted at most every 10 s: it picks an exact scan for a small store. */
  private async approximatePoints(): Promise<number> {
    const now = Date.now();
    if (this.counted && now - this.counted.at < 10_000) return this.counted.points;
    const points = (await this.count()).points;
    this.counted = { points, at: now };
    return points;
  }

  private async nearest(q: string, where: RawBuilder<unknown>, rows: number, mode: 'index' | 'exact'): Promise<Row[]> {
    return this.db.transaction().execute(async (trx) => {
      const set = (name: string, value: string) => sql`select set_config(${name}, ${value}, true)`.execute(trx);
      if (mode === 'index') {
        await set('hnsw.ef_search', String(Math.min(1000, Math.max(this.efSearch, rows))));
        await set('hnsw.iterative_scan', 'relaxed_order');
        // Without this the planner prefers an exact scan for any filter (pgvector cannot estimate the index's
        // cost under a filter), which is 70-140 ms at 100k vectors of 512 dimensions on PGlite.
        await set('enable_seqscan', 'off');
        await set('enable_bitmapscan', 'off');
      } else {
        await set('enable_indexscan', 'off');
      }
      const r = await sql<Row>`
        select content_hash, segment, kind, start_sec, end_sec, frame_sec, embedding <=> ${q}::vector as distance
        from ${this.t} ${where}
        order by embedding <=> ${q}::vector
        limit ${rows}`.execute(trx);
      return r.rows;
    });
  }

  private filterSql(f: VectorFilter | undefined): RawBuilder<unknown> {
    // Released contents (no file holds them; vectors kept for the grace period) have no folders and never show.
    const parts: RawBuilder<unknown>[] = [sql`folders <> '{}'::text[]`];
    if (f?.kind) parts.push(sql`kind = ${f.kind}`);
    if (f?.takenFrom) parts.push(sql`taken_at >= ${f.takenFrom}`);
    if (f?.takenTo) parts.push(sql`taken_at <= ${f.takenTo}`);
    if (f?.folder) parts.push(sql`folders @> ${[f.folder]}::text[]`);
    if (f?.excludeContents?.length) parts.push(sql`not (content_hash = any(${[...f.excludeContents]}::text[]))`);
    if (f?.onlyContents) parts.push(sql`content_hash = any(${[...f.onlyContents]}::text[])`);
    return sql`where ${sql.join(parts, sql` and `)}`;
  }

  /** Pages in hash order; the cursor is the last hash of the page before. */
  async listContents(cursor: string | null, limit: number): Promise<ContentPage> {
    const r = await sql<{ content_hash: string }>`
      select distinct content_hash from ${this.t}
      ${cursor === null ? sql`` : sql`where content_hash > ${cursor}`}
      order by content_hash limit ${limit + 1}`.execute(this.db);
    const hashes = r.rows.slice(0, limit).map((x) => x.content_hash);
    return { hashes, next: r.rows.length > limit ? hashes[hashes.length - 1]! : null };
  }

  async count(): Promise<{ points: number; contents: number }> {
    const r = await sql<{ points: string | bigint; contents: string | bigint }>`
      select count(*) as points, count(distinct content_hash) as contents from ${this.t}`.execute(this.db);
    return { points: Number(r.rows[0]!.points), contents: Number(r.rows[0]!.contents) };
  }

  async reset(): Promise<void> {
    await sql`truncate ${this.t}`.execute(this.db);
  }
}

/** Every model's pgvector table, as registered in `vector_spaces` by {@link PgVectorStore.open}. */
export class PgVectorSpaces implements VectorSpaces {
  constructor(private readonly db: Kysely<Schema>) {}

  async list(): Promise<VectorSpaceInfo[]> {
    const spaces = await this.db
      .selectFrom('vector_spaces')
      .select(['model_id', 'dimension', 'table_name'])
      .orderBy('model_id')
      .orderBy('dimension')
      .execute();
    const out: VectorSpaceInfo[] = [];
    for (const s of spaces) {
      const r = await sql<{ points: string | bigint; contents: string | bigint }>`
        select count(*) as points, count(distinct content_hash) as contents from ${sql.table(s.table_name)}`.execute(
        this.db,
      );
      out.push({
        modelId: s.model_id,
        dimension: s.dimension,
        points: Number(r.rows[0]!.points),
        contents: Number(r.rows[0]!.contents),
      });
    }
    return out;
  }

  /** Drops every vector table of every model, in one transaction. */
  async dropAll(): Promise<void> {
    const spaces = await this.db.selectFrom('vector_spaces').select('table_name').execute();
    await this.db.transaction().execute(async (trx) => {
      for (const s of spaces) await sql`drop table if exists ${sql.table(s.table_name)}`.execute(trx);
      await trx.deleteFrom('vector_spaces').execute();
    });
  }
}

/** `vectors_<model slug>_<dimension>`, at most 63 bytes; a hash keeps distinct model ids apart when the slug is lossy. */
export function tableName(modelId: string, dimension: number): string {
  const slug = modelId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const digest = createHash('sha256').update(modelId).digest('hex').slice(0, 8);
  return `vectors_${slug.slice(0, 36)}_${digest}_${dimension}`;
}

function vectorLiteral(v: Float32Array): string {
  let s = '[';
  for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + (Number.isFinite(v[i]!) ? v[i]! : 0);
  return `${s}]`;
}

/** Every folder holding one of the paths (what the folder filter matches). */
function foldersOf(paths: readonly string[]): string[] {
  return [...new Set(paths.flatMap((p) => ancestorsOf(p)))];
}

function group(rows: readonly Row[]): ContentHit[] {
  const byContent = new Map<string, { kind: MediaKind; segments: SegmentHit[] }>();
  for (const r of rows) {
    const seg: SegmentHit = {
      segment: r.segment,
      score: 1 - Number(r.distance),
      startSec: r.start_sec,
      endSec: r.end_sec,
      frameSec: r.frame_sec,
    };
    const entry = byContent.get(r.content_hash);
    if (entry) entry.segments.push(seg);
    else byContent.set(r.content_hash, { kind: r.kind as MediaKind, segments: [seg] });
  }
  const hits = [...byContent].map(([contentHash, e]) => {
    const segments = e.segments.sort(compareSegments);
    return { contentHash, kind: e.kind, score: segments[0]!.score, segments };
  });
  return hits.sort(compareRanked);
}

/** This many contents of one score among the hits make a query degenerate for the index (see `best`). */
const DEGENERATE_TIE = 8;

/** The size of the largest group of hits that score the same at ranking precision (hits are ranked). */
function largestTie(hits: readonly ContentHit[]): number {
  let largest = 0;
  for (let i = 0, run = 0; i < hits.length; i++) {
    run = i > 0 && rankScore(hits[i]!.score) === rankScore(hits[i - 1]!.score) ? run + 1 : 1;
    largest = Math.max(largest, run);
  }
  return largest;
}

/**
 * Whether the last content wanted ties (at ranking precision) with the last row fetched: then rows beyond the
 * limit may tie too, and one with a smaller hash would rank before it, so more rows must be read.
 */
function tieReachesEnd(last: ContentHit, rows: readonly Row[]): boolean {
  let farthest = 0;
  for (const r of rows) farthest = Math.max(farthest, Number(r.distance)); // relaxed order: not always the last
  return rankScore(1 - farthest) === rankScore(last.score);
}
