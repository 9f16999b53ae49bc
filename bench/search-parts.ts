// Where a server's search spends its time: the index opened as `glimpse serve` opens it, then every call the search
// makes to the file database and the vector store timed, beside the whole search, in one run. Run bench:cli first
// (it builds the index this reads, 10,000 pictures by default, with the tiny model).
// Usage: npm run bench:search-parts -- [--data-dir .bench/cli-search-10000/data] [--rounds 30]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KyselyFileRepository, PgVectorStore } from '@glimpse/adapters-postgres';
import { openServices, parseGlimpseConfig } from '@glimpse/http-koa';
import { fmtMs, median } from './stats.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.bench/cli-search-10000/data' },
    rounds: { type: 'string', default: '30' },
  },
});
const rounds = Number(values.rounds);
const WORDS = ['red', 'green', 'blue', 'yellow', 'white', 'black', 'orange', 'purple', 'pink', 'grey'];

// Every asynchronous method of the two adapters, timed from call to settlement.
const calls = new Map<string, number[]>();
for (const [name, cls] of [
  ['files', KyselyFileRepository],
  ['vectors', PgVectorStore],
] as const) {
  const proto = cls.prototype as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    const method = Object.getOwnPropertyDescriptor(proto, key)!.value as unknown;
    if (key === 'constructor' || typeof method !== 'function') continue;
    proto[key] = function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      const out = (method as (...a: unknown[]) => unknown).apply(this, args);
      if (!(out instanceof Promise)) return out;
      return out.then((v: unknown) => {
        const k = `${name}.${key}`;
        calls.set(k, [...(calls.get(k) ?? []), performance.now() - t0]);
        return v;
      });
    };
  }
}

const config = parseGlimpseConfig({
  ...process.env,
  GLIMPSE_OCR: 'off',
  GLIMPSE_DATA_DIR: resolve(values['data-dir']),
});
const services = await openServices(config, {});
try {
  const { search } = await services.model.ready();
  const once = async (i: number) => {
    const found = await search.byTextUnderstood(`${WORDS[i % WORDS.length]} ${i}`, { weaker: true }, []);
    if (found.results.length === 0) throw new Error('the search found nothing: is the index built (bench:cli)?');
  };
  for (let i = 0; i < Math.min(20, rounds); i++) await once(i); // warm-up: the JIT and the server's caches
  calls.clear();
  const whole: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await once(1000 + i);
    whole.push(performance.now() - t0);
  }
  console.log(`\nA server's text search (relevance weighed, --weaker), ${rounds} searches after a warm-up:`);
  console.log('(a call made inside another, as vectors.searchOnce inside vectors.search, is counted in both)');
  console.log('| part | calls per search | p50 | per search (mean) | share of the search |');
  console.log('|---|---|---|---|---|');
  const total = whole.reduce((a, b) => a + b, 0) / rounds;
  console.log(`| the whole search | 1 | ${fmtMs(median(whole))} | ${fmtMs(total)} | 100% |`);
  for (const [k, v] of [...calls].sort((a, b) => b[1].reduce((x, y) => x + y) - a[1].reduce((x, y) => x + y))) {
    const per = v.reduce((a, b) => a + b, 0) / rounds;
    console.log(
      `| ${k} | ${(v.length / rounds).toFixed(1)} | ${fmtMs(median(v))} | ${fmtMs(per)} | ${((per / total) * 100).toFixed(0)}% |`,
    );
  }
} finally {
  await services.close();
}
