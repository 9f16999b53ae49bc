import { resolve as resolvePath } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { downloadProgressPrinter, ModelManager } from '@glimpse/adapters-onnx';
import { GlimpseError, isFinished, type ScanJob, type SearchOptions } from '@glimpse/core';
import { parseGlimpseConfig, type GlimpseConfig } from '../config.js';
import { scanJobJson, searchResultJson } from '../routes/present.js';
import { searchOptions } from '../routes/search.js';
import { GlimpseRuntime } from '../runtime.js';
import { runningServer, startServer } from '../server.js';
import { scanProgressPrinter } from './progress.js';
import { ServerClient } from './server-client.js';

export interface CliIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the user asks to stop (Ctrl+C); a second request exits at once (handled by the caller). */
  readonly interrupted: Promise<void>;
}

/** Exit codes: 0 done; 1 it failed (the message is on stderr); 2 the command line is wrong; 130 interrupted. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

const USAGE = `Glimpse — semantic search over your own photos and videos.

Usage:
  glimpse serve [folders...] [--port N] [--host ADDR] [--no-scan]
                                      Start the local server (http://127.0.0.1:7788) and rescan in the background
  glimpse scan [folders...] [--reindex] [--json]
                                      Bring the index in sync with the folders (default: the saved ones)
  glimpse search "query" [--kind image|video] [--limit N] [--folder DIR] [--from DATE] [--to DATE] [--json]
  glimpse reset [--yes] [--json]      Delete the index (vectors and file records); the next scan rebuilds it
  glimpse models list [--json]        Models in the model folder
  glimpse models download [name]      Download a model (default: the configured one)

Options for every command:
  --data-dir DIR      Where the index lives (GLIMPSE_DATA_DIR; default ~/.local/share/glimpse)
  --model NAME|DIR    CLIP model name on the hub, or a folder (GLIMPSE_MODEL; default ViT-B-32__openai)
  --config FILE       A JSON settings file (GLIMPSE_CONFIG; default ~/.config/glimpse/config.json if present)
  -h, --help          This help

Folders given to serve or scan become the saved scope. Exit codes: 0 done, 1 failed, 2 wrong usage, 130 interrupted.
`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  model: { type: 'string' },
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'no-scan': { type: 'boolean' },
  reindex: { type: 'boolean' },
  json: { type: 'boolean' },
  kind: { type: 'string' },
  limit: { type: 'string' },
  folder: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

class UsageError extends Error {}

/** Runs one CLI command; returns the exit code. Messages for people go to stderr, results to stdout. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (e) {
    io.stderr.write(`glimpse: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr).write(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  try {
    const config = parseGlimpseConfig(io.env, {
      GLIMPSE_DATA_DIR: values['data-dir'] && resolvePath(values['data-dir']),
      GLIMPSE_MODEL: values.model && (isPathLike(values.model) ? resolvePath(values.model) : values.model),
      GLIMPSE_CONFIG: values.config,
      GLIMPSE_PORT: values.port,
      GLIMPSE_HOST: values.host,
    });
    switch (command) {
      case 'serve':
        return await serve(
          config,
          values,
          rest.map((f) => resolvePath(f)),
          io,
        );
      case 'scan':
        return await scan(
          config,
          values,
          rest.map((f) => resolvePath(f)),
          io,
        );
      case 'search':
        return await search(config, values, rest, io);
      case 'reset':
        return await reset(config, values, rest, io);
      case 'models':
        return await models(config, values, rest, io);
      default:
        throw new UsageError(`"${command}" is not a glimpse command.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`glimpse: ${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (GlimpseError.is(e, 'cancelled')) {
      io.stderr.write(`glimpse: ${e.message}\n`);
      return EXIT.interrupted;
    }
    io.stderr.write(`glimpse: ${GlimpseError.is(e) ? e.message : ((e as Error).stack ?? String(e))}\n`);
    return EXIT.failed;
  }
}

function isPathLike(s: string): boolean {
  return s.startsWith('.') || s.startsWith('/') || s.startsWith('~');
}

function noExtra(rest: readonly string[], command: string): void {
  if (rest.length) throw new UsageError(`${command} takes no argument "${rest[0]}".`);
}

/** The server that holds this data directory, as a client; null when none runs. */
function serverFor(config: GlimpseConfig): ServerClient | null {
  const info = config.dataDir ? runningServer(config.dataDir) : null;
  return info ? new ServerClient(info.url) : null;
}

async function openRuntime(config: GlimpseConfig, io: CliIo): Promise<GlimpseRuntime> {
  return GlimpseRuntime.open(config, {
    onDownload: downloadProgressPrinter(io.stderr),
    onWarning: (m) => io.stderr.write(`glimpse: ${m}\n`),
  });
}

