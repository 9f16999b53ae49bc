#!/usr/bin/env node
// Runs the glimpse CLI: from the TypeScript sources in a repository checkout (through tsx, resolving the
// workspace packages to their sources), else from the built files.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'node:module';
import { setFlagsFromString } from 'node:v8';

// A command that runs a query or two and ends compiles the embedded database's WebAssembly once, with V8's quick
// compiler only: the optimizing compiler's background work on the 9 MB module took a second of a cold search's CPU
// and made it slower on a 2-core machine (docs/benchmarks.md, CLI search). Long commands (serve, scan) keep it.
const QUICK = new Set(['search', 'scope', 'open']);
const TAKES_VALUE = new Set(['--data-dir', '--model', '--config']);
const args = process.argv.slice(2);
const command = args.find((a, i) => !a.startsWith('-') && !TAKES_VALUE.has(args[i - 1] ?? ''));
if (command && QUICK.has(command)) setFlagsFromString('--liftoff-only');

const source = new URL('../src/main.ts', import.meta.url);
// An installed package (inside node_modules) runs its build; a checkout of the repository runs its sources.
const installed = /[\\/]node_modules[\\/]/.test(decodeURIComponent(source.pathname));
let fromSource = !installed && existsSync(source) && process.env.GLIMPSE_USE_DIST !== '1';
if (fromSource) {
  try {
    const tsx = await import('tsx/esm/api');
    tsx.register();
    register(new URL('./source-conditions.js', import.meta.url));
  } catch {
    fromSource = false; // tsx is a development tool; without it, use the build
  }
}
// From a build: the bundle (dist/cli-bundle, a few files instead of ~1,500 modules), or the modules where it is
// missing or cannot find what it leaves outside: the native packages, from its own folder up (an install that
// keeps each package's dependencies apart, as pnpm does, has them elsewhere), and the other @glimpse packages
// beside this one (their workers and data files).
const bundle = new URL('../dist/cli-bundle/glimpse.js', import.meta.url);
const bundleUsable = () => {
  if (!existsSync(bundle)) return false;
  const here = dirname(fileURLToPath(bundle));
  const found = (name) => {
    for (let dir = here; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'node_modules', name))) return true;
      if (dirname(dir) === dir) return false;
    }
  };
  return (
    ['@electric-sql/pglite', 'onnxruntime-node', 'sharp'].every(found) &&
    existsSync(new URL('../../core/dist/index.js', import.meta.url))
  );
};
const built = bundleUsable() ? bundle : new URL('../dist/main.js', import.meta.url);
await import(fromSource ? source.href : built.href);
