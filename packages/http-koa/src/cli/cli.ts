import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  GlimpseError,
  isFinished,
  type ScanJob,
  type ScopeChange,
  type Relevance,
  type SearchOptions,
} from '@glimpse/core';
import { parseGlimpseConfig, type GlimpseConfig } from '../config.js';
import type { Services } from '../container.js';
import { ModelSwitchRefused } from '../model-choice.js';
import type { indexJson, verifyJson } from '../routes/library-index.js';
import { changeMessage, scanJobJson, searchResultJson, understoodJson } from '../routes/present.js';
import { searchOptions, skipParts } from '../routes/search-options.js';
import { readKey } from '../middleware/auth.js';
import { runningServer, serverKeyFile, workerToken, workerTokenFile } from '../server-files.js';
import { scanProgressPrinter } from './progress.js';
import { ServerClient } from './server-client.js';

/**
 * The composition root, the adapters and the server, loaded on first use: a command that a running server answers
 * (a search, most of all) loads none of them, and costs little more than Node's own start and one HTTP request.
 */
const local = () => import('./local.js');

export interface CliIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the user asks to stop (Ctrl+C); a second request exits at once (handled by the caller). */
  readonly interrupted: Promise<void>;
}

/** Exit codes: 0 done; 1 it failed (the message is on stderr); 2 the command line is wrong; 130 interrupted. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  model: { type: 'string' },
  'switch-model': { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} satisfies ParseArgsConfig['options'];

const GLOBAL_HELP = `Options for every command:
  --data-dir DIR      Where the index lives (GLIMPSE_DATA_DIR; default ~/.local/share/glimpse)
  --model NAME|DIR    CLIP model name on the hub, or a folder (GLIMPSE_MODEL). Default: the model the index was
                      built with, else ViT-B-32__openai
  --switch-model      Confirm using another model than the index's own: everything is embedded again for it
  --config FILE       A JSON settings file (GLIMPSE_CONFIG; default ~/.config/glimpse/config.json if present)
  -h, --help          Help (glimpse <command> --help for one command)
  -V, --version       The version`;

interface Command {
  readonly usage: string;
  readonly summary: string;
  readonly details?: string;
  readonly options: ParseArgsConfig['options'];
}

const COMMANDS = {
  serve: {
    usage: 'glimpse serve [folders...] [--port N] [--host ADDR] [--no-scan]',
    summary: 'Start the local server and web app (http://127.0.0.1:7788) and rescan in the background',
    details: `Folders given are added to the saved ones (glimpse scope remove takes one out). Each must exist.
  --port N            The port (GLIMPSE_PORT; default 7788; 0 picks a free one)
  --host ADDR         The address to listen on (GLIMPSE_HOST; default 127.0.0.1)
  --no-scan           Do not rescan at start`,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'no-scan': { type: 'boolean' } },
  },
  scan: {
    usage: 'glimpse scan [folders...] [--reindex] [--json]',
    summary: 'Bring the index in sync with the saved folders (and any folders given, which are added to them)',
    details: `Only what changed is read. Folders given are added to the saved ones; each must exist.
  --reindex           Read every file and embed every item again
  --json              Print the scan report as JSON`,
    options: { reindex: { type: 'boolean' }, json: { type: 'boolean' } },
  },
  search: {
    usage:
      'glimpse search "query" [--kind image|video] [--limit N] [--folder DIR] [--from DATE] [--to DATE] ' +
      '[--camera TEXT] [--lens TEXT] [--place TEXT] [--sort relevance|date] [--weaker] [--literal] [--json]',
    summary: 'Search the index by text',
    details: `  --kind image|video  Only photos, or only videos
  --limit N           At most N results (1-200; default 20)
  --folder DIR        Only items inside this folder
  --from, --to DATE   Only items taken in this range (2024-07-31)
  --camera TEXT       Only items from a camera whose make or model contains it (canon, "iphone 15")
  --lens TEXT         Only items taken with a lens whose name contains it
  --place TEXT        Only items taken in a town, region or country containing it, or a country code (Lisbon, PT)
  --sort date         Newest taken first, among the matches (default: relevance)
  --weaker            Show the weaker matches too: those no closer to the query than to nonsense words
  --literal           Search the words as they are: do not read a date, "videos" or a place in them
  --json              Print the results as JSON
Results no closer to the query than to nonsense words are left out (and counted). A date ("July 2023", "2019", "summer 2021"), "videos"/"photos" and a place the index holds in the query become
filters; the command says how it read the query.`,
    options: {
      literal: { type: 'boolean' },
      weaker: { type: 'boolean' },
      sort: { type: 'string' },
      camera: { type: 'string' },
      lens: { type: 'string' },
      place: { type: 'string' },
      kind: { type: 'string' },
      limit: { type: 'string' },
      folder: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
    },
  },
  scope: {
    usage: 'glimpse scope [list | add FOLDER... | remove FOLDER...] [--json]',
    summary: 'Show the folders that are indexed, add some, or take some out',
    details: `  list                The saved folders, globs and extensions (the default)
  add FOLDER...       Add folders (each must exist); the next scan indexes them
  remove FOLDER...    Take folders out; the next scan removes their files from the index, and says how many.
                      Their vectors are kept for GLIMPSE_VECTOR_GRACE_DAYS (30), so adding them back embeds nothing
  --json              Print the result as JSON`,
    options: { json: { type: 'boolean' } },
  },
  index: {
    usage: 'glimpse index [stats | prune | verify [--repair] | copy --to STORE] [--json]',
    summary: 'What the index holds; prune drops the vectors kept for files that left it; verify checks it',
    details: `  stats               Files, items, the model, and the vectors kept for files that left the index (default)
  prune               Delete those kept vectors now instead of after the grace period (GLIMPSE_VECTOR_GRACE_DAYS)
  verify              Check that the file records and the vectors agree and that the database is sound; exits 1
                      when something is wrong, saying what
  verify --repair     Fix what can be fixed without embedding good vectors again (indexes rebuilt, orphans
                      dropped, items without vectors queued for the next scan)
  copy --to STORE     Copy every vector to the other store (qdrant or pgvector) without embedding anything: to
                      move an embedded index into the docker compose stack. Stop it any time (Ctrl-C); run it
                      again to go on. Then set GLIMPSE_VECTOR_STORE=STORE. The vectors where they were are kept.
  --json              Print the result as JSON
None of them needs the model.`,
    options: { json: { type: 'boolean' }, repair: { type: 'boolean' }, to: { type: 'string' } },
  },
  reset: {
    usage: 'glimpse reset --yes [--json]',
    summary: 'Delete the whole index: file records and the vectors of every model (your files are not touched)',
    details: `  -y, --yes           Confirm; without it nothing is deleted
  --json              Print the result as JSON
Needs no model. The next scan rebuilds the index.`,
    options: { yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' } },
  },
  worker: {
    usage: 'glimpse worker [--model NAME|DIR]',
    summary: "Embed for a server's scans: take jobs from its queue (GLIMPSE_QUEUE_URL) until Ctrl+C",
    details: `Start it on this machine or another one, with the index's model (--model or GLIMPSE_MODEL) and
GLIMPSE_QUEUE_URL set to the Postgres the server uses; the server needs GLIMPSE_WORKERS=1. A machine that does
not see the media at the same paths fetches them from the server: set GLIMPSE_WORKER_FILES_URL to the server's
worker address (its GLIMPSE_WORKER_LISTEN) and GLIMPSE_WORKER_TOKEN to what glimpse worker-token prints there.
GLIMPSE_EXECUTION_PROVIDER=cuda runs the model on an NVIDIA GPU (the CPU when CUDA cannot load, and it says so).
Ctrl+C stops it: the job in hand goes back to the queue for another worker.`,
    options: {},
  },
  'worker-token': {
    usage: 'glimpse worker-token',
    summary: 'Print the token workers on other machines give to fetch files from this server',
    details: `The server makes it once and keeps it in its data folder, readable by this account only (or takes
GLIMPSE_WORKER_TOKEN). To change it, delete the file this prints on stderr and restart the server.`,
    options: {},
  },
  open: {
    usage: 'glimpse open',
    summary: 'Print the address of the running server, with its key, to open in a browser',
    details: `The key keeps other accounts on this computer out; a browser that opened this address once keeps it.`,
    options: {},
  },
  models: {
    usage: 'glimpse models [list | download [name]] [--json]',
    summary: 'The models in the model folder, or download one',
    details: `  list                Models in the model folder (GLIMPSE_MODEL_DIR), complete or not (the default)
  download [name]     Download a model from the hub (default: the configured one)
  --json              Print the result as JSON`,
    options: { json: { type: 'boolean' } },
  },
} satisfies Record<string, Command>;

type CommandName = keyof typeof COMMANDS;

const USAGE = `Glimpse ${VERSION} — semantic search over your own photos and videos.

Usage:
${Object.values(COMMANDS)
  .map((c: Command) => `  ${c.usage}\n      ${c.summary}`)
  .join('\n')}

${GLOBAL_HELP}

Exit codes: 0 done, 1 failed, 2 wrong usage, 130 interrupted.
`;

function commandHelp(name: CommandName): string {
  const c: Command = COMMANDS[name];
  return `Usage: ${c.usage}\n\n${c.summary}.\n${c.details ? `\n${c.details}\n` : ''}\n${GLOBAL_HELP}\n`;
}

type Values = Record<string, string | boolean | undefined>;

class UsageError extends Error {
  constructor(
    message: string,
    readonly command: CommandName | null = null,
  ) {
    super(message);
  }
}

/** Runs one CLI command; returns the exit code. Messages for people go to stderr, results to stdout. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const name = commandName(argv);
  const command = name !== undefined && name in COMMANDS ? (name as CommandName) : null;
  try {
    if (name !== undefined && command === null)
      throw new UsageError(`"${name}" is not a glimpse command; the commands are ${Object.keys(COMMANDS).join(', ')}.`);
    const { values, positionals } = parse(argv, command);
    if (values['version']) {
      io.stdout.write(`glimpse ${VERSION}\n`);
      return EXIT.ok;
    }
    if (values['help']) {
      io.stdout.write(command ? commandHelp(command) : USAGE);
      return EXIT.ok;
    }
    if (!command) {
      io.stderr.write(USAGE);
      return EXIT.usage;
    }
    const rest = positionals.slice(1);
    const port = values['port'];
    if (typeof port === 'string' && (!/^\d{1,5}$/.test(port.trim()) || Number(port) > 65535))
      throw new UsageError(`--port must be a port number from 0 to 65535 (got "${String(port)}").`, command);
    const model = values['model'];
    const config = parseGlimpseConfig(io.env, {
      GLIMPSE_DATA_DIR: typeof values['data-dir'] === 'string' ? resolvePath(values['data-dir']) : undefined,
      GLIMPSE_MODEL: typeof model === 'string' ? (isPathLike(model) ? resolvePath(model) : model) : undefined,
      GLIMPSE_CONFIG: values['config'] as string | undefined,
      GLIMPSE_PORT: port as string | undefined,
      GLIMPSE_HOST: values['host'] as string | undefined,
    });
    const run: Record<CommandName, () => Promise<number>> = {
      serve: () => serve(config, values, rest, io),
      scan: () => scan(config, values, rest, io),
      search: () => search(config, values, rest, io),
      scope: () => scope(config, values, rest, io),
      index: () => index(config, values, rest, io),
      reset: () => reset(config, values, rest, io),
      open: () => openCommand(config, rest, io),
      worker: () => workerCommand(config, rest, io),
      'worker-token': async () => {
        noExtra(rest, 'worker-token');
        io.stdout.write(`${workerToken(config)}\n`);
        if (!config.workerToken) io.stderr.write(`glimpse: (kept in ${workerTokenFile(config)})\n`);
        return EXIT.ok;
      },
      models: () => models(config, values, rest, io),
    };
    return await run[command]();
  } catch (e) {
    if (e instanceof UsageError) {
      const c = e.command ?? command;
      io.stderr.write(`glimpse${c ? ` ${c}` : ''}: ${e.message}\n\n${c ? commandHelp(c) : USAGE}`);
      return EXIT.usage;
    }
    if (e instanceof ModelSwitchRefused) {
      io.stderr.write(`glimpse: ${e.message}\n`);
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

/** The first word that is not an option or an option's value. */
function commandName(argv: readonly string[]): string | undefined {
  const all = Object.assign({}, GLOBAL_OPTIONS, ...Object.values(COMMANDS).map((c: Command) => c.options)) as Record<
    string,
    { type: 'string' | 'boolean' }
  >;
  return parseArgs({ args: [...argv], options: all, allowPositionals: true, strict: false }).positionals[0];
}

