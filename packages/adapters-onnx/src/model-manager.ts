import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { GlimpseError } from '@glimpse/core';
import { MODEL_FILES } from './model-files.js';

export const DEFAULT_MODEL = 'ViT-B-32__openai';
export const DEFAULT_HUB_URL = 'https://huggingface.co';
export const DEFAULT_ORGANIZATION = 'immich-app';
const MANIFEST = '.glimpse-manifest.json';

export interface DownloadProgress {
  readonly model: string;
  readonly file: string;
  readonly fileBytes: number;
  readonly fileTotal: number;
  readonly bytes: number;
  readonly total: number;
}

export interface ModelManagerOptions {
  /** Where downloaded models live (`GLIMPSE_MODEL_DIR`); default {@link defaultModelDir}. */
  readonly cacheDir?: string;
  /** The Hugging Face hub or a mirror of it (`GLIMPSE_HUB_URL`). */
  readonly hubUrl?: string;
  readonly organization?: string;
  readonly revision?: string;
  /** Never download (`GLIMPSE_OFFLINE=1`): a missing model is an error naming the files to place by hand. */
  readonly offline?: boolean;
  readonly onProgress?: (p: DownloadProgress) => void;
  /** Attempts per file when a transfer breaks off (each resumes where the last stopped). Default 4. */
  readonly attempts?: number;
}

interface RemoteFile {
  readonly path: string;
  readonly size: number;
  /** sha256 of the content for LFS files, else the git blob sha1. */
  readonly sha256: string | null;
  readonly gitSha1: string | null;
}

/** The platform's cache folder for models: `~/.cache/glimpse/models` on Linux (or `$XDG_CACHE_HOME`). */
export function defaultModelDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env['HOME'] || homedir();
  switch (platform()) {
    case 'darwin':
      return join(home, 'Library', 'Caches', 'glimpse', 'models');
    case 'win32':
      return join(env['LOCALAPPDATA'] || join(home, 'AppData', 'Local'), 'glimpse', 'cache', 'models');
    default:
      return join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'glimpse', 'models');
  }
}

/**
 * Finds CLIP models on disk and downloads them from the hub in the layout Immich publishes
 * (`<hub>/<organization>/<name>/resolve/<revision>/<path>`): missing files only, each resumed after a broken
 * transfer, checked against its size and hash, and renamed into place only when complete.
 */
export class ModelManager {
  readonly cacheDir: string;
  private readonly hub: string;
  private readonly org: string;
  private readonly revision: string;

  constructor(private readonly options: ModelManagerOptions = {}) {
    this.cacheDir = options.cacheDir ?? defaultModelDir();
    this.hub = (options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
    this.org = options.organization ?? DEFAULT_ORGANIZATION;
    this.revision = options.revision ?? 'main';
  }

  /** A directory holding config.json is used as it is; a name is found in the cache or downloaded. */
  async resolve(nameOrDir: string): Promise<string> {
    if (existsSync(join(nameOrDir, 'config.json'))) return nameOrDir;
    if (!/^[A-Za-z0-9][\w.+-]*$/.test(nameOrDir)) {
      throw new GlimpseError(
        'not-found',
        `"${nameOrDir}" is neither a model directory (no config.json there) nor a model name like ${DEFAULT_MODEL}.`,
      );
    }
    const dir = join(this.cacheDir, nameOrDir);
    if (existsSync(join(dir, MANIFEST))) return dir;
    if (this.options.offline) throw this.placeByHand(nameOrDir, dir, 'downloads are turned off (offline mode)');
    return this.download(nameOrDir);
  }

  /** Models in the cache, complete or not. */
  async list(): Promise<{ name: string; dir: string; complete: boolean; bytes: number }[]> {
    const names = await readdir(this.cacheDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[]; // no model downloaded yet
      throw new GlimpseError(
        'unavailable',
        `The model folder ${this.cacheDir} cannot be read (${e.code ?? e.message}); check its permissions or set GLIMPSE_MODEL_DIR.`,
        { cause: e },
      );
    });
    const out = [];
    for (const name of names.sort()) {
      const dir = join(this.cacheDir, name);
      const manifest = await readFile(join(dir, MANIFEST), 'utf8').then(
        (t) => JSON.parse(t) as RemoteFile[],
        () => null,
      );
      out.push({
        name,
        dir,
        complete: manifest !== null,
        bytes: manifest ? manifest.reduce((s, f) => s + f.size, 0) : 0,
      });
    }
    return out;
  }

  async download(name: string): Promise<string> {
    const dir = join(this.cacheDir, name);
    const files = await this.manifest(name, dir);
    const total = files.reduce((s, f) => s + f.size, 0);
    let done = 0;
    for (const f of files) {
      const dest = join(dir, f.path);
      if (!(await isComplete(dest, f))) {
        await mkdir(dirname(dest), { recursive: true });
        await this.fetchFile(name, f, dest, (fileBytes) =>
          this.options.onProgress?.({
            model: name,
            file: f.path,
            fileBytes,
            fileTotal: f.size,
            bytes: done + fileBytes,
            total,
          }),
        );
      }
      done += f.size;
      this.options.onProgress?.({
        model: name,
        file: f.path,
        fileBytes: f.size,
        fileTotal: f.size,
        bytes: done,
        total,
      });
    }
    await writeFile(join(dir, MANIFEST), JSON.stringify(files, null, 2));
    return dir;
  }

