/** A fault of the database itself, found below the level of files and vectors. */
export interface StorageProblem {
  /** A stable name, e.g. `duplicate-paths`, `damaged-vector-index`. */
  readonly kind: string;
  /** What is wrong, for a person. */
  readonly message: string;
  /** How many rows or objects are affected (1 for a damaged index). */
  readonly count: number;
}

/**
 * Checks and repairs of the database under the index (its indexes and constraints), which the file and vector
 * ports cannot see: a unique index that stopped refusing duplicates, a vector index whose pages were zeroed.
 */
export interface IndexMaintenance {
  /** The storage faults found; [] when none. Reads only. */
  inspect(): Promise<StorageProblem[]>;
  /**
   * Repairs what {@link inspect} finds without losing good data: removes the surplus rows of duplicated paths
   * (keeping one), then rebuilds every index of the file database and of the vector stores. Returns what it did,
   * one line each. Idempotent.
   */
  repair(): Promise<string[]>;
}
