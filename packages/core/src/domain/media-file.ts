/** What a file holds, as far as Glimpse cares. */
export type MediaKind = 'image' | 'video';

export const MEDIA_KINDS: readonly MediaKind[] = ['image', 'video'];

/** `ok`: hashed and linked to its content. `failed`: could not be read, hashed or embedded; `error` says why. */
export type FileStatus = 'ok' | 'failed';

/** One path in the scope, as the file database records it. Several files may share one content (copies). */
export interface MediaFile {
  /** Stable id, kept when the file is moved or renamed. */
  readonly id: string;
  readonly path: string;
  readonly size: number;
  /** Modification time in nanoseconds since the epoch, as the file system reports it. */
  readonly mtimeNs: bigint;
  readonly kind: MediaKind;
  /** Hash of the bytes; null when the file could not be read. */
  readonly contentHash: string | null;
  readonly status: FileStatus;
  /** Why the file failed, for a person to read; null when `status` is `ok`. */
  readonly error: string | null;
}

/** A file row to write. Without `id` it is upserted by path; with `id` that row is updated (a move keeps its id). */
export interface FileWrite {
  readonly id?: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeNs: bigint;
  readonly kind: MediaKind;
  readonly contentHash: string | null;
  readonly status: FileStatus;
  readonly error: string | null;
}
