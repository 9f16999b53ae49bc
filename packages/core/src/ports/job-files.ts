import type { EmbedItem } from './embedding-queue.js';

/** A job's file, ready to read at a local path; `release` when done with it (a fetched copy is then deleted). */
export interface OpenedFile {
  readonly path: string;
  release(): Promise<void>;
}

/**
 * Where the embedding step reads a content's bytes: the file in place (the scan in process, or a worker that sees
 * the same paths), or a copy fetched from the server that indexed it (a worker on another machine).
 */
export interface JobFiles {
  /**
   * The item's bytes at a local path, as they were when hashed; `changed` when the file changed or vanished since
   * (not a failure: the next scan indexes it). A failure of this one file (unreadable, refused by the server for
   * this file) is a GlimpseError of a media code (`corrupt-media`, `not-found`); anything else (the server down, the
   * token refused) is thrown as it is and fails the whole job.
   */
  open(item: EmbedItem, signal?: AbortSignal): Promise<OpenedFile | 'changed'>;
}