/** The command line, checked against the command's own options; problems in Glimpse's words. */
function parse(argv: readonly string[], command: CommandName | null): { values: Values; positionals: string[] } {
  const options: ParseArgsConfig['options'] = { ...GLOBAL_OPTIONS, ...(command ? COMMANDS[command].options : {}) };
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const flag = /'(-[^' ]+)/.exec((e as Error).message)?.[1] ?? /(--?[\w-]+)/.exec((e as Error).message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${flag ?? ''}.`, command);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const wantsValue =
        flag && (options as Record<string, { type: string }>)[flag.replace(/^-+/, '')]?.type === 'string';
      throw new UsageError(
        wantsValue ? `${flag} needs a value, like ${flag} VALUE.` : `${flag ?? 'an option'} takes no value.`,
        command,
      );
    }
    throw new UsageError((e as Error).message, command);
  }
}

/** A folder given on the command line that cannot be used is wrong usage (exit 2), not a failure. */
async function asUsage<T>(work: Promise<T>, command: CommandName): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (GlimpseError.is(e, 'invalid-input') || GlimpseError.is(e, 'not-found'))
      throw new UsageError(e.message, command);
    throw e;
  }
}

function isPathLike(s: string): boolean {
  return s.startsWith('.') || s.startsWith('/') || s.startsWith('~') || s.includes('/');
}

function noExtra(rest: readonly string[], command: CommandName): void {
  if (rest.length) throw new UsageError(`${command} takes no argument "${rest[0]}".`, command);
}

function folders(rest: readonly string[]): string[] {
  return rest.map((f) => resolvePath(f));
}

/** The server that holds this data directory, as a client with its key; null when none runs. */
function serverFor(config: GlimpseConfig): ServerClient | null {
  const info = config.dataDir ? runningServer(config.dataDir) : null;
  return info ? new ServerClient(info.url, readKey(serverKeyFile(config))) : null;
}

async function open(config: GlimpseConfig, values: Values, io: CliIo, oneShot = false): Promise<Services> {
  const { openServices, downloadProgressPrinter } = await local();
  return openServices(config, {
    oneShot,
    command: true, // every command here ends (`glimpse serve` starts its server through server.ts)
    onDownload: downloadProgressPrinter(io.stderr),
    onWarning: (m) => io.stderr.write(`glimpse: ${m}\n`),
    switchModel: values['switch-model'] === true,
    repair: values['repair'] === true,
  });
}

async function withServices<T>(
  config: GlimpseConfig,
  values: Values,
  io: CliIo,
  work: (s: Services) => Promise<T>,
  oneShot = false,
): Promise<T> {
  const services = await open(config, values, io, oneShot);
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

/** Tells a person what a scope change did. */
function reportChange(change: ScopeChangeJson, config: GlimpseConfig, io: CliIo): void {
  for (const r of change.addedRoots) io.stderr.write(`glimpse: added ${r} to the folders.\n`);
  for (const r of change.removedRoots) io.stderr.write(`glimpse: removed ${r} from the folders.\n`);
  if (change.leavingFiles > 0)
    io.stderr.write(`glimpse: ${changeMessage(change.leavingFiles, config.vectorGraceDays, 'glimpse index prune')}\n`);
}

interface ScopeChangeJson {
  readonly scope: { readonly roots: readonly string[] };
  readonly addedRoots: readonly string[];
  readonly removedRoots: readonly string[];
  readonly leavingFiles: number;
}

function changeJson(c: ScopeChange): ScopeChangeJson {
  return { scope: c.scope, addedRoots: c.addedRoots, removedRoots: c.removedRoots, leavingFiles: c.leavingFiles };
}

/** Adds or removes roots through a running server (the scope is replaced as a whole there). */
async function changeRootsRemotely(
  remote: ServerClient,
  add: readonly string[],
  remove: readonly string[],
): Promise<ScopeChangeJson & { scan: { id: string } | null }> {
  const current = (await remote.get('/api/v1/scope')) as { roots: string[] };
  const unknown = remove.filter((r) => !current.roots.includes(r));
  if (unknown.length)
    throw new GlimpseError(
      'not-found',
      `${unknown.join(', ')} is not a folder of the scope; the folders are: ${current.roots.join(', ') || 'none'}.`,
    );
  const roots = [...current.roots.filter((r) => !remove.includes(r)), ...add.filter((r) => !current.roots.includes(r))];
  return (await remote.send('PUT', '/api/v1/scope', { roots })) as ScopeChangeJson & { scan: { id: string } | null };
}

async function serve(config: GlimpseConfig, values: Values, rest: string[], io: CliIo): Promise<number> {
  const other = config.dataDir ? runningServer(config.dataDir) : null;
  if (other) {
    io.stderr.write(
      `glimpse: Glimpse is already serving ${config.dataDir} at ${other.url} (pid ${other.pid}). Open that address, or stop it first.\n`,
    );
    return EXIT.failed;
  }
  const { startServer, downloadProgressPrinter } = await local();
  const server = await startServer({
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    env: io.env,
    ...(typeof values['config'] === 'string' ? { configFile: values['config'] } : {}),
    ...(config.modelGiven ? { model: config.model } : {}),
    switchModel: values['switch-model'] === true,
    port: config.server.port,
    host: config.server.host,
    scanOnStart: !values['no-scan'],
    onDownload: downloadProgressPrinter(io.stderr),
    onWarning: (m) => io.stderr.write(`glimpse: ${m}\n`),
    log: (line) => io.stderr.write(`${line}\n`),
    onOpen: async ({ scopes }) => {
      if (rest.length) reportChange(changeJson(await asUsage(scopes.addRoots(folders(rest)), 'serve')), config, io);
    },
  });
  const saved = await server.services.scopes.current();
  io.stdout.write(`Glimpse is running at ${server.openUrl}\n`);
  io.stderr.write(
    `glimpse: index in ${config.dataDir ?? config.database.kind}; model ${server.services.model.modelId}; ` +
      (saved.roots.length ? `folders: ${saved.roots.join(', ')}` : 'no folders yet') +
      `. The address carries this server's key (other accounts on this computer cannot use it); ` +
      `glimpse open prints it again. API docs: ${server.url}/api/v1/docs. Press Ctrl+C to stop.\n`,
  );
  if (server.startupScan) {
    const bar = scanProgressPrinter(io.stderr);
    const stop = server.services.jobs.subscribe((e) => {
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

async function scan(config: GlimpseConfig, values: Values, rest: string[], io: CliIo): Promise<number> {
  const mode = values['reindex'] ? 'reindex' : 'incremental';
  const bar = values['json'] ? null : scanProgressPrinter(io.stderr);
  const added = folders(rest);
  let job: Record<string, unknown>;
  const remote = serverFor(config);
  if (remote) {
    io.stderr.write(`glimpse: a Glimpse server holds this index (${remote.baseUrl}); the scan runs there.\n`);
    let started: { id: string } | null = null;
    if (added.length) {
      const change = await asUsage(changeRootsRemotely(remote, added, []), 'scan');
      if (!values['json']) reportChange(change, config, io);
      started = change.scan;
    }
    started ??= (await remote.send('POST', '/api/v1/scans', { mode })) as { id: string };
    const id = started.id;
    // Ctrl+C cancels the scan on the server too; its event stream then ends with the cancelled job.
    void io.interrupted.then(() =>
      remote.send('DELETE', `/api/v1/scans/${id}`).catch((e: Error) => {
        io.stderr.write(`glimpse: the scan on the server could not be cancelled (${e.message}).\n`);
      }),
    );
    job = await remote.followScan(id, (_event, j) => {
      const p = j['progress'] as ScanJob['progress'];
      if (p && bar) bar.update({ ...p, counts: j['counts'] as ScanJob['counts'] });
    });
  } else {
    job = await withServices(config, values, io, async ({ scopes, jobs }) => {
      if (added.length) {
        const change = await asUsage(scopes.addRoots(added), 'scan');
        if (!values['json']) reportChange(changeJson(change), config, io);
      }
      if ((await scopes.current()).roots.length === 0)
        throw new UsageError('Give the folders to index: glimpse scan ~/Pictures (they are remembered).', 'scan');
      const started = jobs.request(mode).job;
      void io.interrupted.then(() => jobs.cancel(started.id));
      const stop = jobs.subscribe((e) => {
        if (e.job.id === started.id && e.job.progress) bar?.update(e.job.progress);
      });
      const done = scanJobJson(await jobs.wait(started.id));
      stop();
      return done;
    });
  }
  bar?.finish();
  const counts = job['counts'] as ScanJob['counts'];
  if (values['json']) {
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
    if (counts.restored > 0)
      io.stdout.write(`${counts.restored} came back and were linked to the vectors kept for them (not embedded).\n`);
    if (counts.textRead > 0) io.stdout.write(`Read the text in ${counts.textRead} pictures.\n`);
    if (counts.released > 0)
      io.stdout.write(
        `${counts.released} item${counts.released === 1 ? '' : 's'} left the index; ` +
          (config.vectorGraceDays > 0
            ? `their vectors are kept for ${config.vectorGraceDays} days (glimpse index prune drops them now).\n`
            : 'their vectors were deleted.\n'),
      );
    for (const root of job['offlineRoots'] as string[])
      io.stderr.write(
        `glimpse: ${root} is offline (missing, unreadable or empty); its indexed files were kept. ` +
          `If it is gone for good: glimpse scope remove ${root}\n`,
      );
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
  if (!query) throw new UsageError('Say what to look for: glimpse search "dog on a beach".', 'search');
  const params: Record<string, string> = {};
  for (const k of ['kind', 'limit', 'folder', 'from', 'to', 'camera', 'lens', 'place', 'sort'] as const) {
    const v = values[k];
    if (typeof v === 'string') params[k] = k === 'folder' ? resolvePath(v) : v;
  }
  if (values['weaker'] === true) params['weaker'] = 'true';
  let options: SearchOptions;
  try {
    options = searchOptions(params);
  } catch (e) {
    throw new UsageError((e as Error).message, 'search');
  }
  let results: ReturnType<typeof searchResultJson>[];
  let understood: ReturnType<typeof understoodJson>[] = [];
  let relevance: Relevance | null = null;
  let hint: string | null = null;
  const skip = values['literal'] === true ? 'all' : '';
  const remote = serverFor(config);
  if (remote) {
    const q = new URLSearchParams({ q: query, ...params, ...(skip ? { skip } : {}) });
    const answer = (await remote.get(`/api/v1/search?${q}`)) as {
      results: typeof results;
      understood: typeof understood;
      relevance?: Relevance | null;
    };
    results = answer.results;
    understood = answer.understood ?? [];
    relevance = answer.relevance ?? null;
  } else {
    results = await withServices(
      config,
      values,
      io,
      async ({ model, index }) => {
        const { search: searcher } = await model.ready();
        const found = await searcher.byTextUnderstood(query, options, skipParts(skip));
        understood = found.understood.map(understoodJson);
        relevance = found.relevance;
        if (found.results.length === 0) hint = emptyIndexHint(await index.stats());
        return found.results.map(searchResultJson);
      },
      true,
    );
  }
  if (understood.length && !values['json'])
    io.stderr.write(
      `glimpse: read as ${understood.map(describeUnderstood).join(', ')} (--literal searches the words as they are)\n`,
    );
  if (hint) io.stderr.write(`glimpse: ${hint}\n`);
  if (values['json']) {
    io.stdout.write(`${JSON.stringify({ understood, relevance, results })}\n`);
    return hint ? EXIT.failed : EXIT.ok;
  }
  if (hint) return EXIT.failed; // an empty answer from a damaged index is not an answer
  const weaker = relevance && !relevance.weakerShown ? relevance.weaker : 0;
  if (results.length === 0 && weaker > 0)
    io.stderr.write(
      `glimpse: nothing close to "${query}": ${weaker} weaker match${weaker === 1 ? '' : 'es'}, no closer to it ` +
        'than to nonsense words (--weaker shows them).\n',
    );
  else if (results.length === 0) io.stderr.write('glimpse: nothing found (is the index built? run glimpse scan).\n');
  else if (weaker > 0)
    io.stderr.write(`glimpse: ${weaker} weaker match${weaker === 1 ? '' : 'es'} left out (--weaker shows them).\n`);
  for (const r of results) {
    io.stdout.write(`${r.score.toFixed(3)}  ${r.path}\n`);
    const about = [
      r.camera,
      r.place
        ? [r.place.city, r.place.region, r.place.country].filter((x, k, all) => x && all.indexOf(x) === k).join(', ')
        : null,
      r.takenAt && r.takenAtSource === 'metadata' ? `taken ${r.takenAt.slice(0, 10)}` : null,
    ].filter(Boolean);
    if (about.length) io.stdout.write(`         ${about.join(' · ')}\n`);
    if (r.pairedWith.length) io.stdout.write(`         RAW beside it: ${r.pairedWith.join(', ')}\n`);
    if (results.some((x) => x.why.keyword)) io.stdout.write(`         ${whyLine(r.why)}\n`);
    for (const s of r.segments.slice(0, 3))
      io.stdout.write(`         at ${clock(s.startSec ?? 0)}–${clock(s.endSec ?? 0)}  (${s.score.toFixed(3)})\n`);
  }
  return EXIT.ok;
}

/** Why a result is here, in one short line: 'name "[IMG]_[2041].jpg" · meaning #3'. */
function whyLine(why: ReturnType<typeof searchResultJson>['why']): string {
  const parts: string[] = [];
  const k = why.keyword;
  if (k) {
    let marked = '';
    let at = 0;
    for (const [a = 0, b = 0] of k.marks) {
      marked += `${k.text.slice(at, a)}[${k.text.slice(a, b)}]`;
      at = b;
    }
    const field = k.field === 'text' ? (k.exact ? 'a phrase in it' : 'text in it') : k.exact ? 'its name' : k.field;
    parts.push(`${field} "${marked}${k.text.slice(at)}"`);
  }
  parts.push(why.vectorRank ? `meaning #${why.vectorRank}` : 'not by meaning');
  return parts.join(' · ');
}

/** "taken July 2023 (2023-07-01 to 2023-07-31)", "only videos", "taken in Lisbon". */
function describeUnderstood(u: ReturnType<typeof understoodJson>): string {
  if (u.type === 'date') return `taken ${u.text} (${u.from!.slice(0, 10)} to ${u.to!.slice(0, 10)})`;
  if (u.type === 'kind') return u.kind === 'video' ? 'only videos' : 'only photos';
  return `taken in ${u.place}`;
}

/** Why a search found nothing when the index says it holds items: a damaged index must not pass for an empty one. */
function emptyIndexHint(s: { files: number; contents: number; indexedContents: number }): string | null {
  if (s.contents > 0 && s.files === 0)
    return (
      `nothing found, but the index holds ${s.contents} items and no file records: it looks damaged. ` +
      'Run glimpse index verify (and --repair), then glimpse scan: the files are linked again, nothing is embedded again.'
    );
  return null;
}

function clock(sec: number): string {
  const s = Math.floor(sec);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}

async function scope(config: GlimpseConfig, values: Values, rest: string[], io: CliIo): Promise<number> {
  const [action = 'list', ...args] = rest;
  if (action === 'list') {
    noExtra(args, 'scope');
    const remote = serverFor(config);
    const saved = remote
      ? ((await remote.get('/api/v1/scope')) as { roots: string[]; exclude: string[]; include: string[] })
      : await withServices(config, values, io, ({ scopes }) => scopes.current());
    if (values['json']) io.stdout.write(`${JSON.stringify(saved)}\n`);
    else if (saved.roots.length === 0) io.stderr.write('No folders yet: glimpse scope add ~/Pictures\n');
    else {
      for (const r of saved.roots) io.stdout.write(`${r}\n`);
      if (saved.include.length) io.stderr.write(`include: ${saved.include.join(', ')}\n`);
      if (saved.exclude.length) io.stderr.write(`exclude: ${saved.exclude.join(', ')}\n`);
    }
    return EXIT.ok;
  }
  if (action !== 'add' && action !== 'remove')
    throw new UsageError(`scope needs "list", "add" or "remove", not "${action}".`, 'scope');
  if (args.length === 0)
    throw new UsageError(`Say which folders to ${action}: glimpse scope ${action} ~/Pictures`, 'scope');
  const given = folders(args);
  const remote = serverFor(config);
  const change = await asUsage(
    remote
      ? changeRootsRemotely(remote, action === 'add' ? given : [], action === 'remove' ? given : [])
      : withServices(config, values, io, async ({ scopes }) =>
          changeJson(action === 'add' ? await scopes.addRoots(given) : await scopes.removeRoots(given)),
        ),
    'scope',
  );
  if (values['json']) {
    io.stdout.write(`${JSON.stringify(change)}\n`);
    return EXIT.ok;
  }
  reportChange(change, config, io);
  if (change.addedRoots.length === 0 && change.removedRoots.length === 0)
    io.stderr.write('glimpse: nothing changed (those folders were already covered).\n');
  io.stdout.write(
    remote ? 'The server is scanning with the new folders.\n' : 'Run glimpse scan (or glimpse serve) to apply it.\n',
  );
  return EXIT.ok;
}

async function index(config: GlimpseConfig, values: Values, rest: string[], io: CliIo): Promise<number> {
  const [action = 'stats', ...args] = rest;
  noExtra(args, 'index');
  if (action === 'verify') return verify(config, values, io);
  if (values['repair']) throw new UsageError('--repair goes with index verify.', 'index');
  if (action === 'copy') return copyIndex(config, values, io);
  if (values['to'] !== undefined) throw new UsageError('--to goes with index copy.', 'index');
  if (action !== 'stats' && action !== 'prune')
    throw new UsageError(`index needs "stats", "prune", "verify" or "copy", not "${action}".`, 'index');
  const remote = serverFor(config);
  let result: ReturnType<typeof indexJson> & { dropped?: number };
  if (remote) {
    result = (await (action === 'prune'
      ? remote.send('POST', '/api/v1/index/prune')
      : remote.get('/api/v1/index'))) as typeof result;
  } else {
    result = await withServices(config, values, io, async ({ index: idx }) => {
      const dropped = action === 'prune' ? await idx.prune() : undefined;
      const { indexJson } = await local();
      return { ...indexJson(await idx.stats()), ...(dropped === undefined ? {} : { dropped }) };
    });
  }
  if (values['json']) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return EXIT.ok;
  }
  if (result.dropped !== undefined)
    io.stdout.write(
      result.dropped
        ? `Deleted the vectors of ${result.dropped} item${result.dropped === 1 ? '' : 's'} whose files had left the index.\n`
        : 'No vectors were waiting to be deleted.\n',
    );
  io.stdout.write(
    `${result.files} files (${result.failedFiles} failed), ${result.indexedContents} of ${result.contents} items ` +
      `indexed with ${result.modelId}.\n`,
  );
  if (result.text.read > 0)
    io.stdout.write(`Text read in ${result.text.read} pictures; ${result.text.withText} have some.\n`);
  const r = result.released;
  if (r.contents > 0)
    io.stdout.write(
      `${r.contents} item${r.contents === 1 ? '' : 's'} (${r.points} vectors) left the index and keep their vectors ` +
        `for ${r.graceDays} days, so adding them back embeds nothing; the oldest go after ` +
        `${r.dropsAfter?.slice(0, 10)}. glimpse index prune deletes them now.\n`,
    );
  return EXIT.ok;
}

async function copyIndex(config: GlimpseConfig, values: Values, io: CliIo): Promise<number> {
  const to = values['to'];
  if (to !== 'qdrant' && to !== 'pgvector')
    throw new UsageError('index copy needs --to qdrant or --to pgvector.', 'index');
  if (to === config.vectorStore)
    throw new UsageError(
      `The index is already in ${to} (GLIMPSE_VECTOR_STORE=${to}); name the other store to copy it to.`,
      'index',
    );
  if (serverFor(config))
    throw new GlimpseError(
      'conflict',
      'A Glimpse server is running on this index; stop it first (the copy reads every vector, and a scan would write).',
    );
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  const tty = io.stderr.isTTY === true;
  let last = 0;
  try {
    const done = await withServices(config, values, io, ({ index: idx }) =>
      idx.copyTo(to, {
        signal: stop.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (values['json'] || (now - last < (tty ? 200 : 10_000) && p.done < p.total)) return;
          last = now;
          const pct = p.total ? Math.floor((p.done * 100) / p.total) : 100;
          const line = `Copying vectors to ${to}: ${p.done}/${p.total} items (${pct}%)`;
          io.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
        },
      }),
    );
    if (tty && !values['json']) io.stderr.write('\n');
    if (values['json']) io.stdout.write(`${JSON.stringify({ to, ...done })}\n`);
    else
      io.stdout.write(
        `Copied the vectors of ${done.copied} item${done.copied === 1 ? '' : 's'} to ${to}` +
          `${done.alreadyThere ? ` (${done.alreadyThere} were there already)` : ''}; nothing was embedded.\n` +
          `Set GLIMPSE_VECTOR_STORE=${to} to use them.\n`,
      );
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

async function workerCommand(config: GlimpseConfig, rest: string[], io: CliIo): Promise<number> {
  noExtra(rest, 'worker');
  const { openWorker, downloadProgressPrinter, redactUrl } = await local();
  const { worker, modelId, executionProvider, filesFrom, close } = await openWorker(config, {
    onDownload: downloadProgressPrinter(io.stderr),
    onWarning: (m) => io.stderr.write(`glimpse: ${m}\n`),
  });
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    io.stderr.write(
      `glimpse: worker with the model ${modelId} on the ${executionProvider === 'cuda' ? 'GPU (CUDA)' : 'CPU'}, ` +
        `taking embedding jobs from ${redactUrl(config.queueUrl!)}` +
        `${filesFrom ? `, fetching their files from ${filesFrom}` : ''}. Press Ctrl+C to stop.\n`,
    );
    const done = await worker.run({
      signal: stop.signal,
      name: config.workerName,
      onJob: (job, ms, outcome) =>
        io.stderr.write(
          `glimpse: ${outcome} a job of ${job.items.length} item${job.items.length === 1 ? '' : 's'} ` +
            `(scan ${job.scanId}${job.attempt > 1 ? `, try ${job.attempt}` : ''}) in ${(ms / 1000).toFixed(1)} s\n`,
        ),
    });
    io.stderr.write(`glimpse: worker stopped after ${done} job${done === 1 ? '' : 's'}.\n`);
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await close();
  }
}

async function verify(config: GlimpseConfig, values: Values, io: CliIo): Promise<number> {
  const repair = values['repair'] === true;
  const remote = serverFor(config);
  const report = (
    remote
      ? await remote.send('POST', '/api/v1/index/verify', { repair })
      : await withServices(config, { ...values, repair }, io, async ({ index: idx }) =>
          (await local()).verifyJson(await idx.verify(repair)),
        )
  ) as ReturnType<typeof verifyJson>;
  if (values['json']) io.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const c = report.checked;
    const list = (ps: typeof report.problems) =>
      ps
        .map((p) => `  - ${p.message}${p.examples.length ? ` (e.g. ${p.examples.slice(0, 2).join(', ')})` : ''}\n`)
        .join('');
    if (report.problems.length === 0)
      io.stdout.write(
        `The index is consistent: ${c.files} files, ${c.contents} items and ${c.vectorContents} vector sets checked.\n`,
      );
    else if (!repair)
      io.stderr.write(
        `glimpse: the index has ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:\n` +
          list(report.problems) +
          'Run glimpse index verify --repair to fix them (good vectors are kept, nothing is embedded again),\n' +
          'or glimpse reset --yes to start the index over.\n',
      );
    else {
      for (const r of report.repairs) io.stdout.write(`Repaired: ${r}.\n`);
      if (report.remaining.length === 0) io.stdout.write('The index is consistent now.\n');
      else
        io.stderr.write(
          `glimpse: these problems remain:\n${list(report.remaining)}Restore the data directory from a backup, or glimpse reset --yes.\n`,
        );
    }
  }
  return report.remaining.length === 0 ? EXIT.ok : EXIT.failed;
}

async function reset(config: GlimpseConfig, values: Values, rest: string[], io: CliIo): Promise<number> {
  noExtra(rest, 'reset');
  if (!values['yes']) {
    throw new UsageError(
      'reset deletes the whole index: every file record and the vectors of every model (your files are not touched); run it again with --yes to go ahead.',
      'reset',
    );
  }
  const remote = serverFor(config);
  let stats: unknown;
  if (remote) stats = await remote.send('DELETE', '/api/v1/index');
  else
    stats = await withServices(config, values, io, async ({ index: idx }) => {
      await idx.reset();
      return (await local()).indexJson(await idx.stats());
    });
  if (values['json']) io.stdout.write(`${JSON.stringify({ deleted: true, ...(stats as object) })}\n`);
  else io.stdout.write('The index is deleted; run glimpse scan to build it again.\n');
  return EXIT.ok;
}

async function openCommand(config: GlimpseConfig, rest: string[], io: CliIo): Promise<number> {
  noExtra(rest, 'open');
  const info = config.dataDir ? runningServer(config.dataDir) : null;
  if (!info) {
    io.stderr.write(
      `glimpse: no Glimpse server is running on ${config.dataDir ?? 'this index'}; start one with glimpse serve.\n`,
    );
    return EXIT.failed;
  }
  const key = readKey(serverKeyFile(config));
  io.stdout.write(`${key ? `${info.url}/?key=${key}` : info.url}\n`);
  return EXIT.ok;
}

async function models(config: GlimpseConfig, values: Values, rest: string[], io: CliIo): Promise<number> {
  const [action = 'list', name, ...extra] = rest;
  noExtra(extra, 'models');
  const { modelManager, downloadProgressPrinter } = await local();
  const manager = modelManager(config, downloadProgressPrinter(io.stderr));
  if (action === 'list') {
    if (name) throw new UsageError('models list takes no argument.', 'models');
    const list = await manager.list();
    if (values['json']) io.stdout.write(`${JSON.stringify({ modelDir: config.modelDir, models: list })}\n`);
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
    if (values['json']) io.stdout.write(`${JSON.stringify({ model: name ?? config.model, dir })}\n`);
    else io.stdout.write(`Model ready in ${dir}\n`);
    return EXIT.ok;
  }
  throw new UsageError(`models needs "list" or "download", not "${action}".`, 'models');
}
