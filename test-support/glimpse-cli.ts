// The real `glimpse` command in a child process, for the CLI's end-to-end tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
