import { createHash } from 'node:crypto';
import type { Schemas } from '@qdrant/js-client-rest';
import {
  ancestorsOf,
  assertDimension,
  compareRanked,
  compareSegments,
  GlimpseError,
  rankScore,
  type ContentHit,
  type ContentPage,
  type MediaKind,
  type SegmentHit,
  type StoredPoint,
  type VectorFilter,
  type VectorPoint,
  type VectorQuery,
  type VectorSpaceInfo,
  type VectorSpaces,
  type VectorStore,
} from '@glimpse/core';
import { httpFailure, pointId, type QdrantConnection } from './qdrant-connection.js';

/** The payload of every point. `head` marks one point per content (its lowest segment), for counting and listing. */
interface PointPayload {
  content_hash: string;
  segment: number;
  kind: MediaKind;
  taken_at: string | null;
  folders: string[];
  start_sec: number | null;
  end_sec: number | null;
  frame_sec: number | null;
  head: boolean;
}

/** Every filtered field has a payload index, created with the collection. */
const PAYLOAD_INDEXES: readonly [keyof PointPayload, Schemas['PayloadSchemaType']][] = [
  ['content_hash', 'keyword'],
  ['kind', 'keyword'],
  ['folders', 'keyword'],
  ['taken_at', 'datetime'],
  ['head', 'bool'],
];

/** How deep Qdrant is asked for contents: the smallest tier that covers a page, so pages slice one list. */
const TIERS = [64, 256, 1024, 4096];
/** Matching segments returned per content. */
const GROUP_SIZE = 16;
/** Payload updates per request. */
const WRITE_CHUNK = 256;
/** About this many bytes of JSON per request that writes points. */
const WRITE_BYTES = 8 * 1024 * 1024;

/**
 * VectorStore on Qdrant: one collection per (model id, dimension), cosine, point ids derived from (content hash,
 * model id, segment) so every write is idempotent; filters (kind, date range, folder, excluded contents, released)
 * inside the query; results grouped by content hash with Qdrant's query groups.
 *
 * A write is several requests (Qdrant has no transactions): the points, the content's `head` point last, then
 * the deletion of points it replaces. Two processes writing the same content at once could leave it without a
 * head (it then looks absent and is embedded again); Glimpse writes with one scan at a time per index.
 */
export class QdrantVectorStore implements VectorStore {
  private constructor(
    private readonly q: QdrantConnection,
    readonly modelId: string,
    readonly dimension: number,
    readonly collection: string,
  ) {}

