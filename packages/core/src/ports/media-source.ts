import type { MediaKind } from '../domain/media-file.js';
import type { Scope } from '../domain/scope.js';

export interface FileStat {
  readonly size: number;
  readonly mtimeNs: bigint;
}

/** A file met by a walk, in scope by name and size. */
export interface WalkedFile {
  readonly type: 'file';
  readonly path: string;
  readonly size: number;
  readonly mtimeNs: bigint;
  readonly kind: MediaKind;
}

/** A folder the walk could not list: what the index holds below it must be kept, not deleted. */
export interface UnreadableFolder {
  readonly type: 'unreadable';
  readonly path: string;
  readonly reason: string;
}

export type WalkEntry = WalkedFile | UnreadableFolder;

export interface WalkBatch {
  /** In code point order of path; an unreadable folder sorts where its subtree would ("path/"). */
  readonly entries: readonly WalkEntry[];
  /** Files met but out of scope, in this batch (symbolic links and unread media included). */
  readonly skipped: number;
  /** Of those, files with an extension of a picture format Glimpse does not read (camera RAW, PSD, ...). */
  readonly unsupported?: number;
  /** Of those, symbolic links (never followed). */
  readonly links?: number;
  /**
   * Out-of-scope entries worth telling the user about: over the size limit, a linked folder not followed, a name
   * that is not valid UTF-8.
   */
  readonly notes: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * `ok`: a readable folder with entries. `missing`: absent. `not-a-folder`: exists but is a file (or another kind
 * of entry). `unreadable`: a folder that cannot be listed. `empty`: a folder with no entries at all (the bare
 * mount point of an unmounted disk looks like this).
 */
export type RootState = 'ok' | 'missing' | 'not-a-folder' | 'unreadable' | 'empty';

/** The files Glimpse indexes, where they live. Read-only: Glimpse never writes, moves or copies them. */
export interface MediaSource {
  /** The state of a scope root. Never throws. */
  probeRoot(root: string): Promise<RootState>;

  /**
   * Walks the tree below `root` (one of `scope.roots`) in code point order of path, descending only into folders
   * the scope accepts and reading the size and mtime only of files it accepts by name (see `compileScope`).
   * Folders that cannot be listed are yielded as `unreadable` entries, not thrown. Symbolic links are not followed.
   */
  walk(scope: Scope, root: string, signal?: AbortSignal): AsyncIterable<WalkBatch>;

  /** Size and mtime of a file, or null when it does not exist (or is not a regular file). */
  stat(path: string): Promise<FileStat | null>;

  /** The bytes of a file, streamed. Errors while reading are thrown from the iteration with the OS reason. */
  read(path: string, signal?: AbortSignal): AsyncIterable<Uint8Array>;
}
