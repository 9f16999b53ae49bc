import type { IndexMaintenance, StorageProblem } from '../ports/index-maintenance.js';

/** IndexMaintenance for core unit tests: a database whose own vector index is damaged (when told) until repaired. */
export class FakeIndexMaintenance implements IndexMaintenance {
  constructor(public damaged = false) {}

  async inspect(): Promise<StorageProblem[]> {
    return this.damaged
      ? [{ kind: 'damaged-vector-index', count: 1, message: 'the vector index cannot be searched' }]
      : [];
  }

  async repair(): Promise<string[]> {
    const was = this.damaged;
    this.damaged = false;
    return [was ? 'rebuilt the vector index' : 'rebuilt the vector index (it was sound)'];
  }
}
