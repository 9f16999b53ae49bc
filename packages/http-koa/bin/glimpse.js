#!/usr/bin/env node
// Runs the glimpse CLI: from the TypeScript sources in a repository checkout (through tsx, resolving the
// workspace packages to their sources), else from the built files.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

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
await import(fromSource ? source.href : new URL('../dist/main.js', import.meta.url).href);
