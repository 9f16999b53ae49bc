import {
  GlimpseError,
  makeScope,
  type ScanProgress,
  type ScanReport,
  type Scope,
  type SearchOptions,
  type SearchResult,
} from '@glimpse/core';
import { toDomainPath } from '@glimpse/core/node';
import { parseGlimpseConfig } from './config.js';
import { openLibrary, type ContainerOptions } from './container.js';

export interface GlimpseOptions extends ContainerOptions {
  /**
   * Folders to index (the scope's roots). Each must be a folder that exists, or one the index already holds files
   * of (an unplugged disk is kept, offline); anything else is refused with `invalid-input`.
   */
  readonly roots?: readonly string[];
  /** The rest of the scope (globs, extensions, hidden files, size limit). */
  readonly scope?: Partial<Omit<Scope, 'roots'>>;
  /** Overrides GLIMPSE_DATA_DIR. */
  readonly dataDir?: string;
  /** Overrides GLIMPSE_DATABASE_URL. */
  readonly databaseUrl?: string;
  /**
   * A model name or folder; overrides GLIMPSE_MODEL. Default: the model the index was built with (else
   * ViT-B-32__openai). Naming another model than the index's own is refused unless `switchModel` is true.
   */
  readonly model?: string;
  /** Settings to read instead of process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface Glimpse {
  /** Brings the index in sync with the folders; `onProgress` hears each phase. */
  scan(options?: {
    mode?: 'incremental' | 'reindex';
    signal?: AbortSignal;
    onProgress?: (p: ScanProgress) => void;
  }): Promise<ScanReport>;
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
  /** Items that look like the indexed file with this id. */
  similar(id: string, options?: SearchOptions): Promise<SearchResult[]>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The library face of Glimpse, wired by the same composition root as the server: the embedded database by
 * default, the model from the hub (or a folder), ffmpeg for videos when it can be found.
 */
export async function createGlimpse(options: GlimpseOptions = {}): Promise<Glimpse> {
  const config = parseGlimpseConfig(options.env ?? process.env, {
    GLIMPSE_DATA_DIR: options.dataDir,
    GLIMPSE_DATABASE_URL: options.databaseUrl,
    GLIMPSE_MODEL: options.model,
  });
  const scope = makeScope({ ...options.scope, roots: (options.roots ?? []).map(toDomainPath) });
  const parts = await openLibrary(config, scope, options);
  try {
    const { scanner, searcher } = parts;
    let closed = false;
    const open = () => {
      if (closed) throw new GlimpseError('conflict', 'This Glimpse instance is closed.');
    };
    const close = async () => {
      if (closed) return;
      closed = true;
      await parts.close();
    };
    return {
      scan: async (o = {}) => {
        open();
        return scanner.run(scope, o);
      },
      search: async (q, o) => {
        open();
        return searcher.byText(q, o);
      },
      similar: async (id, o) => {
        open();
        return searcher.similarTo(id, o);
      },
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (e) {
    await parts.close();
    throw e;
  }
}
