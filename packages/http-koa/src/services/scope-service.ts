import type { ManageScope, Scope, ScopeChange } from '@glimpse/core';
import { toDomainPath } from '@glimpse/core/node';

/** The saved scope, with folders as a person gives them (relative, or with the platform's separators) made absolute. */
export class ScopeService {
  constructor(private readonly scopes: ManageScope) {}

  current(): Promise<Scope> {
    return this.scopes.current();
  }

  /** See {@link ManageScope.replace}: a folder that does not exist or is not a folder is refused, nothing saved. */
  replace(input: Partial<Scope>): Promise<ScopeChange> {
    return this.scopes.replace(input.roots ? { ...input, roots: input.roots.map((r) => toDomainPath(r)) } : input);
  }

  addRoots(roots: readonly string[]): Promise<ScopeChange> {
    return this.scopes.addRoots(roots.map((r) => toDomainPath(r)));
  }

  /** The next scan takes their files out of the index (their vectors kept for the grace period). */
  removeRoots(roots: readonly string[]): Promise<ScopeChange> {
    return this.scopes.removeRoots(roots.map((r) => toDomainPath(r)));
  }
}