async function serve(config: GlimpseConfig, values: Values, folders: string[], io: CliIo): Promise<number> {
  const other = config.dataDir ? runningServer(config.dataDir) : null;
  if (other) {
    io.stderr.write(
      `glimpse: Glimpse is already serving ${config.dataDir} at ${other.url} (pid ${other.pid}). Open that address, or stop it first.\n`,
    );
    return EXIT.failed;
  }
  const server = await startServer({
    roots: folders,
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    env: io.env,
    ...(values.config ? { configFile: values.config } : {}),
    model: config.model,
    port: config.server.port,
    host: config.server.host,
    scanOnStart: !values['no-scan'],
    onDownload: downloadProgressPrinter(io.stderr),
    onWarning: (m) => io.stderr.write(`glimpse: ${m}\n`),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const scope = await server.runtime.scope();
  io.stdout.write(`Glimpse is running at ${server.url}  (API docs: ${server.url}/api/v1/docs)\n`);
  io.stderr.write(
    `glimpse: index in ${config.dataDir ?? config.database.kind}; ` +
      (scope.roots.length ? `folders: ${scope.roots.join(', ')}` : 'no folders yet') +
      '. Press Ctrl+C to stop.\n',
  );
  if (server.startupScan) {
    const bar = scanProgressPrinter(io.stderr);
    const stop = server.runtime.jobs.subscribe((e) => {
      if (e.job.id !== server.startupScan!.id) return;
      if (e.job.progress) bar.update(e.job.progress);
      if (isFinished(e.job)) {
        bar.finish();
        stop();
      }
    });
  }
  await io.interrupted;
  io.stderr.write('glimpse: stopping (finishing the current step; press Ctrl+C again to quit at once)...\n');
  await server.close();
  io.stderr.write('glimpse: stopped.\n');
  return EXIT.ok;
}

async function scan(config: GlimpseConfig, values: Values, folders: string[], io: CliIo): Promise<number> {
  const mode = values.reindex ? 'reindex' : 'incremental';
  const bar = values.json ? null : scanProgressPrinter(io.stderr);
  let job: Record<string, unknown>;
  const remote = serverFor(config);
  if (remote) {
    io.stderr.write(`glimpse: a Glimpse server holds this index (${remote.baseUrl}); the scan runs there.\n`);
    const started = (
      folders.length
        ? ((await remote.send('PUT', '/api/v1/scope', { roots: folders })) as { scan: { id: string } }).scan
        : await remote.send('POST', '/api/v1/scans', { mode })
    ) as { id: string };
    // Ctrl+C cancels the scan on the server too; its event stream then ends with the cancelled job.
    void io.interrupted.then(() => remote.send('DELETE', `/api/v1/scans/${started.id}`).catch(() => undefined));
    job = await remote.followScan(started.id, (_event, j) => {
      const p = j['progress'] as ScanJob['progress'];
      if (p && bar) bar.update({ ...p, counts: j['counts'] as ScanJob['counts'] });
    });
  } else {
    const runtime = await openRuntime(config, io);
    try {
      if (folders.length) await runtime.setScope({ roots: folders });
      if ((await runtime.scope()).roots.length === 0)
        throw new UsageError('Give the folders to index: glimpse scan ~/Pictures (they are remembered).');
      const started = runtime.jobs.request(mode).job;
      void io.interrupted.then(() => runtime.jobs.cancel(started.id));
      const stop = runtime.jobs.subscribe((e) => {
        if (e.job.id === started.id && e.job.progress) bar?.update(e.job.progress);
      });
      job = scanJobJson(await runtime.jobs.wait(started.id));
      stop();
    } finally {
      await runtime.close();
    }
  }
  bar?.finish();
  const counts = job['counts'] as ScanJob['counts'];
  if (values.json) {
    const { counts: c, offlineRoots, durationMs, errors, errorCount, status, mode: m, id, error } = job;
    io.stdout.write(
      `${JSON.stringify({ id, status, mode: m, counts: c, offlineRoots, durationMs, errors, errorCount, error })}\n`,
    );
  } else if (job['status'] === 'completed') {
    io.stdout.write(
      `Scanned ${counts.seen} files in ${(Number(job['durationMs']) / 1000).toFixed(1)} s: ${counts.new} new, ` +
        `${counts.modified} modified, ${counts.moved} moved, ${counts.deleted} deleted, ${counts.unchanged} unchanged; ` +
        `${counts.embedded} embedded, ${counts.failed} failed, ${counts.skipped} skipped.\n`,
    );
    for (const root of job['offlineRoots'] as string[])
      io.stderr.write(`glimpse: ${root} is offline (missing, unreadable or empty); its entries were kept.\n`);
    const errors = job['errors'] as { path: string; reason: string }[];
    for (const e of errors.slice(0, 20)) io.stderr.write(`  failed: ${e.path}: ${e.reason}\n`);
    if (Number(job['errorCount']) > 20) io.stderr.write(`  ... and ${Number(job['errorCount']) - 20} more.\n`);
  }
  if (job['status'] === 'cancelled') {
    io.stderr.write('glimpse: the scan was cancelled; the index is consistent and the next scan goes on from there.\n');
    return EXIT.interrupted;
  }
  if (job['status'] !== 'completed') {
    io.stderr.write(`glimpse: the scan failed: ${String(job['error'])}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

async function search(config: GlimpseConfig, values: Values, words: string[], io: CliIo): Promise<number> {
  const query = words.join(' ').trim();
  if (!query) throw new UsageError('Say what to look for: glimpse search "dog on a beach".');
  const params: Record<string, string> = {};
  for (const k of ['kind', 'limit', 'folder', 'from', 'to'] as const) {
    const v = values[k];
    if (typeof v === 'string') params[k] = k === 'folder' ? resolvePath(v) : v;
  }
  let options: SearchOptions;
  try {
    options = searchOptions(params);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let results: ReturnType<typeof searchResultJson>[];
  const remote = serverFor(config);
  if (remote) {
    const q = new URLSearchParams({ q: query, ...params });
    results = ((await remote.get(`/api/v1/search?${q}`)) as { results: typeof results }).results;
  } else {
    const runtime = await openRuntime(config, io);
    try {
      const { search: searcher } = await runtime.services();
      results = (await searcher.byText(query, options)).map(searchResultJson);
    } finally {
      await runtime.close();
    }
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ results })}\n`);
    return EXIT.ok;
  }
  if (results.length === 0) io.stderr.write('glimpse: nothing found (is the index built? run glimpse scan).\n');
  for (const r of results) {
    io.stdout.write(`${r.score.toFixed(3)}  ${r.path}\n`);
    for (const s of r.segments.slice(0, 3))
      io.stdout.write(`         at ${clock(s.startSec ?? 0)}–${clock(s.endSec ?? 0)}  (${s.score.toFixed(3)})\n`);
  }
  return EXIT.ok;
}

function clock(sec: number): string {
  const s = Math.floor(sec);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}

async function reset(config: GlimpseConfig, values: Values, rest: string[], io: CliIo): Promise<number> {
  noExtra(rest, 'reset');
  if (!values.yes) {
    throw new UsageError(
      'reset deletes the whole index (your files are not touched); run it again with --yes to go ahead.',
    );
  }
  const remote = serverFor(config);
  let stats: unknown;
  if (remote) stats = await remote.send('DELETE', '/api/v1/index');
  else {
    const runtime = await openRuntime(config, io);
    try {
      await runtime.resetIndex();
      stats = await runtime.stats();
    } finally {
      await runtime.close();
    }
  }
  if (values.json) io.stdout.write(`${JSON.stringify({ deleted: true, ...(stats as object) })}\n`);
  else io.stdout.write('The index is deleted; run glimpse scan to build it again.\n');
  return EXIT.ok;
}

async function models(config: GlimpseConfig, values: Values, rest: string[], io: CliIo): Promise<number> {
  const [action, name, ...extra] = rest;
  noExtra(extra, 'models');
  const manager = new ModelManager({
    cacheDir: config.modelDir,
    hubUrl: config.hubUrl,
    offline: config.offline,
    onProgress: downloadProgressPrinter(io.stderr),
  });
  if (action === 'list') {
    if (name) throw new UsageError('models list takes no argument.');
    const list = await manager.list();
    if (values.json) io.stdout.write(`${JSON.stringify({ modelDir: config.modelDir, models: list })}\n`);
    else if (list.length === 0) io.stderr.write(`No models in ${config.modelDir} yet; glimpse models download.\n`);
    else
      for (const m of list)
        io.stdout.write(
          `${m.name}  ${(m.bytes / 1e6).toFixed(1)} MB  ${m.complete ? 'complete' : 'incomplete'}  ${m.dir}\n`,
        );
    return EXIT.ok;
  }
  if (action === 'download') {
    const dir = await manager.resolve(name ?? config.model);
    if (values.json) io.stdout.write(`${JSON.stringify({ model: name ?? config.model, dir })}\n`);
    else io.stdout.write(`Model ready in ${dir}\n`);
    return EXIT.ok;
  }
  throw new UsageError(`models needs "list" or "download"${action ? `, not "${action}"` : ''}.`);
}
