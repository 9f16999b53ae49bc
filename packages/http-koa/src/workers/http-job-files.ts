import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { GlimpseError, type EmbedItem, type JobFiles, type OpenedFile } from '@glimpse/core';

/** A file whose bytes stop coming for this long is given up (the job fails, to be tried again). */
const STALL_MS = 60_000;

/**
 * A worker that does not see the files at their paths (another machine) fetches each job's files from the
 * server's worker address, with the worker token, into a private temporary folder, and deletes each copy once it
 * is embedded. The server answers only for files its index holds, unchanged since hashed.
 */
export class HttpJobFiles implements JobFiles {
  private fetched = 0;

  private constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly dir: string,
  ) {}

  /** Checks that the server answers and takes the token, then makes the temporary folder. */
  static async open(options: { url: string; token: string | null }): Promise<HttpJobFiles> {
    if (!options.token)
      throw new GlimpseError(
        'invalid-input',
        'A worker that fetches files from the server (GLIMPSE_WORKER_FILES_URL) needs the worker token: run ' +
          '`glimpse worker-token` on the server and set GLIMPSE_WORKER_TOKEN to what it prints.',
      );
    const files = new HttpJobFiles(options.url, options.token, '');
    await files.request('/worker/v1/hello');
    return new HttpJobFiles(options.url, options.token, await mkdtemp(join(tmpdir(), 'glimpse-worker-')));
  }

  async open(item: EmbedItem, signal?: AbortSignal): Promise<OpenedFile | 'changed'> {
    // A server that stops sending (a cable pulled, a hung process) must not hold this worker forever.
    const stalled = new AbortController();
    let timer = setTimeout(() => stalled.abort(), STALL_MS);
    const both = signal ? AbortSignal.any([signal, stalled.signal]) : stalled.signal;
    try {
      return await this.fetchTo(item, both, () => {
        clearTimeout(timer);
        timer = setTimeout(() => stalled.abort(), STALL_MS);
      });
    } catch (e) {
      if (stalled.signal.aborted && !signal?.aborted)
        throw new GlimpseError(
          'unavailable',
          `The server at ${this.base} stopped sending "${item.path}" (nothing for ${STALL_MS / 1000} s).`,
        );
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchTo(item: EmbedItem, signal: AbortSignal, onData: () => void): Promise<OpenedFile | 'changed'> {
    const query = new URLSearchParams({ content: item.contentHash, path: item.path });
    const res = await this.request(`/worker/v1/file?${query}`, signal, item);
    if (res === 'changed') return 'changed';
    const ext = extname(item.path);
    const local = join(this.dir, `${++this.fetched}${/^\.[A-Za-z0-9]{1,10}$/.test(ext) ? ext : ''}`);
    const out = createWriteStream(local, { mode: 0o600 });
    let bytes = 0;
    const body = Readable.fromWeb(res.body as ReadableStream<Uint8Array>);
    body.on('data', (c: Buffer) => {
      bytes += c.length;
      onData();
    });
    try {
      await pipeline(body, out, { signal });
    } catch (e) {
      await rm(local, { force: true });
      if (signal.aborted) throw e;
      throw this.unreachable(e);
    }
    const release = () => rm(local, { force: true });
    if (bytes !== item.size) {
      await release();
      return 'changed'; // it changed while being sent
    }
    return { path: local, release };
  }

  /** Deletes the temporary folder and whatever is left in it. */
  async close(): Promise<void> {
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  private async request(path: string, signal?: AbortSignal, item?: EmbedItem): Promise<Response | 'changed'> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        headers: { authorization: `Bearer ${this.token}` },
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw this.unreachable(e);
    }
    if (res.ok) return res;
    const message = await res
      .json()
      .then((b) => (b as { error?: { message?: string } }).error?.message ?? res.statusText)
      .catch(() => res.statusText);
    if (res.status === 409 && item) return 'changed';
    if (res.status === 404 && item) throw new GlimpseError('not-found', `The server would not send it: ${message}`);
    if (res.status === 403)
      throw new GlimpseError('unauthorized', `The server at ${this.base} refused this worker's token: ${message}`);
    if (res.status === 404)
      throw new GlimpseError(
        'unavailable',
        `${this.base} (GLIMPSE_WORKER_FILES_URL) is not a Glimpse server's worker address: it answered 404.`,
      );
    throw new GlimpseError('unavailable', `The server at ${this.base} answered ${res.status}: ${message}`);
  }

  private unreachable(e: unknown): GlimpseError {
    const c = (e as { cause?: { code?: string; message?: string } }).cause;
    const cause = c?.code ?? c?.message ?? (e as Error).message;
    return new GlimpseError(
      'unavailable',
      `The server's worker address ${this.base} did not answer (${cause}); is the server running with ` +
        'GLIMPSE_WORKER_LISTEN set, and can this machine reach it?',
      { cause: e },
    );
  }
}
