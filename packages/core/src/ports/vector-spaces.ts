/** One embedding space of the index: the vector store of one model and dimension. */
export interface VectorSpaceInfo {
  readonly modelId: string;
  readonly dimension: number;
  readonly points: number;
  readonly contents: number;
}

/**
 * Every embedding space of the index at once (each model's vectors live in a store of their own), for what
 * concerns them all: listing them, and deleting every model's vectors on a reset.
 */
export interface VectorSpaces {
  /** Every space that was opened, with what it holds, by model id; [] when none. */
  list(): Promise<VectorSpaceInfo[]>;
  /** Deletes every space and all its vectors. Idempotent. */
  dropAll(): Promise<void>;
}
