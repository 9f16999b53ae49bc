import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Wall time (ms) of a command, its output sent to /dev/null. */
export function timeCommand(cmd: string, args: readonly string[]): Promise<number> {
  const devnull = openSync('/dev/null', 'w');
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', devnull, 'inherit'] });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

export function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/**
 * Runs `node args` to its exit with a probe that records the process's own peak memory (VmHWM, the peak of its
 * resident set since it started; getrusage's maxrss starts from the parent's size at fork on Linux): wall time from
 * spawn to exit, peak MB, exit code and output. `workDir` holds the probe and its answer.
 */
export async function runNodeMeasured(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  workDir: string,
): Promise<{ code: number; stdout: string; stderr: string; ms: number; peakMb: number }> {
  mkdirSync(workDir, { recursive: true });
  const probe = join(workDir, 'rss-probe.mjs');
  const answer = join(workDir, `rss-${process.pid}`);
  writeFileSync(
    probe,
    "import { readFileSync, writeFileSync } from 'node:fs';\n" +
      "const peakKb = () => { try { return Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); }\n" +
      '  catch { return process.resourceUsage().maxRSS; } };\n' +
      "process.on('exit', () => writeFileSync(process.env.RSS_FILE, String(peakKb())));\n",
  );
  rmSync(answer, { force: true });
  const t0 = performance.now();
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((done, fail) => {
    const p = spawn('node', ['--import', probe, ...args], {
      env: { ...env, RSS_FILE: answer },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b: Buffer) => (stdout += b));
    p.stderr.on('data', (b: Buffer) => (stderr += b));
    p.on('error', fail);
    p.on('exit', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
  const ms = performance.now() - t0;
  let peakMb = NaN;
  try {
    peakMb = Number(readFileSync(answer, 'utf8')) / 1024;
  } catch {
    // killed before its exit handler ran
  }
  return { ...r, ms, peakMb };
}
