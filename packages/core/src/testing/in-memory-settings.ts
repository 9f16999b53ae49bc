import type { IndexModel } from '../domain/index-model.js';
import type { ScanJob } from '../domain/scan-job.js';
import type { Scope } from '../domain/scope.js';
import type { PreviewCache } from '../ports/preview-cache.js';
import type { ScanHistory } from '../ports/scan-history.js';
import type { SettingsRepository } from '../ports/settings-repository.js';

export class InMemorySettingsRepository implements SettingsRepository {
  private scope: Scope | null = null;
  private model: IndexModel | null = null;

  async loadIndexModel(): Promise<IndexModel | null> {
    return this.model ? { ...this.model } : null;
  }

  async saveIndexModel(model: IndexModel): Promise<void> {
    this.model = { ...model };
  }

  async loadScope(): Promise<Scope | null> {
    return this.scope ? structuredClone(this.scope) : null;
  }

  async saveScope(scope: Scope): Promise<void> {
    this.scope = structuredClone(scope);
  }
}

export class InMemoryPreviewCache implements PreviewCache {
  readonly entries = new Map<string, Uint8Array>();
  /** Writes refused (a full disk), each counted. */
  failedWrites = 0;

  constructor(private readonly options: { readonly full?: boolean } = {}) {}

  async get(key: string): Promise<Uint8Array | null> {
    return this.entries.get(key) ?? null;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    if (this.options.full) this.failedWrites++;
    else this.entries.set(key, bytes.slice());
  }
}

export class InMemoryScanHistory implements ScanHistory {
  private readonly jobs = new Map<string, ScanJob>();

  async record(job: ScanJob): Promise<void> {
    this.jobs.set(job.id, structuredClone(job));
  }

  async recent(limit: number): Promise<ScanJob[]> {
    return [...this.jobs.values()]
      .sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0))
      .slice(0, limit)
      .map((j) => structuredClone(j));
  }
}
