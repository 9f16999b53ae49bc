import {
  pendingContent,
  type Content,
  type FileRepository,
  type FileWrite,
  type Scope,
  type VectorPoint,
  type VectorStore,
} from '@glimpse/core';
import { NodeMediaSource } from '@glimpse/core/node';
import { axisVector } from '@glimpse/core/testing';

/**
 * Fills a repository and a vector store as a completed first scan of `scope` would leave them, without reading
 * file contents (the generated files are sparse and terabytes in apparent size): each file gets its own content,
 * indexed for `vectors.modelId`, with one synthetic vector.
 */
export async function seedIndex(scope: Scope, files: FileRepository, vectors: VectorStore): Promise<number> {
  await using source = new NodeMediaSource({ batchSize: 5000 });
  let n = 0;
  for (const root of scope.roots) {
    for await (const batch of source.walk(scope, root)) {
      const contents: Content[] = [];
      const writes: FileWrite[] = [];
      const points: VectorPoint[] = [];
      for (const e of batch.entries) {
        if (e.type !== 'file') continue;
        const hash = `seed${String(n++).padStart(10, '0')}`;
        contents.push({ ...pendingContent(hash, e.kind), status: 'indexed', modelId: vectors.modelId, segments: 1 });
        writes.push({
          path: e.path,
          size: e.size,
          mtimeNs: e.mtimeNs,
          kind: e.kind,
          contentHash: hash,
          status: 'ok',
          error: null,
        });
        points.push({
          contentHash: hash,
          segment: 0,
          vector: axisVector(vectors.dimension, n),
          kind: e.kind,
          takenAt: null,
          startSec: e.kind === 'video' ? 0 : null,
          endSec: e.kind === 'video' ? 1 : null,
          frameSec: e.kind === 'video' ? 0 : null,
          paths: [e.path],
        });
      }
      await files.apply({ contents, files: writes });
      await vectors.upsert(points);
    }
  }
  return n;
}
