import { isUnder } from '../domain/paths.js';
import { assertDimension, compareRanked, compareSegments, dot } from '../domain/vectors.js';
import type {
  ContentHit,
  ContentPage,
  StoredPoint,
  VectorFilter,
  VectorPoint,
  VectorQuery,
  VectorStore,
} from '../ports/vector-store.js';

/** Exact (brute-force) VectorStore in memory, for core unit tests and as the recall baseline. */
export class InMemoryVectorStore implements VectorStore {
  private readonly points = new Map<string, VectorPoint[]>();
  private readonly paths = new Map<string, readonly string[]>();

  constructor(
    readonly modelId: string,
    readonly dimension: number,
  ) {}

  async upsert(points: readonly VectorPoint[]): Promise<void> {
    assertDimension(
      points.map((p) => p.vector),
      this.dimension,
    );
    const byContent = new Map<string, VectorPoint[]>();
    for (const p of points) byContent.set(p.contentHash, [...(byContent.get(p.contentHash) ?? []), p]);
    for (const [hash, list] of byContent) {
      const bySegment = new Map(list.map((p) => [p.segment, { ...p, vector: Float32Array.from(p.vector) }]));
      this.points.set(
        hash,
        [...bySegment.values()].sort((a, b) => a.segment - b.segment),
      );
      this.paths.set(hash, [...list[list.length - 1]!.paths]);
    }
  }

  async setPaths(updates: readonly { contentHash: string; paths: readonly string[] }[]): Promise<void> {
    for (const u of updates) if (this.points.has(u.contentHash)) this.paths.set(u.contentHash, [...u.paths]);
  }

  async deleteContents(hashes: readonly string[]): Promise<void> {
    for (const h of hashes) {
      this.points.delete(h);
      this.paths.delete(h);
    }
  }

  async hasContents(hashes: readonly string[]): Promise<Set<string>> {
    return new Set(hashes.filter((h) => this.points.has(h)));
  }

  async vectorsOf(contentHash: string): Promise<Float32Array[]> {
    return (this.points.get(contentHash) ?? []).map((p) => Float32Array.from(p.vector));
  }

  async pointsOf(hashes: readonly string[]): Promise<StoredPoint[]> {
    return [...new Set(hashes)]
      .sort()
      .flatMap((h) => this.points.get(h) ?? [])
      .map(({ paths: _paths, ...p }) => ({ ...p, vector: Float32Array.from(p.vector) }));
  }

  async search(query: VectorQuery): Promise<ContentHit[]> {
    assertDimension([query.vector], this.dimension, 'query');
    const hits: ContentHit[] = [];
    for (const [hash, pts] of this.points) {
      if (!this.matches(hash, pts[0]!, query.filter)) continue;
      const segments = pts
        .map((p) => ({
          segment: p.segment,
          score: dot(p.vector, query.vector),
          startSec: p.startSec,
          endSec: p.endSec,
          frameSec: p.frameSec,
        }))
        .sort(compareSegments);
      hits.push({ contentHash: hash, kind: pts[0]!.kind, score: segments[0]!.score, segments });
    }
    hits.sort(compareRanked);
    const offset = query.offset ?? 0;
    return hits.slice(offset, offset + query.limit);
  }

  private matches(hash: string, p: VectorPoint, f: VectorFilter | undefined): boolean {
    if ((this.paths.get(hash) ?? []).length === 0) return false; // released: no file holds it now
    if (!f) return true;
    if (f.kind && p.kind !== f.kind) return false;
    if (f.takenFrom || f.takenTo) {
      if (!p.takenAt) return false;
      if (f.takenFrom && p.takenAt < f.takenFrom) return false;
      if (f.takenTo && p.takenAt > f.takenTo) return false;
    }
    if (f.folder && !(this.paths.get(hash) ?? []).some((path) => isUnder(path, f.folder!))) return false;
    if (f.excludeContents?.includes(hash)) return false;
    if (f.onlyContents && !f.onlyContents.includes(hash)) return false;
    return true;
  }

  async listContents(cursor: string | null, limit: number): Promise<ContentPage> {
    const hashes = [...this.points.keys()]
      .filter((h) => cursor === null || h > cursor)
      .sort()
      .slice(0, limit + 1);
    const more = hashes.length > limit;
    const page = hashes.slice(0, limit);
    return { hashes: page, next: more ? page[page.length - 1]! : null };
  }

  async count(): Promise<{ points: number; contents: number }> {
    let points = 0;
    for (const list of this.points.values()) points += list.length;
    return { points, contents: this.points.size };
  }

  async reset(): Promise<void> {
    this.points.clear();
    this.paths.clear();
  }
}
