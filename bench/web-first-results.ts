// The web app's weight and how soon a person sees results: the built bundle's size (raw and gzipped), and the time
// from submitting a query in Chromium to the grid painted with its pictures, against the same API call alone from
// the same page, in one run, alternating so that neither gets a warmer cache. Tiny model, PGlite, no OCR.
// Usage: npm run bench:web -- [--images 2000] [--rounds 5]
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { startServer } from '@glimpse/http-koa';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { build } from 'vite';
import { percentile } from './stats.js';

const { values } = parseArgs({
  options: { images: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' } },
});
const images = Number(values.images);
const rounds = Number(values.rounds);
const dir = join(tmpdir(), `glimpse-bench-web-${process.pid}`);
const lib = join(dir, 'library');
const WEB_ROOT = fileURLToPath(new URL('../packages/web', import.meta.url));
// Colour words the tiny model knows, and words it does not (keyword and nonsense paths): each a distinct answer.
const QUERIES = ['red', 'green', 'blue', 'yellow', 'white', 'black', 'sunset', 'IMG_0042'];

await build({ root: WEB_ROOT, logLevel: 'warn', build: { outDir: join(dir, 'web'), emptyOutDir: true } });
const assets = join(dir, 'web', 'assets');
const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
const size = (ext: string) =>
  files
    .filter((f) => f.endsWith(ext))
    .reduce(
      (n, f) => {
        const bytes = readFileSync(join(assets, f));
        return { raw: n.raw + statSync(join(assets, f)).size, gzip: n.gzip + gzipSync(bytes).length };
      },
      { raw: 0, gzip: 0 },
    );
const js = size('.js');
const css = size('.css');

console.log(`Generating ${images} pictures ...`);
await mkdir(lib, { recursive: true });
for (let i = 0; i < images; i++) {
  const background = { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 };
  const [w, h] = (
    [
      [64, 48],
      [48, 64],
      [80, 45],
    ] as const
  )[i % 3]!;
  await sharp({ create: { width: w, height: h, channels: 3, background } })
    .png()
    .toFile(join(lib, `${i % 7 === 0 ? 'IMG_' : 'pic-'}${String(i).padStart(4, '0')}.png`));
}
const server = await startServer({
  roots: [lib],
  dataDir: join(dir, 'data'),
  model: TINY_TEST_MODEL_DIR,
  port: 0,
  env: { HOME: join(dir, 'home'), GLIMPSE_WEB_DIR: join(dir, 'web'), GLIMPSE_OCR: 'off' },
  log: () => undefined,
});
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  console.log('Scanning ...');
  await server.services.jobs.wait(server.startupScan!.id);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx names inner functions with a helper the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(server.openUrl);
  await page.getByRole('heading', { name: 'Your library' }).waitFor({ timeout: 60_000 });

  /**
   * From the library page, submit `q` in the search box; milliseconds until the grid for it is painted: the result
   * count the API gives, its first result first, that picture decoded (or the nothing-close page).
   */
  const inBrowser = async (q: string) => {
    await page.locator('a.brand').click();
    await page.getByRole('heading', { name: 'Your library' }).waitFor();
    const answer = (await (
      await page.request.get(`${server.url}/api/v1/search?q=${encodeURIComponent(q)}`)
    ).json()) as {
      results: { path: string }[];
      relevance: { matches: number } | null;
    };
    const first = answer.results[0]?.path.split('/').pop() ?? null;
    return page.evaluate(
      async ({ query, first }) => {
        const input = document.querySelector<HTMLInputElement>('#q')!;
        const painted = () =>
          new Promise<void>((resolve, reject) => {
            const give = setTimeout(() => reject(new Error(`no results painted for "${query}" in 30 s`)), 30_000);
            const check = () => {
              const here = new URLSearchParams(location.search).get('q') === query;
              const img = document.querySelector<HTMLImageElement>('.grid .tile img');
              const done = first
                ? !!document.querySelector('[data-testid="result-count"]') && img?.alt === first && img.complete
                : !!document.querySelector('[data-testid="cut-off"], [data-testid="no-results"]');
              if (here && done)
                requestAnimationFrame(() =>
                  requestAnimationFrame(() => {
                    clearTimeout(give);
                    resolve();
                  }),
                );
              else requestAnimationFrame(check);
            };
            check();
          });
        const started = performance.now();
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.form!.requestSubmit();
        await painted();
        return performance.now() - started;
      },
      { query: q, first },
    );
  };
  /** The same search, the API call alone (the first page, as the app asks for it), from the same page. */
  const apiAlone = (q: string) =>
    page.evaluate(async (query) => {
      const started = performance.now();
      const r = await fetch(`/api/v1/search?q=${encodeURIComponent(query)}&offset=0&limit=40`);
      await r.json();
      return performance.now() - started;
    }, q);

  for (const q of QUERIES) {
    await inBrowser(q); // warm: the text model, caches, the thumbnails' first render
    await apiAlone(q);
  }
  const times = { browser: [] as number[], api: [] as number[] };
  for (let r = 0; r < rounds; r++)
    for (const q of QUERIES) {
      for (const kind of r % 2 ? (['api', 'browser'] as const) : (['browser', 'api'] as const))
        times[kind].push(kind === 'api' ? await apiAlone(q) : await inBrowser(q));
    }
  const p = (xs: number[], k: number) => percentile(xs, k).toFixed(1);
  console.log(
    `\nThe web app, ${images} pictures, ${QUERIES.length} queries x ${rounds} rounds, ${availableParallelism()} CPUs, Chromium headless, one run:`,
  );
  console.log(
    `Bundle: JS ${(js.raw / 1024).toFixed(1)} KB (${(js.gzip / 1024).toFixed(1)} KB gzipped), CSS ${(css.raw / 1024).toFixed(1)} KB (${(css.gzip / 1024).toFixed(1)} KB gzipped)`,
  );
  console.log('| what | p50 ms | p95 ms | ratio (p50) |\n|---|---|---|---|');
  const base = percentile(times.api, 50);
  for (const [name, xs] of [
    ['API call alone (fetch + JSON, first page)', times.api],
    ['Enter to the grid painted, pictures decoded', times.browser],
  ] as const)
    console.log(`| ${name} | ${p(xs, 50)} | ${p(xs, 95)} | ${(percentile(xs, 50) / base).toFixed(2)}x |`);
  console.log('Typing without Enter adds the 250 ms pause the app waits before it searches (results as you type).');
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
