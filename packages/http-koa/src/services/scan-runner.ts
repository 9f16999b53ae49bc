import {
  GlimpseError,
  type ManageScope,
  type ScanLibrary,
  type ScanMode,
  type ScanProgress,
  type ScanReport,
} from '@glimpse/core';
import type { IndexService } from './index-service.js';
import type { ModelService } from './model-service.js';

export interface ScanRunnerDeps {
  readonly scopes: ManageScope;
  readonly index: IndexService;
  readonly model: ModelService;
  /** The scan pipeline, built once the model is loaded. */
  readonly scanner: () => Promise<ScanLibrary>;
}

/** One scan job's work: the saved scope, the model, a sound database, then the scan pipeline. */
export class ScanRunner {
  constructor(private readonly deps: ScanRunnerDeps) {}

  async run(mode: ScanMode, signal: AbortSignal, onProgress: (p: ScanProgress) => void): Promise<ScanReport> {
    const scope = await this.deps.scopes.current();
    if (scope.roots.length === 0) {
      throw new GlimpseError(
        'conflict',
        'There are no folders to index yet: give them with `glimpse serve <folder>` or PUT /api/v1/scope.',
      );
    }
    await this.deps.model.ready();
    await this.deps.index.ensureSound();
    return (await this.deps.scanner()).run(scope, { mode, signal, onProgress });
  }
}