  /**
   * The store of a model. Nothing is asked of Qdrant yet: the collection (with its payload indexes) is created on
   * first use, and a first use that fails (Qdrant down) is tried again by the next, so a process started before
   * Qdrant answers works once it does.
   */
  static open(q: QdrantConnection, modelId: string, dimension: number): QdrantVectorStore {
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > 65536)
      throw new GlimpseError('invalid-input', `vector dimension ${dimension} is not supported (1..65536)`);
    return new QdrantVectorStore(q, modelId, dimension, collectionName(q.config.collectionPrefix, modelId, dimension));
  }

  private prepared: Promise<void> | null = null;

  /** The collection, created if needed; once it exists this costs nothing. */
  private ready(): Promise<void> {
    this.prepared ??= this.ensureCollection().catch((e: unknown) => {
      this.prepared = null;
      throw e;
    });
    return this.prepared;
  }

  private async ensureCollection(): Promise<void> {
    const { client, config } = this.q;
    const { exists } = await this.q.call('look up a collection', () => client.collectionExists(this.collection));
    if (!exists) {
      try {
        await client.createCollection(this.collection, {
          vectors: { size: this.dimension, distance: 'Cosine', on_disk: config.onDisk },
          ...(config.quantization === 'scalar'
            ? { quantization_config: { scalar: { type: 'int8', quantile: 0.99, always_ram: true } } }
            : {}),
          on_disk_payload: config.onDisk,
          // In a cluster: split across the nodes, each shard kept on `replication` of them.
          shard_number: config.shards,
          replication_factor: config.replication,
          write_consistency_factor: config.writeConsistency,
        });
      } catch (e) {
        // Another process may have created it at the same moment; anything else is a real failure.
        const again = await this.q.call('look up a collection', () => client.collectionExists(this.collection));
        if (!again.exists) throw this.q.explain(`create the collection ${this.collection}`, e);
      }
    }
    for (const [field_name, field_schema] of PAYLOAD_INDEXES) {
      // Creating an index that exists is accepted by Qdrant (it answers with the existing one).
      await this.q.call(`index the payload field ${field_name}`, () =>
        client.createPayloadIndex(this.collection, { field_name, field_schema, wait: true }),
      );
    }
    await new QdrantVectorSpaces(this.q).register(this.modelId, this.dimension, this.collection);
  }

  /**
   * One request to this store's collection, after the collection is ready. A collection deleted under it (a reset
   * from another process) is created again, once.
   */
  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    await this.ready();
    try {
      return await this.q.call(what, request);
    } catch (e) {
      if (httpFailure(e)?.status !== 404) throw e;
      this.prepared = null;
      await this.ready();
      return this.q.call(what, request);
    }
  }

  private id(contentHash: string, segment: number): string {
    return pointId(contentHash, this.modelId, segment);
  }

  async upsert(points: readonly VectorPoint[]): Promise<void> {
    assertDimension(
      points.map((p) => p.vector),
      this.dimension,
    );
    if (points.length === 0) return;
    const head = new Map<string, number>();
    for (const p of points) head.set(p.contentHash, Math.min(head.get(p.contentHash) ?? p.segment, p.segment));
    const structs: Schemas['PointStruct'][] = points.map((p) => ({
      id: this.id(p.contentHash, p.segment),
      // Nine significant digits read back as the same float32, at half the JSON of a double's 17.
      vector: Array.from(p.vector, (x) => (Number.isFinite(x) ? +x.toPrecision(9) : 0)),
      payload: {
        content_hash: p.contentHash,
        segment: p.segment,
        kind: p.kind,
        taken_at: p.takenAt ? p.takenAt.toISOString() : null,
        folders: foldersOf(p.paths),
        start_sec: p.startSec,
        end_sec: p.endSec,
        frame_sec: p.frameSec,
        head: head.get(p.contentHash) === p.segment,
      } satisfies PointPayload,
    }));
    // Requests stay well under Qdrant's 32 MB limit (a long video alone is a thousand points), and the points
    // that mark a content as present (`head`) are written last: a write cut short leaves a content without its
    // head, which looks absent (so it is embedded again), never one that looks present with segments missing.
    const heads = new Set(
      points.filter((p) => head.get(p.contentHash) === p.segment).map((p) => this.id(p.contentHash, p.segment)),
    );
    const ordered = [
      ...structs.filter((x) => !heads.has(String(x.id))),
      ...structs.filter((x) => heads.has(String(x.id))),
    ];
    const perRequest = Math.max(1, Math.floor(WRITE_BYTES / (this.dimension * 12 + 400)));
    for (let i = 0; i < ordered.length; i += perRequest) {
      const chunk = ordered.slice(i, i + perRequest);
      await this.call(`write ${chunk.length} vectors`, () =>
        this.q.client.upsert(this.collection, { points: chunk, wait: true }),
      );
    }
    // Then the earlier points of these contents that this call does not name (a video re-embedded with fewer
    // segments). New points first: a crash in between leaves stale extras, which the next write removes.
    await this.call('delete replaced vectors', () =>
      this.q.client.delete(this.collection, {
        wait: true,
        filter: {
          must: [{ key: 'content_hash', match: { any: [...head.keys()] } }],
          must_not: [{ has_id: structs.map((x) => x.id) }],
        },
      }),
    );
  }

  async setPaths(updates: readonly { contentHash: string; paths: readonly string[] }[]): Promise<void> {
    for (let i = 0; i < updates.length; i += WRITE_CHUNK) {
      const operations: Schemas['UpdateOperation'][] = updates.slice(i, i + WRITE_CHUNK).map((u) => ({
        set_payload: {
          payload: { folders: foldersOf(u.paths) },
          filter: { must: [{ key: 'content_hash', match: { value: u.contentHash } }] },
        },
      }));
      await this.call('record where contents are', () =>
        this.q.client.batchUpdate(this.collection, { operations, wait: true }),
      );
    }
  }

  async deleteContents(hashes: readonly string[]): Promise<void> {
    for (let i = 0; i < hashes.length; i += 1000) {
      const any = hashes.slice(i, i + 1000);
      await this.call(`delete the vectors of ${any.length} items`, () =>
        this.q.client.delete(this.collection, {
          filter: { must: [{ key: 'content_hash', match: { any } }] },
          wait: true,
        }),
      );
    }
  }

  async hasContents(hashes: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < hashes.length; i += 1000) {
      const any = hashes.slice(i, i + 1000);
      const r = await this.call('look up contents', () =>
        this.q.client.scroll(this.collection, {
          filter: {
            must: [
              { key: 'head', match: { value: true } },
              { key: 'content_hash', match: { any } },
            ],
          },
          limit: any.length * 2,
          with_payload: ['content_hash'],
          with_vector: false,
        }),
      );
      for (const p of r.points) found.add(payloadOf(p.payload).content_hash);
    }
    return found;
  }

  async vectorsOf(contentHash: string): Promise<Float32Array[]> {
    const r = await this.call('read the vectors of a content', () =>
      this.q.client.scroll(this.collection, {
        filter: { must: [{ key: 'content_hash', match: { value: contentHash } }] },
        limit: 100_000,
        with_payload: ['segment'],
        with_vector: true,
      }),
    );
    return r.points
      .map((p) => ({ segment: payloadOf(p.payload).segment, vector: plainVector(p.vector) }))
      .sort((a, b) => a.segment - b.segment)
      .map((x) => x.vector);
  }

  async pointsOf(hashes: readonly string[]): Promise<StoredPoint[]> {
    const out: StoredPoint[] = [];
    for (let i = 0; i < hashes.length; i += 256) {
      const any = hashes.slice(i, i + 256);
      for (let offset: Schemas['ExtendedPointId'] | null = null; ;) {
        const r = await this.call('read vectors', () =>
          this.q.client.scroll(this.collection, {
            filter: { must: [{ key: 'content_hash', match: { any } }] },
            limit: 1000,
            ...(offset === null ? {} : { offset }),
            with_payload: true,
            with_vector: true,
          }),
        );
        for (const p of r.points) {
          const x = payloadOf(p.payload);
          out.push({
            contentHash: x.content_hash,
            segment: x.segment,
            vector: plainVector(p.vector),
            kind: x.kind,
            takenAt: x.taken_at === null ? null : new Date(x.taken_at),
            startSec: x.start_sec,
            endSec: x.end_sec,
            frameSec: x.frame_sec,
          });
        }
        const next = r.next_page_offset;
        if (typeof next !== 'string' && typeof next !== 'number') break;
        offset = next;
      }
    }
    return out.sort((a, b) =>
      a.contentHash < b.contentHash ? -1 : a.contentHash > b.contentHash ? 1 : a.segment - b.segment,
    );
  }

  /**
   * Two steps. First the ranking: groups of one point (each content's best), which Qdrant fills in one pass;
   * every page within a tier is a slice of the same answer, and a tie at the cut widens the request, so equal
   * scores are ordered by hash over all of them, as on every store. Then the page's contents' best segments,
   * asked for those contents only (asking for many points per group in the ranking would make Qdrant search
   * again and again for groups that images, one point each, never fill).
   */
  async search(query: VectorQuery): Promise<ContentHit[]> {
    assertDimension([query.vector], this.dimension, 'query');
    const offset = query.offset ?? 0;
    const wanted = offset + query.limit;
    const vector = Array.from(query.vector);
    const filter = searchFilter(query.filter);
    const params = this.q.config.quantization === 'scalar' ? { params: { quantization: { rescore: true } } } : {};
    let page: ContentHit[];
    for (let asked = TIERS.find((t) => t >= wanted) ?? wanted; ; asked *= 4) {
      const r = await this.call('search', () =>
        this.q.client.queryGroups(this.collection, {
          query: vector,
          filter,
          group_by: 'content_hash',
          group_size: 1,
          limit: asked,
          with_payload: ['content_hash', 'segment', 'kind', 'start_sec', 'end_sec', 'frame_sec'],
          with_vector: false,
          ...params,
        }),
      );
      const hits = r.groups.map(toHit).sort(compareRanked);
      const done =
        r.groups.length < asked ||
        hits.length < wanted ||
        rankScore(hits[hits.length - 1]!.score) !== rankScore(hits[wanted - 1]!.score);
      if (done) {
        page = hits.slice(offset, wanted);
        break;
      }
    }
    const videos = page.filter((h) => h.kind === 'video').map((h) => h.contentHash);
    if (videos.length === 0) return page;
    const r = await this.call('search the moments of videos', () =>
      this.q.client.queryGroups(this.collection, {
        query: vector,
        filter: { must: [{ key: 'content_hash', match: { any: videos } }] },
        group_by: 'content_hash',
        group_size: GROUP_SIZE,
        limit: videos.length,
        with_payload: ['content_hash', 'segment', 'kind', 'start_sec', 'end_sec', 'frame_sec'],
        with_vector: false,
        ...params,
      }),
    );
    const moments = new Map(r.groups.map((g) => [String(g.id), toHit(g).segments]));
    return page.map((h) => ({ ...h, segments: moments.get(h.contentHash) ?? h.segments }));
  }

  /** Pages in Qdrant's point id order over one point per content; the cursor is the next point's id. */
  async listContents(cursor: string | null, limit: number): Promise<ContentPage> {
    const r = await this.call('list contents', () =>
      this.q.client.scroll(this.collection, {
        filter: { must: [{ key: 'head', match: { value: true } }] },
        limit,
        ...(cursor === null ? {} : { offset: cursor }),
        with_payload: ['content_hash'],
        with_vector: false,
      }),
    );
    const next = r.next_page_offset;
    return {
      hashes: r.points.map((p) => payloadOf(p.payload).content_hash),
      next: typeof next === 'string' || typeof next === 'number' ? String(next) : null,
    };
  }

  async count(): Promise<{ points: number; contents: number }> {
    const [points, contents] = await Promise.all([
      this.call('count vectors', () => this.q.client.count(this.collection, { exact: true })),
      this.call('count contents', () =>
        this.q.client.count(this.collection, {
          exact: true,
          filter: { must: [{ key: 'head', match: { value: true } }] },
        }),
      ),
    ]);
    return { points: points.count, contents: contents.count };
  }

  async reset(): Promise<void> {
    await this.call(
      'empty a collection',
      () => this.q.client.delete(this.collection, { filter: {}, wait: true }), // an empty filter matches every point
    );
  }
}

