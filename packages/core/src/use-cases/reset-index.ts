import type { FileRepository } from '../ports/file-repository.js';
import type { VectorStore } from '../ports/vector-store.js';

/**
 * Deletes the file records and the vectors; the next scan rebuilds everything. Files first: if the process dies
 * between the two, the leftover vectors are orphans that the next scan's reconciliation removes.
 */
export async function resetIndex(files: FileRepository, vectors: VectorStore): Promise<void> {
  await files.reset();
  await vectors.reset();
}
