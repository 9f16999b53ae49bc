import type { Scope } from '../domain/scope.js';

/** Settings a person makes that must outlive the process: for now, the scope (folders, globs, extensions). */
export interface SettingsRepository {
  /** The saved scope, or null when none was ever saved. Throws `invalid-input` when what is saved is no longer a valid scope. */
  loadScope(): Promise<Scope | null>;
  /** Replaces the saved scope. Idempotent. */
  saveScope(scope: Scope): Promise<void>;
}
