import type { VectorSpaceInfo, VectorSpaces } from '../ports/vector-spaces.js';
import { InMemoryVectorStore } from './in-memory-vector-store.js';

/** Every model's in-memory vector store; {@link open} gives the one of a model (created on first use). */
export class InMemoryVectorSpaces implements VectorSpaces {
  private readonly stores = new Map<string, InMemoryVectorStore>();

  open(modelId: string, dimension: number): InMemoryVectorStore {
    const key = `${modelId}\u0000${dimension}`;
    let store = this.stores.get(key);
    if (!store) this.stores.set(key, (store = new InMemoryVectorStore(modelId, dimension)));
    return store;
  }

  async list(): Promise<VectorSpaceInfo[]> {
    const out: VectorSpaceInfo[] = [];
    for (const s of this.stores.values())
      out.push({ modelId: s.modelId, dimension: s.dimension, ...(await s.count()) });
    return out.sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : a.dimension - b.dimension));
  }

  async dropAll(): Promise<void> {
    for (const s of this.stores.values()) await s.reset();
    this.stores.clear();
  }
}
