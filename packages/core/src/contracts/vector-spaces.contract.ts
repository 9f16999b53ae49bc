import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VectorSpaces } from '../ports/vector-spaces.js';
import type { VectorStore } from '../ports/vector-store.js';
import { aPoint, axisVector } from '../testing/mothers.js';

export interface VectorSpacesHarness {
  readonly spaces: VectorSpaces;
  /** The vector store of a model, opened (created) in the same storage as `spaces`. */
  open(modelId: string, dimension: number): Promise<VectorStore>;
  close(): Promise<void>;
}

/** The behaviour every VectorSpaces must have; `setup` gives empty storage. */
export function describeVectorSpacesContract(name: string, setup: () => Promise<VectorSpacesHarness>): void {
  describe(`VectorSpaces contract: ${name}`, () => {
    let h: VectorSpacesHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it("lists every model's space with what it holds, and drops them all", async () => {
      expect(await h.spaces.list()).toEqual([]);
      const a = await h.open('model-a', 4);
      const b = await h.open('model-b', 8);
      await a.upsert([aPoint({ contentHash: 'x', vector: axisVector(4, 0) })]);
      await b.upsert([
        aPoint({ contentHash: 'x', vector: axisVector(8, 0) }),
        aPoint({ contentHash: 'y', vector: axisVector(8, 1) }),
      ]);
      expect(await h.spaces.list()).toEqual([
        { modelId: 'model-a', dimension: 4, points: 1, contents: 1 },
        { modelId: 'model-b', dimension: 8, points: 2, contents: 2 },
      ]);
      await h.spaces.dropAll();
      await h.spaces.dropAll(); // idempotent
      expect(await h.spaces.list()).toEqual([]);
      expect(await (await h.open('model-a', 4)).count()).toEqual({ points: 0, contents: 0 });
      expect(await (await h.open('model-b', 8)).count()).toEqual({ points: 0, contents: 0 });
    });
  });
}
