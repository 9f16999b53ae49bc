import type { VectorStore } from '../ports/vector-store.js';

/** Every content of a vector store, a page at a time (see {@link VectorStore.listContents}). */
export async function* contentPages(store: VectorStore, pageSize = 1000): AsyncGenerator<readonly string[]> {
  for (let cursor: string | null = null; ;) {
    const page = await store.listContents(cursor, pageSize);
    if (page.hashes.length > 0) yield page.hashes;
    if (page.next === null) return;
    cursor = page.next;
  }
}

/** The hashes of every content with vectors, in the store's order. */
export async function allContents(store: VectorStore): Promise<string[]> {
  const all: string[] = [];
  for await (const page of contentPages(store)) all.push(...page);
  return all;
}
