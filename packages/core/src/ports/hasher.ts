/** Hashes bytes to identify content. */
export interface Hasher {
  /** Names the algorithm (e.g. "sha256"); hashes of different algorithms are never compared. */
  readonly algorithm: string;
  /** Lower-case hex digest of the concatenated chunks. Consumes the iterable; rethrows its errors. */
  hash(chunks: AsyncIterable<Uint8Array>): Promise<string>;
}
