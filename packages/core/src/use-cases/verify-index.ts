import type { Content } from '../domain/content.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { IndexMaintenance, StorageProblem } from '../ports/index-maintenance.js';
import type { VectorStore } from '../ports/vector-store.js';
import { contentPages } from './content-pages.js';

/** One kind of inconsistency, with how many items it affects and a few of them. */
export interface IndexProblem extends StorageProblem {
  /** Some of the affected paths or content hashes, for a person to look at. */
  readonly examples: readonly string[];
}

export interface VerifyReport {
  readonly problems: readonly IndexProblem[];
  /** What was repaired, one line each (empty without `repair`). */
  readonly repairs: readonly string[];
  /** Problems still there after the repair (all of them without one). */
  readonly remaining: readonly IndexProblem[];
  readonly checked: { readonly files: number; readonly contents: number; readonly vectorContents: number };
}

const PAGE = 1000;
const EXAMPLES = 5;

/**
 * `glimpse index verify`: checks that the file database and the vector store agree, and that the database
 * itself is sound; with `repair`, fixes what can be fixed without embedding good vectors again: storage faults
 * (indexes rebuilt, duplicate rows removed), indexed contents without vectors (queued for the next scan),
 * vectors of unknown contents (deleted), contents no file holds (released, so a rescan links them again).
 */
export class VerifyIndex {
  constructor(
    private readonly files: FileRepository,
    private readonly vectors: VectorStore,
    private readonly maintenance: IndexMaintenance | null,
  ) {}

  async run(options: { repair?: boolean } = {}): Promise<VerifyReport> {
    const found = await this.inspect();
    if (!options.repair || found.problems.length === 0) {
      return { problems: found.problems, repairs: [], remaining: found.problems, checked: found.checked };
    }
    const repairs: string[] = [];
    if (found.storage.length > 0 && this.maintenance) repairs.push(...(await this.maintenance.repair()));
    // The rows as they are after the storage repair.
    const again = found.storage.length > 0 ? await this.inspect() : found;
    repairs.push(...(await this.repairRows(again.fix)));
    const after = await this.inspect();
    return { problems: found.problems, repairs, remaining: after.problems, checked: after.checked };
  }

  private async inspect(): Promise<{
    problems: IndexProblem[];
    storage: StorageProblem[];
    fix: Fixes;
    checked: VerifyReport['checked'];
  }> {
    const storage = this.maintenance ? await this.maintenance.inspect() : [];
    const problems: IndexProblem[] = storage.map((p) => ({ ...p, examples: [] }));
    const modelId = this.vectors.modelId;
    const fix: Fixes = { requeue: [], orphans: [], unheld: [] };
    let files = 0;
    let contents = 0;
    let vectorContents = 0;

    const referenced = new Set<string>();
    const missingContent: string[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.files.list({}, 5000, after);
      if (page.length === 0) break;
      files += page.length;
      after = page[page.length - 1]!.path;
      const hashes = [...new Set(page.flatMap((f) => (f.contentHash ? [f.contentHash] : [])))];
      const known = new Set((await this.files.findContents(hashes)).map((c) => c.hash));
      for (const f of page) {
        if (!f.contentHash) continue;
        referenced.add(f.contentHash);
        if (!known.has(f.contentHash)) missingContent.push(f.path);
      }
    }
    if (missingContent.length)
      problems.push(problem('file-without-content', missingContent, 'files name a content the index does not have'));

    for (let after: string | null = null; ;) {
      const page = await this.files.listContentHashes(after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!;
      contents += page.length;
      const rows = await this.files.findContents(page);
      const have = await this.vectors.hasContents(page);
      for (const c of rows) {
        const mine = c.status === 'indexed' && c.modelId === modelId;
        if (mine && !have.has(c.hash)) fix.requeue.push(c);
        if (c.releasedAt === null && !referenced.has(c.hash)) fix.unheld.push(c.hash);
      }
    }
    if (fix.requeue.length)
      problems.push(
        problem(
          'indexed-without-vectors',
          fix.requeue.map((c) => c.hash),
          'items are marked indexed but have no vectors',
        ),
      );
    if (fix.unheld.length)
      problems.push(problem('content-without-file', fix.unheld, 'items are held by no file and were not released'));

    for await (const page of contentPages(this.vectors, PAGE)) {
      vectorContents += page.length;
      const known = new Map((await this.files.findContents(page)).map((c) => [c.hash, c]));
      for (const h of page) {
        const c = known.get(h);
        if (!c || c.status !== 'indexed' || c.modelId !== modelId) fix.orphans.push(h);
      }
    }
    if (fix.orphans.length)
      problems.push(problem('vectors-without-content', fix.orphans, 'vector sets belong to no indexed item'));
    return { problems, storage, fix, checked: { files, contents, vectorContents } };
  }

  private async repairRows(fix: Fixes): Promise<string[]> {
    const done: string[] = [];
    if (fix.orphans.length) {
      await this.vectors.deleteContents(fix.orphans);
      done.push(`deleted the vectors of ${fix.orphans.length} unknown item(s)`);
    }
    if (fix.requeue.length) {
      await this.files.apply({
        contents: fix.requeue.map((c) => ({ ...c, status: 'pending', modelId: null, segments: 0 })),
      });
      done.push(`queued ${fix.requeue.length} item(s) without vectors to be embedded by the next scan`);
    }
    if (fix.unheld.length) {
      const { releasedContents, retainedContents } = await this.files.apply({ releaseContents: fix.unheld });
      await this.vectors.setPaths(retainedContents.map((contentHash) => ({ contentHash, paths: [] })));
      if (releasedContents.length) await this.vectors.deleteContents(releasedContents);
      if (releasedContents.length) await this.files.apply({ clearVectorDeletions: releasedContents });
      done.push(
        `released ${fix.unheld.length} item(s) no file holds (their vectors are kept; a rescan links the files again)`,
      );
    }
    return done;
  }
}

interface Fixes {
  requeue: Content[];
  orphans: string[];
  unheld: string[];
}

function problem(kind: string, affected: readonly string[], what: string): IndexProblem {
  return { kind, count: affected.length, message: `${affected.length} ${what}`, examples: affected.slice(0, EXAMPLES) };
}
