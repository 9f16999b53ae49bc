import { baseName, comparePaths, isUnder } from '../domain/paths.js';
import { compileScope, type Scope } from '../domain/scope.js';
import type { FileStat, MediaSource, RootState, WalkBatch, WalkEntry } from '../ports/media-source.js';

/** A MediaSource over files held in memory, for core unit tests; passes the same contract as the file system's. */
export class InMemoryMediaSource implements MediaSource {
  private readonly files = new Map<string, { bytes: Uint8Array; mtimeNs: bigint }>();
  private readonly folders = new Set<string>();
  private clock = 1_700_000_000_000_000_000n;

  /** Writes a file (its folders made too), with a new modification time. */
  write(path: string, content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.clock += 1_000_000n;
    this.files.set(path, { bytes, mtimeNs: this.clock });
    for (let i = path.indexOf('/', 1); i !== -1; i = path.indexOf('/', i + 1)) this.folders.add(path.slice(0, i));
  }

  /** Makes an (empty) folder. */
  mkdir(path: string): void {
    this.folders.add(path);
    for (let i = path.indexOf('/', 1); i !== -1; i = path.indexOf('/', i + 1)) this.folders.add(path.slice(0, i));
  }

  remove(path: string): void {
    this.files.delete(path);
  }

  async probeRoot(root: string): Promise<RootState> {
    if (this.files.has(root)) return 'not-a-folder';
    if (!this.folders.has(root)) return 'missing';
    const any = [...this.files.keys(), ...this.folders].some((p) => isUnder(p, root));
    return any ? 'ok' : 'empty';
  }

  async *walk(scope: Scope, root: string, signal?: AbortSignal): AsyncIterable<WalkBatch> {
    const filter = compileScope(scope, root);
    const entries: WalkEntry[] = [];
    let skipped = 0;
    const enters = (path: string) => {
      for (let i = path.indexOf('/', root.length + 1); i !== -1; i = path.indexOf('/', i + 1))
        if (!filter.acceptsFolder(path.slice(0, i))) return false;
      return true;
    };
    for (const path of [...this.files.keys()].filter((p) => isUnder(p, root)).sort(comparePaths)) {
      if (!enters(path)) continue; // an excluded folder is not entered: its files are not even met
      const verdict = filter.classify(path);
      const f = this.files.get(path)!;
      if (!verdict.take || !filter.acceptsSize(f.bytes.length)) skipped++;
      else entries.push({ type: 'file', path, size: f.bytes.length, mtimeNs: f.mtimeNs, kind: verdict.kind });
    }
    if (signal?.aborted) return;
    yield { entries, skipped, notes: [] };
  }

  async stat(path: string): Promise<FileStat | null> {
    const f = this.files.get(path);
    return f ? { size: f.bytes.length, mtimeNs: f.mtimeNs } : null;
  }

  async *read(path: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
    const f = this.files.get(path);
    if (!f) throw Object.assign(new Error(`ENOENT: no such file, open '${baseName(path)}'`), { code: 'ENOENT' });
    for (let i = 0; i < f.bytes.length; i += 65536) {
      if (signal?.aborted) throw signal.reason;
      yield f.bytes.subarray(i, i + 65536);
    }
  }
}
