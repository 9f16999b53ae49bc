/** Generated previews (thumbnails, frames) kept between requests and restarts, keyed by content. */
export interface PreviewCache {
  /** The bytes stored under `key`, or null when there are none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Stores bytes under `key`, replacing any; a reader never sees a half-written entry. Idempotent. */
  put(key: string, bytes: Uint8Array): Promise<void>;
}
