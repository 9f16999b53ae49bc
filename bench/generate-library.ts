// Usage: npm run bench:generate -- [DIR] [FILES] [SEED]
import { resolve } from 'node:path';
import { generateLibrary } from './library-generator.js';

const [dir = '.bench/library-100000', files = '100000', seed = '42'] = process.argv.slice(2);
const t0 = performance.now();
const info = generateLibrary(resolve(dir), Number(files), Number(seed));
console.log(
  `${info.files} files (${info.media} media) in ${info.folders} folders, ${(info.bytes / 1e12).toFixed(2)} TB apparent size, ` +
    `at ${info.root} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
