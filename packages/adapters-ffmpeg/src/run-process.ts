import { spawn } from 'node:child_process';

export interface RunResult {
  readonly stdout: Buffer;
  readonly code: number | null;
  /** The last lines ffmpeg wrote to stderr, for error messages. */
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface RunOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Called with each stdout chunk instead of collecting stdout. */
  readonly onStdout?: (chunk: Buffer) => void;
}

/**
 * Runs a process to the end, killing it (SIGKILL) on timeout or abort; keeps the tail of its stderr. A process that
 * cannot be started (no such program, too many open files) rejects with the system's error, never an unhandled
 * 'error' event.
 */
export function runProcess(cmd: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      reject(e);
      return;
    }
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    let done = false;
    const kill = () => child.kill('SIGKILL');
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const finish = () => {
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', kill);
    };
    // First of all: a spawn that fails reports it as an 'error' event on the next tick.
    child.on('error', (e) => {
      if (done) return;
      finish();
      child.stdout?.destroy();
      child.stderr?.destroy();
      reject(e);
    });
    options.signal?.addEventListener('abort', kill, { once: true });
    child.stdout?.on('data', (c: Buffer) => (options.onStdout ? options.onStdout(c) : out.push(c)));
    child.stdout?.on('error', () => undefined); // the process's 'error' or 'close' says what happened
    child.stderr?.on('data', (c: Buffer) => {
      err = (err + c.toString()).slice(-4000);
    });
    child.stderr?.on('error', () => undefined);
    child.on('close', (code) => {
      if (done) return;
      finish();
      resolve({ stdout: Buffer.concat(out), code, stderr: lastLines(err), timedOut });
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ');
}
