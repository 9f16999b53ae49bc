import type { IndexModel } from '../domain/index-model.js';
import type { Scope } from '../domain/scope.js';

/** Settings a person makes that must outlive the process: the scope, and the model the index is built with. */
export interface SettingsRepository {
  /** The saved scope, or null when none was ever saved. Throws `invalid-input` when what is saved is no longer a valid scope. */
  loadScope(): Promise<Scope | null>;
  /** Replaces the saved scope. Idempotent. */
  saveScope(scope: Scope): Promise<void>;
  /** The model the index was built with, or null when none was recorded yet. */
  loadIndexModel(): Promise<IndexModel | null>;
  /** Records the model the index is built with (replacing any earlier one). Idempotent. */
  saveIndexModel(model: IndexModel): Promise<void>;
}