/** Every model's collection, as registered (with its model id and dimension) in `<prefix>_spaces`. */
export class QdrantVectorSpaces implements VectorSpaces {
  constructor(private readonly q: QdrantConnection) {}

  private get registry(): string {
    return `${this.q.config.collectionPrefix}_spaces`;
  }

  /** Records a model's collection; idempotent. */
  async register(modelId: string, dimension: number, collection: string): Promise<void> {
    const { client } = this.q;
    const { exists } = await this.q.call('look up the list of models', () => client.collectionExists(this.registry));
    if (!exists) {
      try {
        await client.createCollection(this.registry, {
          vectors: { size: 1, distance: 'Dot' },
          // A few points: one shard, kept on as many nodes as the vectors are, so it survives what they survive.
          shard_number: 1,
          replication_factor: this.q.config.replication,
          write_consistency_factor: this.q.config.writeConsistency,
        });
      } catch (e) {
        const again = await this.q.call('look up the list of models', () => client.collectionExists(this.registry));
        if (!again.exists) throw this.q.explain('create the list of models', e);
      }
    }
    await this.q.call('record a model', () =>
      client.upsert(this.registry, {
        wait: true,
        points: [
          { id: pointId('space', collection), vector: [1], payload: { model_id: modelId, dimension, collection } },
        ],
      }),
    );
  }

