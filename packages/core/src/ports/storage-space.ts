/** The room left where the index is written. */
export interface StorageSpace {
  /**
   * Resolves when at least the reserve is free; else throws `unavailable` with a message for a person ("the disk
   * holding … is full (N MB free); free space and run the scan again"). Cheap: called before every write batch.
   */
  ensureRoom(): Promise<void>;
}