  private async manifest(name: string, dir: string): Promise<RemoteFile[]> {
    const url = `${this.hub}/api/models/${this.org}/${name}/tree/${this.revision}?recursive=true`;
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw this.placeByHand(
        name,
        dir,
        `the model hub cannot be reached (${(e as Error).cause ?? (e as Error).message})`,
      );
    }
    if (res.status === 404 || res.status === 401) {
      throw new GlimpseError(
        'not-found',
        `There is no model "${name}" at ${this.hub}/${this.org}. Check the name (for example ${DEFAULT_MODEL}).`,
      );
    }
    if (!res.ok) throw this.placeByHand(name, dir, `the model hub answered ${res.status}`);
    const entries = (await res.json()) as {
      type: string;
      path: string;
      size: number;
      oid?: string;
      lfs?: { oid: string; size: number };
    }[];
    const wanted = (p: string) =>
      (MODEL_FILES as readonly string[]).includes(p) || /^(visual|textual)\/.*\.(onnx_data|onnx\.data|pb)$/.test(p);
    const files = entries
      .filter((e) => e.type === 'file' && wanted(e.path))
      .map((e) => ({
        path: e.path,
        size: e.lfs?.size ?? e.size,
        sha256: e.lfs?.oid ?? null,
        gitSha1: e.lfs ? null : (e.oid ?? null),
      }));
    const missing = MODEL_FILES.filter((p) => !files.some((f) => f.path === p));
    if (missing.length) {
      throw new GlimpseError(
        'unavailable',
        `The model "${name}" on ${this.hub} lacks ${missing.join(', ')}; it is not in the layout Glimpse reads.`,
      );
    }
    return files;
  }

  /** Downloads one file into `<dest>.part` (resuming what is there), verifies it, then renames it into place. */
  private async fetchFile(name: string, f: RemoteFile, dest: string, progress: (bytes: number) => void): Promise<void> {
    const part = `${dest}.part`;
    const url = `${this.hub}/${this.org}/${name}/resolve/${this.revision}/${f.path}`;
    const attempts = this.options.attempts ?? 4;
    let lastError = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let have = await stat(part).then(
        (s) => s.size,
        () => 0,
      );
      if (have > f.size) {
        await rm(part, { force: true });
        have = 0;
      }
      if (have < f.size) {
        try {
          const res = await fetch(url, have > 0 ? { headers: { Range: `bytes=${have}-` } } : {});
          if (res.status !== 200 && res.status !== 206) throw new Error(`HTTP ${res.status}`);
          if (res.status === 200) have = 0; // the server ignored the range: start over
          const out = createWriteStream(part, { flags: have > 0 ? 'a' : 'w' });
          try {
            for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
              if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
              have += chunk.length;
              progress(have);
            }
          } finally {
            await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
          }
        } catch (e) {
          lastError = (e as Error).message;
        }
        have = await stat(part).then(
          (s) => s.size,
          () => 0,
        );
        if (have < f.size) continue; // broken off: resume on the next attempt
      }
      const problem = await checksumProblem(part, f);
      if (problem) {
        await rm(part, { force: true });
        throw new GlimpseError(
          'unavailable',
          `The downloaded ${f.path} of model "${name}" ${problem}; it was deleted. Try again, or place the file by hand in ${dirname(dest)}.`,
        );
      }
      await rename(part, dest);
      return;
    }
    throw new GlimpseError(
      'unavailable',
      `Downloading ${f.path} of model "${name}" kept breaking off (${lastError || 'incomplete transfer'}); what arrived is kept and the next try resumes from there.`,
    );
  }

  private placeByHand(name: string, dir: string, why: string): GlimpseError {
    return new GlimpseError(
      'unavailable',
      `The model "${name}" is not on this computer and ${why}. Place these files by hand in ${dir} ` +
        `(from ${this.hub}/${this.org}/${name}/tree/${this.revision}): ${MODEL_FILES.join(', ')}. ` +
        'Or point --model (GLIMPSE_MODEL) at a folder that has them.',
    );
  }
}

async function isComplete(path: string, f: RemoteFile): Promise<boolean> {
  const s = await stat(path).catch(() => null);
  return s !== null && s.size === f.size && (await checksumProblem(path, f)) === null;
}

/** null when the file has the expected size and hash, else what is wrong. */
async function checksumProblem(path: string, f: RemoteFile): Promise<string | null> {
  const size = (await stat(path)).size;
  if (size !== f.size) return `has ${size} bytes instead of ${f.size}`;
  if (!f.sha256 && !f.gitSha1) return null;
  const h = f.sha256 ? createHash('sha256') : createHash('sha1').update(`blob ${size}\0`);
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  const got = h.digest('hex');
  const want = f.sha256 ?? f.gitSha1!;
  return got === want ? null : `does not match its checksum (expected ${want}, got ${got})`;
}

/**
 * Renders download progress for a person: a bar redrawn in place on a terminal, one line per finished file
 * otherwise (logs, pipes).
 */
export function downloadProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: DownloadProgress) => void {
  let lastFile = '';
  let lastDraw = 0;
  const mb = (n: number) => (n / 1e6).toFixed(1);
  return (p) => {
    if (stream.isTTY) {
      const now = Date.now();
      if (now - lastDraw < 100 && p.bytes < p.total) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((p.bytes / Math.max(1, p.total)) * width);
      stream.write(
        `\r${p.model} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${mb(p.bytes)}/${mb(p.total)} MB  ${p.file}\x1b[K`,
      );
      if (p.bytes >= p.total) stream.write('\n');
    } else if (p.fileBytes >= p.fileTotal && p.file !== lastFile) {
      lastFile = p.file;
      stream.write(
        `downloaded ${p.model}/${p.file} (${mb(p.fileTotal)} MB; ${mb(p.bytes)}/${mb(p.total)} MB in all)\n`,
      );
    }
  };
}
