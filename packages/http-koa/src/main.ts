// The `glimpse` command: wires signals and exit codes around runCli.
import { EXIT, runCli } from './cli/cli.js';

let signalled = 0;
let onInterrupt: () => void = () => undefined;
const interrupted = new Promise<void>((resolve) => (onInterrupt = resolve));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    signalled++;
    if (signalled > 1) {
      process.stderr.write('glimpse: quitting at once.\n');
      process.exit(EXIT.interrupted);
    }
    onInterrupt();
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interrupted,
});
process.exitCode = code;
if (process.argv[2] === 'serve') {
  // Whatever still holds the event loop (a keep-alive socket, a worker) must not keep a stopped server alive.
  setTimeout(() => process.exit(code), 2000).unref();
} else {
  // A command that has finished has closed what it opened: it ends as soon as its output is written, instead of
  // waiting for thread pools and workers to wind down (0.3 s of a search).
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
