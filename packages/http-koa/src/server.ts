import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GlimpseError, type ScanJob } from '@glimpse/core';
import { createApp } from './app.js';
import { parseGlimpseConfig } from './config.js';
import { openServices, type ContainerOptions, type Services } from './container.js';
import { defaultWebDir } from './routes/web-app.js';
import { createWorkerApp, listenForWorkers } from './workers/worker-api.js';
import { loadOrCreateKey } from './middleware/auth.js';
import { SERVER_FILE, serverKeyFile, workerToken, type ServerInfo } from './server-files.js';

export { runningServer, serverKeyFile, workerToken, workerTokenFile, type ServerInfo } from './server-files.js';

export interface ServeOptions extends ContainerOptions {
  /** Folders to index: added to the saved scope's roots (each must exist). */
  readonly roots?: readonly string[];
  /**
   * Called once the index is open, before the server listens and the start-up scan is queued (e.g. to change the
   * scope); a throw stops the start.
   */
  readonly onOpen?: (services: Services) => Promise<void>;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly model?: string;
  readonly port?: number;
  readonly host?: string;
  /** A JSON config file (else GLIMPSE_CONFIG, else ~/.config/glimpse/config.json when present). */
  readonly configFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Rescan at start (the default), serving the existing index meanwhile. */
  readonly scanOnStart?: boolean;
  /**
   * Require the server's key on every request (the default): other accounts on this machine can reach loopback
   * too. Turn it off only where nothing else can connect (a test, a private network namespace).
   */
  readonly requireKey?: boolean;
  readonly progressIntervalMs?: number;
  /** Where log lines go; default stderr. */
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  /** The address to open in a browser: `url` with the key, which the browser keeps in a cookie. */
  readonly openUrl: string;
  /** The key every request must carry (`Authorization: Bearer <key>`); null when not required. */
  readonly key: string | null;
  readonly port: number;
  /** Glimpse's services in this server (the scan queue, the scope, the index, the model). */
  readonly services: Services;
  /** The scan started at start-up, if any. */
  readonly startupScan: ScanJob | null;
  /** Where workers on other machines fetch files (GLIMPSE_WORKER_LISTEN), if that listener is open. */
  readonly workerUrl: string | null;
  /** Stops accepting, cancels the running scan at its next checkpoint, closes the databases. */
  close(): Promise<void>;
}

/** What a running server writes into its data directory, so CLI commands can find it instead of failing on the lock. */

/**
 * How long the server waits for what a client owes it, and how many connections it keeps: a slow or idle client
 * is cut off, and a flood of connections is refused (closed at once) instead of exhausting the file descriptors
 * that scans need. Event streams (GET /scans/:id/events) are exempt from the idle limit while they stream.
 */
export const CONNECTION_LIMITS = {
  http: {
    /** The request's headers must arrive within this (slowloris). */
    headersTimeout: 10_000,
    /** The whole request (headers and body, e.g. an upload) must arrive within this. */
    requestTimeout: 60_000,
    /** An idle kept-alive connection is closed after this. */
    keepAliveTimeout: 5_000,
    /** How often the two timeouts above are checked. */
    connectionsCheckingInterval: 1_000,
  },
  /**
   * A connection with no traffic at all for this long is closed. Not above the headers timeout: on Node 20 an idle
   * socket's inactivity timer longer than that never fired (seen in a test), and idle connections piled up.
   */
  socketIdleMs: 10_000,
  /** More connections than this at once are refused. */
  maxConnections: 256,
} as const;

function applyLimits(server: Server): void {
  server.headersTimeout = CONNECTION_LIMITS.http.headersTimeout;
  server.requestTimeout = CONNECTION_LIMITS.http.requestTimeout;
  server.keepAliveTimeout = CONNECTION_LIMITS.http.keepAliveTimeout;
  server.timeout = CONNECTION_LIMITS.socketIdleMs;
  server.maxConnections = CONNECTION_LIMITS.maxConnections;
  // Malformed requests and timeouts: Node answers 400 or 408 and closes that connection (its default 'clientError').
}