  private async registered(): Promise<{ modelId: string; dimension: number; collection: string }[]> {
    const { client } = this.q;
    const { exists } = await this.q.call('look up the list of models', () => client.collectionExists(this.registry));
    if (!exists) return [];
    const r = await this.q.call('read the list of models', () =>
      client.scroll(this.registry, { limit: 10_000, with_payload: true, with_vector: false }),
    );
    return r.points
      .map((p) => {
        const v = (p.payload ?? {}) as { model_id?: unknown; dimension?: unknown; collection?: unknown };
        return { modelId: String(v.model_id), dimension: Number(v.dimension), collection: String(v.collection) };
      })
      .sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : a.dimension - b.dimension));
  }

  async list(): Promise<VectorSpaceInfo[]> {
    const out: VectorSpaceInfo[] = [];
    for (const s of await this.registered()) {
      const { exists } = await this.q.call('look up a collection', () => this.q.client.collectionExists(s.collection));
      if (!exists) continue;
      const [points, contents] = await Promise.all([
        this.q.call('count vectors', () => this.q.client.count(s.collection, { exact: true })),
        this.q.call('count contents', () =>
          this.q.client.count(s.collection, {
            exact: true,
            filter: { must: [{ key: 'head', match: { value: true } }] },
          }),
        ),
      ]);
      out.push({ modelId: s.modelId, dimension: s.dimension, points: points.count, contents: contents.count });
    }
    return out;
  }

  async dropAll(): Promise<void> {
    for (const s of await this.registered()) {
      await this.q.call(`delete the collection ${s.collection}`, () => this.q.client.deleteCollection(s.collection));
    }
    const { exists } = await this.q.call('look up the list of models', () =>
      this.q.client.collectionExists(this.registry),
    );
    if (exists) await this.q.call('delete the list of models', () => this.q.client.deleteCollection(this.registry));
  }
}

