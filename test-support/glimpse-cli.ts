// The real `glimpse` command in a child process, for the CLI's end-to-end tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field by the tests */

export const GLIMPSE_BIN = fileURLToPath(new URL('../packages/http-koa/bin/glimpse.js', import.meta.url));

export interface GlimpseRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `glimpse args` with exactly `env`; killed (SIGKILL) after `timeoutMs`. */
export function runGlimpse(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { timeoutMs?: number; onStderr?: (stderr: string, pid: number) => void } = {},
): Promise<GlimpseRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [GLIMPSE_BIN, ...args], {
      env,
      stdio: 'pipe',
      timeout: options.timeoutMs ?? 60_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      options.onStderr?.(stderr, child.pid!);
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `glimpse args --json`; the parsed reply, or a throw with its stderr when it exits non-zero. */
export async function glimpseJson(args: readonly string[], env: NodeJS.ProcessEnv): Promise<any> {
  const r = await runGlimpse([...args, '--json'], env, { timeoutMs: 240_000 });
  if (r.code !== 0) throw new Error(`glimpse ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** What `glimpse search` answers for each query: [path, score to 6 decimals] of the first 30, to compare indexes. */
export async function searchAnswers(env: NodeJS.ProcessEnv, queries: readonly string[]): Promise<string[][][]> {
  const out = [];
  for (const q of queries)
    out.push(
      (await glimpseJson(['search', q, '--limit', '30'], env)).results.map((r: any) => [r.path, r.score.toFixed(6)]),
    );
  return out;
}
