import { createReadStream, lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { comparePaths, joinPath } from '../domain/paths.js';
import type { ScopeFilter } from '../domain/scope.js';
import type { FileStat, MediaSource, RootState, WalkBatch, WalkEntry } from '../ports/media-source.js';

interface Frame {
  readonly dir: string;
  readonly entries: { name: string; key: string; isDir: boolean }[];
  i: number;
}

export interface NodeMediaSourceOptions {
  /** Entries per yielded batch. */
  readonly batchSize?: number;
  /** Bytes per read chunk when streaming a file. */
  readonly readChunkBytes?: number;
}

/**
 * MediaSource over the local file system. Modification times have microsecond precision. The walk lists each folder with one synchronous `readdir` and stats
 * in-scope files synchronously: a folder at a time, yielding to the event loop between batches. That is several
 * times faster than one promise per file, and keeps the loop responsive (a batch is a few milliseconds).
 */
export class NodeMediaSource implements MediaSource {
  private readonly batchSize: number;
  private readonly chunk: number;

  constructor(options: NodeMediaSourceOptions = {}) {
    this.batchSize = options.batchSize ?? 2000;
    this.chunk = options.readChunkBytes ?? 1 << 20;
  }

  async probeRoot(root: string): Promise<RootState> {
    try {
      const s = await stat(root);
      if (!s.isDirectory()) return 'unreadable';
      const dir = await opendir(root);
      try {
        return (await dir.read()) === null ? 'empty' : 'ok';
      } finally {
        await dir.close().catch(() => undefined);
      }
    } catch (e) {
      return code(e) === 'ENOENT' || code(e) === 'ENOTDIR' ? 'missing' : 'unreadable';
    }
  }

  async *walk(filter: ScopeFilter, signal?: AbortSignal): AsyncIterable<WalkBatch> {
    let entries: WalkEntry[] = [];
    let notes: { path: string; reason: string }[] = [];
    let skipped = 0;
    const stack: Frame[] = [];
    const open = (dir: string): void => {
      try {
        stack.push({ dir, entries: listSorted(dir), i: 0 });
      } catch (e) {
        entries.push({ type: 'unreadable', path: dir, reason: describe(e) });
      }
    };
    open(filter.root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.entries.length) {
        stack.pop();
        continue;
      }
      const entry = top.entries[top.i++]!;
      const path = joinPath(top.dir, entry.name);
      if (entry.isDir) {
        if (filter.acceptsFolder(path)) open(path);
      } else {
        const verdict = filter.classify(path);
        if (!verdict.take) skipped++;
        else {
          try {
            const s = statSync(path);
            if (!s.isFile()) skipped++;
            else if (!filter.acceptsSize(s.size)) {
              skipped++;
              notes.push({ path, reason: `skipped: ${s.size} bytes is over the scope's size limit` });
            } else
              entries.push({ type: 'file', path, size: s.size, mtimeNs: mtimeNsOf(s.mtimeMs), kind: verdict.kind });
          } catch (e) {
            skipped++;
            notes.push({ path, reason: `skipped: could not read its size and date (${describe(e)})` });
          }
        }
      }
      if (entries.length >= this.batchSize) {
        yield { entries, skipped, notes };
        entries = [];
        notes = [];
        skipped = 0;
        if (signal?.aborted) return;
        await yieldToLoop();
      }
    }
    if (entries.length > 0 || skipped > 0 || notes.length > 0) yield { entries, skipped, notes };
  }

  async stat(path: string): Promise<FileStat | null> {
    try {
      const s = await stat(path);
      return s.isFile() ? { size: s.size, mtimeNs: mtimeNsOf(s.mtimeMs) } : null;
    } catch (e) {
      if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return null;
      throw e;
    }
  }

  read(path: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
    return createReadStream(path, { highWaterMark: this.chunk, ...(signal ? { signal } : {}) });
  }
}

/**
 * Nanoseconds since the epoch at microsecond precision, from the number-mode stat (BigInt-mode stats cost ~40%
 * more per file). Walk and stat derive it the same way, so comparisons between them are exact.
 */
function mtimeNsOf(mtimeMs: number): bigint {
  return BigInt(Math.round(mtimeMs * 1000)) * 1000n;
}

/** Folder entries sorted so that a depth-first walk yields full paths in code point order (a folder sorts as "name/"). */
function listSorted(dir: string): { name: string; key: string; isDir: boolean }[] {
  const list = readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const isDir = isDirectory(dir, d);
    return isDir === null ? [] : [{ name: d.name, key: isDir ? `${d.name}/` : d.name, isDir }];
  });
  return list.sort((a, b) => comparePaths(a.key, b.key));
}

/** true for a folder, false for anything to classify as a file, null for a symbolic link (never followed). */
function isDirectory(dir: string, d: Dirent): boolean | null {
  if (d.isSymbolicLink()) return null;
  if (d.isDirectory()) return true;
  if (d.isFile()) return false;
  if (d.isFIFO() || d.isSocket() || d.isBlockDevice() || d.isCharacterDevice()) return null;
  try {
    const s = lstatSync(joinPath(dir, d.name)); // file systems that report no type in readdir
    return s.isSymbolicLink() ? null : s.isDirectory();
  } catch {
    return false;
  }
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

function describe(e: unknown): string {
  const c = code(e);
  if (c === 'EACCES' || c === 'EPERM') return 'permission denied';
  if (c === 'EIO') return 'input/output error (failing disk?)';
  return e instanceof Error ? e.message : String(e);
}
