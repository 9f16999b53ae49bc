import type { FileRepository } from '../ports/file-repository.js';
import type { VectorSpaces } from '../ports/vector-spaces.js';

/**
 * Deletes the whole index: every file record and content, and the vectors of every model (released ones too);
 * the next scan rebuilds it. Files first: if the process dies between the two, the leftover vectors are orphans
 * that the next scan's reconciliation removes. Needs no model.
 */
export async function resetIndex(files: FileRepository, spaces: VectorSpaces): Promise<void> {
  await files.reset();
  await spaces.dropAll();
}