/** `<prefix>_<model slug>_<digest>_<dimension>`: a hash keeps distinct model ids apart when the slug is lossy. */
export function collectionName(prefix: string, modelId: string, dimension: number): string {
  const slug = modelId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const digest = createHash('sha256').update(modelId).digest('hex').slice(0, 8);
  return `${prefix}_${slug.slice(0, 60)}_${digest}_${dimension}`;
}

/** The conditions of a search: never a released content (no folders), then the query's filter. */
export function searchFilter(f: VectorFilter | undefined): Schemas['Filter'] {
  const must: Schemas['Condition'][] = [];
  const must_not: Schemas['Condition'][] = [{ is_empty: { key: 'folders' } }];
  if (f?.kind) must.push({ key: 'kind', match: { value: f.kind } });
  if (f?.takenFrom || f?.takenTo)
    must.push({
      key: 'taken_at',
      range: {
        ...(f.takenFrom ? { gte: f.takenFrom.toISOString() } : {}),
        ...(f.takenTo ? { lte: f.takenTo.toISOString() } : {}),
      },
    });
  if (f?.folder) must.push({ key: 'folders', match: { value: f.folder } });
  if (f?.excludeContents?.length) must_not.push({ key: 'content_hash', match: { any: [...f.excludeContents] } });
  if (f?.onlyContents) must.push({ key: 'content_hash', match: { any: [...f.onlyContents] } });
  return { must, must_not };
}

/** Every folder holding one of the paths (what the folder filter matches). */
function foldersOf(paths: readonly string[]): string[] {
  return [...new Set(paths.flatMap((p) => ancestorsOf(p)))];
}

function payloadOf(payload: Schemas['Payload'] | null | undefined): PointPayload {
  return (payload ?? {}) as unknown as PointPayload;
}

function plainVector(v: Schemas['ScoredPoint']['vector'] | Schemas['Record']['vector']): Float32Array {
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return Float32Array.from(v as number[]);
  throw new GlimpseError('unavailable', 'Qdrant returned a vector in an unexpected shape (not one dense vector)');
}

function toHit(g: Schemas['PointGroup']): ContentHit {
  const segments: SegmentHit[] = g.hits
    .map((h) => {
      const p = payloadOf(h.payload);
      return { segment: p.segment, score: h.score, startSec: p.start_sec, endSec: p.end_sec, frameSec: p.frame_sec };
    })
    .sort(compareSegments);
  const kind = payloadOf(g.hits[0]?.payload).kind;
  return { contentHash: String(g.id), kind, score: segments[0]!.score, segments };
}
