import { subtreeRange } from '../domain/paths.js';
import { makeScope, normalizeRoots, scopeMatcher, type Scope } from '../domain/scope.js';
import { GlimpseError } from '../errors.js';
import type { FileRepository } from '../ports/file-repository.js';
import type { MediaSource } from '../ports/media-source.js';
import type { SettingsRepository } from '../ports/settings-repository.js';

/** What a scope change did. */
export interface ScopeChange {
  /** The scope saved now. */
  readonly scope: Scope;
  readonly addedRoots: readonly string[];
  readonly removedRoots: readonly string[];
  /**
   * File records the next scan removes from the index because the new scope leaves them out (a root removed, a
   * glob or extension changed). Their vectors are kept for the grace period, so adding them back costs nothing.
   */
  readonly leavingFiles: number;
}

/**
 * The saved scope, changed only on purpose: a folder given that does not exist, or is not a folder, is an error
 * (never a new root whose absence would look like an unmounted disk), and every change says how many indexed
 * files it takes out of the index.
 */
export class ManageScope {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly files: FileRepository,
    private readonly source: MediaSource,
  ) {}

  /** The saved scope; an empty one (no roots) when none was saved. */
  async current(): Promise<Scope> {
    return (await this.settings.loadScope()) ?? makeScope({ roots: [] });
  }

  /** Replaces the scope with `input` over the current one (fields not given are kept). */
  async replace(input: Partial<Scope>): Promise<ScopeChange> {
    const current = await this.current();
    const next = makeScope({ ...current, ...input, roots: input.roots ?? current.roots });
    return this.save(current, next, input.roots ?? []);
  }

  /** Adds folders to the roots (already covered ones change nothing). */
  async addRoots(roots: readonly string[]): Promise<ScopeChange> {
    const current = await this.current();
    return this.save(current, makeScope({ ...current, roots: [...current.roots, ...roots] }), roots);
  }

  /** Removes roots; each must be one of the roots (`not-found` otherwise, listing them). */
  async removeRoots(roots: readonly string[]): Promise<ScopeChange> {
    const current = await this.current();
    const unknown = roots.filter((r) => !current.roots.includes(r));
    if (unknown.length > 0) {
      throw new GlimpseError(
        'not-found',
        `${unknown.join(', ')} ${unknown.length > 1 ? 'are not folders' : 'is not a folder'} of the scope; ` +
          (current.roots.length ? `the folders are: ${current.roots.join(', ')}.` : 'the scope has no folders yet.'),
      );
    }
    return this.save(current, makeScope({ ...current, roots: current.roots.filter((r) => !roots.includes(r)) }), []);
  }

  /** What replacing the scope with `next` would do, without saving it. */
  async preview(next: Scope): Promise<ScopeChange> {
    return this.describe(await this.current(), next);
  }

  /**
   * Throws `invalid-input` naming every folder of `roots` that cannot be a new root: missing (unless the index
   * holds files below it: then it is an offline disk, kept), not a folder, or unreadable. Roots of `known` (the
   * saved scope's) are not checked: an indexed root that went missing is offline, not a mistake.
   */
  async checkRoots(roots: readonly string[], known: readonly string[] = []): Promise<void> {
    const problems: string[] = [];
    for (const root of roots) {
      if (known.includes(root)) continue;
      const state = await this.source.probeRoot(root);
      if (state === 'ok' || state === 'empty') continue;
      if (state === 'missing') {
        const indexed = (await this.files.list(subtreeRange(root), 1)).length > 0;
        if (!indexed) problems.push(`no such folder: ${root}`);
      } else if (state === 'not-a-folder') problems.push(`not a folder: ${root} (give the folder that holds it)`);
      else problems.push(`the folder ${root} cannot be read (check its permissions)`);
    }
    if (problems.length > 0) {
      throw new GlimpseError('invalid-input', `${capitalized(problems.join('; '))}. Nothing was changed.`);
    }
  }

  /** Saves `next` after checking the folders given for it (`given`: as typed, before nested ones are merged). */
  private async save(current: Scope, next: Scope, given: readonly string[]): Promise<ScopeChange> {
    await this.checkRoots(given, current.roots);
    const change = await this.describe(current, next);
    await this.settings.saveScope(next);
    return change;
  }

  private async describe(current: Scope, next: Scope): Promise<ScopeChange> {
    const before = normalizeRoots(current.roots);
    const after = normalizeRoots(next.roots);
    return {
      scope: next,
      addedRoots: after.filter((r) => !before.includes(r)),
      removedRoots: before.filter((r) => !after.includes(r)),
      leavingFiles: await this.countLeaving(current, next),
    };
  }

  /** Stored files that `next` leaves out. */
  private async countLeaving(current: Scope, next: Scope): Promise<number> {
    if (JSON.stringify(current) === JSON.stringify(next)) return 0;
    const inNext = scopeMatcher(next);
    let leaving = 0;
    for (let after: string | undefined; ;) {
      const page = await this.files.list({}, 5000, after);
      if (page.length === 0) return leaving;
      for (const f of page) if (!inNext(f.path, f.size)) leaving++;
      after = page[page.length - 1]!.path;
    }
  }
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