/**
 * Starts Glimpse as a localhost server: migrations first, then it serves at once from the existing index while
 * the model loads and a rescan runs in the background.
 */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const config = parseGlimpseConfig(options.env ?? process.env, {
    GLIMPSE_DATA_DIR: options.dataDir,
    GLIMPSE_DATABASE_URL: options.databaseUrl,
    GLIMPSE_MODEL: options.model,
    GLIMPSE_PORT: options.port?.toString(),
    GLIMPSE_HOST: options.host,
    GLIMPSE_CONFIG: options.configFile,
  });
  const services = await openServices(config, options);
  const { jobs, scopes, index, model } = services;
  let server: Server | null = null;
  let workerServer: Server | null = null;
  let infoFile: string | null = null;
  try {
    if (options.roots?.length) await scopes.addRoots(options.roots);
    await options.onOpen?.(services);
    const keyFile = serverKeyFile(config);
    const key = options.requireKey === false ? null : loadOrCreateKey(keyFile);
    const { app } = createApp(services, {
      policy: { extraHosts: config.server.allowedHosts, trustedNetworks: config.server.trustedNetworks },
      auth: key ? { key, keyFile } : null,
      ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
      log,
      webDir: config.webDir ?? defaultWebDir(),
    });
    server = createServer({ ...CONNECTION_LIMITS.http }, app.callback());
    applyLimits(server);
    await listen(server, config.server.port, config.server.host);
    const address = server.address() as { port: number };
    const shownHost = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
    const url = `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${address.port}`;
    let workerUrl: string | null = null;
    if (config.workers?.listen) {
      const token = workerToken(config);
      const forWorkers = await listenForWorkers(
        createWorkerApp({
          token,
          files: services.workerFiles,
          log,
          onServed: (bytes) => services.metrics.workerFileServed(bytes),
        }),
        config.workers.listen,
        applyLimits,
      );
      workerServer = forWorkers;
      const at = forWorkers.address() as { port: number };
      const h = config.workers.listen.host;
      workerUrl = `http://${h.includes(':') ? `[${h}]` : h}:${at.port}`;
      log(
        `glimpse: workers on other machines fetch files at ${workerUrl} with the worker token ` +
          `(glimpse worker-token prints it); nothing else is served there.`,
      );
    }
    if (config.dataDir) {
      infoFile = join(config.dataDir, SERVER_FILE);
      const info: ServerInfo = { pid: process.pid, hostname: hostname(), url, startedAt: new Date().toISOString() };
      writeFileSync(infoFile, JSON.stringify(info));
    }

    model.ready().then(
      ({ embedder }) => log(`glimpse: model ${embedder.modelId} is loaded.`),
      (e: Error) => log(`glimpse: the model could not be loaded: ${e.message}`),
    );
    index.quickCheck().then(
      (problems) => {
        if (problems.length)
          log(
            `glimpse: the index has problems: ${problems.join('; ')}. Run glimpse index verify for the details, ` +
              'and glimpse index verify --repair to fix them.',
          );
      },
      (e: Error) => log(`glimpse: the index could not be checked: ${e.message}`),
    );
    jobs.subscribe((e) => {
      if (e.type !== 'status') return;
      const j = e.job;
      if (j.status === 'completed') {
        const c = j.counts;
        log(
          `glimpse: scan ${j.id} done in ${((j.durationMs ?? 0) / 1000).toFixed(1)} s: ${c.seen} files, ${c.new} new, ` +
            `${c.modified} modified, ${c.moved} moved, ${c.deleted} deleted, ${c.embedded} embedded, ${c.failed} failed` +
            `${c.textRead ? `, text read in ${c.textRead} pictures` : ''}.`,
        );
      } else if (j.status === 'failed') log(`glimpse: scan ${j.id} failed: ${j.error}`);
    });
    const scope = await scopes.current();
    const startupScan =
      options.scanOnStart !== false && scope.roots.length > 0 ? jobs.request('incremental', 'startup').job : null;
    if (scope.roots.length === 0)
      log('glimpse: no folders to index yet; start with `glimpse serve <folder>` or PUT /api/v1/scope.');

    let closing: Promise<void> | null = null;
    const s = server;
    const forWorkers = workerServer as Server | null;
    const file = infoFile;
    return {
      url,
      openUrl: key ? `${url}/?key=${key}` : url,
      key,
      port: address.port,
      services,
      startupScan,
      workerUrl,
      close: () =>
        (closing ??= (async () => {
          const stopped = new Promise<void>((r) => s.close(() => r()));
          s.closeIdleConnections();
          if (forWorkers) {
            forWorkers.close();
            forWorkers.closeAllConnections();
          }
          await services.close(); // ends running scans; their event streams send `done` and end
          const grace = setTimeout(() => s.closeAllConnections(), 2000);
          await stopped;
          clearTimeout(grace);
          if (file) removeIfOurs(file);
        })()),
    };
  } catch (e) {
    server?.close();
    workerServer?.close();
    if (infoFile) removeIfOurs(infoFile);
    await services.close();
    throw e;
  }
}

function removeIfOurs(file: string): void {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as ServerInfo;
    if (info.pid === process.pid) unlinkSync(file);
  } catch {
    /* gone already */
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE')
        reject(
          new GlimpseError(
            'conflict',
            `Port ${port} on ${host} is already taken (is Glimpse already running?). Choose another with --port or GLIMPSE_PORT.`,
          ),
        );
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
        reject(new GlimpseError('invalid-input', `Cannot listen on ${host}: this computer has no such address.`));
      else if (e.code === 'EACCES')
        reject(new GlimpseError('invalid-input', `Not allowed to listen on port ${port}; choose one above 1023.`));
      else reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
