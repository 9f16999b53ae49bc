import type { FileRepository } from '../ports/file-repository.js';
import type { VectorStore } from '../ports/vector-store.js';
import { chunks } from './concurrency.js';

/** Tells the vector store the current paths of these contents (for the folder filter). */
export async function syncVectorPaths(
  files: FileRepository,
  vectors: VectorStore,
  hashes: readonly string[],
): Promise<void> {
  for (const part of chunks(hashes, 1000)) {
    const rows = await files.findByContent(part);
    const paths = new Map<string, string[]>(part.map((h) => [h, []]));
    for (const f of rows) if (f.contentHash) paths.get(f.contentHash)?.push(f.path);
    await vectors.setPaths([...paths].map(([contentHash, p]) => ({ contentHash, paths: p })));
  }
}

/**
 * Deletes the vectors of released contents, then clears them from the repository's deletion queue. In that order:
 * if the process dies in between, the queue still names them and the next scan deletes them again (idempotent).
 */
export async function deleteReleasedVectors(
  files: FileRepository,
  vectors: VectorStore,
  hashes: readonly string[],
): Promise<void> {
  if (hashes.length === 0) return;
  await vectors.deleteContents(hashes);
  await files.apply({ clearVectorDeletions: hashes });
}

/**
 * Drops released contents (no file holds them) released at or before `releasedUntil`, and their vectors: the end
 * of their grace period, or all of them at once (`glimpse index prune`). Returns how many were dropped.
 */
export async function dropReleasedVectors(
  files: FileRepository,
  vectors: VectorStore,
  releasedUntil: Date,
): Promise<number> {
  let dropped = 0;
  for (;;) {
    const hashes = await files.dropReleased(releasedUntil, 1000);
    if (hashes.length === 0) return dropped;
    await deleteReleasedVectors(files, vectors, hashes);
    dropped += hashes.length;
  }
}
