// The composition root is one file: outside container.ts no source creates an adapter or reaches into the
// container, and no route or CLI command gets the database object or the container (they get the use cases and
// services they use). Checked on the sources, so a later edit cannot quietly grow a second root.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
const SHELL = join(PACKAGES, 'http-koa', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.ts$/.test(e.name) && !/\.(spec|fixture)\.ts$|\.d\.ts$/.test(e.name) ? [path] : [];
  });
}

/** The values (not types) an adapter package exports: its classes and functions. */
function adapterExports(): Map<string, string> {
  const names = new Map<string, string>();
  for (const pkg of [
    'adapters-postgres',
    'adapters-qdrant',
    'adapters-pgboss',
    'adapters-onnx',
    'adapters-ffmpeg',
    'adapters-metadata',
  ]) {
    const index = readFileSync(join(PACKAGES, pkg, 'src', 'index.ts'), 'utf8');
    for (const m of index.matchAll(/export\s*\{([^}]*)\}/g))
      for (const part of m[1]!.split(',')) {
        const name = part.trim();
        if (name && !name.startsWith('type ')) names.set(name.split(/\s+as\s+/).pop()!, pkg);
      }
  }
  return names;
}

/** What may be used outside the root: settings parsing, defaults and a printer, none of which builds an adapter. */
const NOT_CONSTRUCTION = new Set([
  'parsePostgresConfig',
  'redactUrl',
  'parseQdrantConfig',
  'QDRANT_SETTINGS',
  'DEFAULT_HUB_URL',
  'DEFAULT_MODEL',
  'defaultModelDir',
  'downloadProgressPrinter',
]);

describe('the one composition root', () => {
  it('is the only shell file that imports adapters to build them', () => {
    const adapters = adapterExports();
    expect(adapters.size).toBeGreaterThan(10);
    const found: string[] = [];
    for (const file of sources(SHELL)) {
      if (file.endsWith(join('src', 'container.ts'))) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@glimpse\/adapters-[a-z]+'/g))
        for (const part of m[1]!.split(',')) {
          const name = part.trim();
          if (name && !name.startsWith('type ') && !NOT_CONSTRUCTION.has(name))
            found.push(`${relative(PACKAGES, file)} imports ${name}`);
        }
      for (const [name, pkg] of adapters)
        if (new RegExp(`\\bnew\\s+${name}\\b|\\b${name}\\.(open|load|create)\\(`).test(text))
          found.push(`${relative(PACKAGES, file)} creates ${name} (${pkg})`);
    }
    expect(found).toEqual([]);
  });

  it('gives no route or CLI command the database object or the container', () => {
    const found: string[] = [];
    for (const file of [...sources(join(SHELL, 'routes')), ...sources(join(SHELL, 'cli'))]) {
      const text = readFileSync(file, 'utf8');
      for (const word of ['GlimpseDatabase', 'Container', 'TOKENS', 'buildContainer', 'resolve(c'])
        if (new RegExp(`\\b${word.replace('(', '\\(')}`).test(text)) found.push(`${relative(PACKAGES, file)}: ${word}`);
    }
    expect(found).toEqual([]);
  });
});
