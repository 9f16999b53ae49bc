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
// Whatever still holds the event loop (a keep-alive socket, a worker) must not keep a finished command alive.
setTimeout(() => process.exit(code), 2000).unref();
