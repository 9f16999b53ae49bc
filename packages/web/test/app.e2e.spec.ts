// The web app in a real browser (Debian's Chromium driven by playwright-core) against a real server: tiny model,
// PGlite, generated pictures and a generated video.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { startServer, type RunningServer } from '@glimpse/http-koa';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEIPT, writeTextPicture } from '../../../test-support/text-pictures.js';
import { FakeHub } from '../../adapters-onnx/src/fake-hub.fixture.js';
import { makeMediaLibrary, type MediaLibrary } from '../../../test-support/media-library.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/web/', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const missing = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
if (missing) console.warn(`SKIPPED: the web app browser tests: ${missing}.`);

let dir: string;
let lib: MediaLibrary;
let server: RunningServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

async function axe(name: string): Promise<void> {
  await page.evaluate(AXE); // through the DevTools protocol: the page's own CSP forbids inline scripts
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

const firstTileName = () => page.locator('.grid .tile img').first().getAttribute('alt');
/** The names of the first `n` tiles, sorted: for items that tie (the blue picture and the video's blue scene). */
const firstTileNames = (n: number) =>
  page.locator('.grid .tile img').evaluateAll(
    (imgs, k) =>
      imgs
        .slice(0, k)
        .map((i) => i.getAttribute('alt'))
        .sort(),
    n,
  );

/** The same screen at both sizes the issue names, as <name>-1280x800.png and <name>-390x844.png. */
async function shoot(name: string, reopen?: () => Promise<void>): Promise<void> {
  const before = page.viewportSize()!;
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    if (reopen) await reopen();
    await page.waitForTimeout(150); // the grid lays out again for the new width
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize(before);
  if (reopen) await reopen();
}

/** Waits until the grid's pictures have loaded. */
const pictures = () =>
  page.locator('.grid .tile img').evaluateAll((imgs: HTMLImageElement[]) => Promise.all(imgs.map((i) => i.decode())));

describe.skipIf(missing !== null)('the web app in Chromium', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glimpse-web-'));
    await mkdir(ARTIFACTS, { recursive: true });
    await build({ root: WEB_ROOT, logLevel: 'warn', build: { outDir: join(dir, 'web'), emptyOutDir: true } });
    lib = await makeMediaLibrary(join(dir, 'library'));
    server = await startServer({
      roots: [lib.root],
      dataDir: join(dir, 'data'),
      model: TINY_TEST_MODEL_DIR,
      port: 0,
      env: { HOME: join(dir, 'home'), GLIMPSE_WEB_DIR: join(dir, 'web') },
      progressIntervalMs: 50,
      log: () => undefined,
    });
    await server.services.jobs.wait(server.startupScan!.id);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    await page.goto(server.openUrl); // the address `glimpse serve` prints: the browser keeps the key
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('typing "red" shows the red picture first; the URL holds the query and a reload restores it', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Search your photos and videos').fill('red');
    await expect.poll(firstTileName).toBe('red.jpg');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('red');
    await page.reload();
    await expect.poll(firstTileName).toBe('red.jpg');
    expect(await page.getByLabel('Search your photos and videos').inputValue()).toBe('red');
    await page
      .locator('.grid .tile img')
      .first()
      .evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: join(ARTIFACTS, 'results-grid.png') });
    await axe('results grid');
  });

  it('the back button returns to the previous search', async () => {
    await page.getByLabel('Search your photos and videos').fill('blue');
    // The blue picture and the video's blue scene score the same: either may come first.
    await expect.poll(() => firstTileNames(2)).toEqual(['blue.png', 'rgb.mp4']);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('red');
    await expect.poll(firstTileName).toBe('red.jpg');
  });

  it('opens a result in the viewer: facts, copy path, left/right through the results, Escape closes', async () => {
    await page.goto(`${server.url}/?q=red&kind=image&weaker=true`);
    await expect.poll(firstTileName).toBe('red.jpg');
    await page.locator('.grid .tile-open').first().click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('red.jpg');
    expect(await dialog.textContent()).toMatch(/320 × 240 pixels/);
    await dialog.getByText('Canon EOS R6').waitFor(); // the camera, from the picture's EXIF
    await dialog.getByText('Paris, Île-de-France, France').waitFor(); // its GPS position, named offline
    expect(await dialog.locator('dt').allTextContents()).toContain('Taken');
    await dialog.getByRole('button', { name: 'Copy path' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lib.red);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => dialog.getByRole('heading').textContent()).not.toBe('red.jpg');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('red.jpg');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('reads "red in Paris" as a place filter, shown as a chip that can be removed', async () => {
    await page.goto(`${server.url}/?q=${encodeURIComponent('red in Paris')}`);
    await page.getByTestId('chip-place').waitFor();
    expect(await page.getByTestId('chip-place').textContent()).toMatch(/In Paris/);
    await expect.poll(() => page.locator('.grid .tile img').count()).toBe(1);
    expect(await firstTileName()).toBe('red.jpg');
    await page.screenshot({ path: join(ARTIFACTS, 'chips.png') });
    await page.getByRole('button', { name: 'Search the words "Paris" instead' }).click();
    await expect.poll(() => page.getByTestId('chip-place').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('skip')).toBe('place');
    await expect.poll(() => page.locator('.grid .tile img').count()).toBeGreaterThan(1);
    // A picture that records no date says its date is when the file was changed.
    await page.goto(`${server.url}/?q=blue&kind=image&skip=kind`);
    await expect.poll(firstTileName).toBe('blue.png');
    await page.locator('.grid .tile-open').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/records no date taken/).waitFor();
    expect(await dialog.locator('dt').allTextContents()).toContain('Modified');
    await page.screenshot({ path: join(ARTIFACTS, 'lightbox-modified.png') });
    await page.keyboard.press('Escape');
  });

  it('fits a phone screen, in the dark theme too, with no serious accessibility violations', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${server.url}/?q=red`);
    await expect.poll(firstTileName).toBe('red.jpg');
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 391)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(18, 18, 20)');
    await page.screenshot({ path: join(ARTIFACTS, 'results-phone-dark.png') });
    await axe('results grid, phone, dark');
    // The filters fold behind one button on a phone; the picture search is an icon button beside the box.
    const filters = page.getByRole('group', { name: 'Filters' });
    expect(await filters.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Filters' }).click();
    expect(await filters.isVisible()).toBe(true);
    const boxes = await filters
      .locator('input, select')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(Math.max(...boxes) - Math.min(...boxes)).toBeLessThan(2); // one width: two even columns
    await page.screenshot({ path: join(ARTIFACTS, 'filters-390x844.png') });
    const camera = (await page.locator('.file-button').boundingBox())!;
    expect(camera.width).toBeLessThan(60);
    expect(await page.locator('.file-button').getAttribute('title')).toBe('Search with a picture');
    const placeholder = await page.getByLabel('Search your photos and videos').evaluate((i: HTMLInputElement) => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = getComputedStyle(i).font;
      return { text: c.measureText(i.placeholder).width, box: i.clientWidth };
    });
    expect(placeholder.text).toBeLessThan(placeholder.box); // the placeholder is not cut
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('dropping a green picture finds the green items, and "more like this" works', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#00ff00' } })
      .png()
      .toBuffer();
    await page.evaluate(
      async (bytes) => {
        const file = new File([new Uint8Array(bytes)], 'green-query.png', { type: 'image/png' });
        const data = new DataTransfer();
        data.items.add(file);
        document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      [...png],
    );
    await page.getByText('Searching with').waitFor();
    await expect.poll(firstTileName).toBe('green.jpg');

    const blue = page.locator('.grid .tile').filter({ has: page.locator('img[alt="blue.png"]') });
    await blue.hover();
    await blue.getByRole('button', { name: 'More like blue.png' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('similar')).toMatch(/^[0-9a-f-]{36}$/);
    // The similar items replace the picture's results: everything but blue.png itself.
    await page.getByText('Items like').waitFor();
    await expect
      .poll(() => page.locator('.grid .tile img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')).sort()))
      .toEqual(['green.jpg', 'red.jpg', 'rgb.mp4']);
  });

  it('pasting a picture searches with it too', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0000ff' } })
      .png()
      .toBuffer();
    await page.evaluate(
      async (bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
        document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      },
      [...png],
    );
    await page.getByText('pasted.png').waitFor();
    await expect.poll(() => firstTileNames(2)).toEqual(['blue.png', 'rgb.mp4']); // they tie: either may come first
  });

  it("a video's moment strip shows the green moment; clicking it plays the video from there", async () => {
    await page.goto(`${server.url}/?q=green&kind=video`);
    await expect.poll(firstTileName).toBe('rgb.mp4');
    await page.locator('.grid .tile-open').first().click();
    const dialog = page.getByRole('dialog');
    const moment = dialog.getByRole('button', { name: /^Play 0:0[23]–0:0[56]$/ }).first();
    await moment.waitFor();
    await page
      .locator('video')
      .evaluate(
        (v: HTMLVideoElement) =>
          new Promise<void>((resolve) =>
            v.readyState >= 1 ? resolve() : v.addEventListener('loadedmetadata', () => resolve()),
          ),
      );
    await moment.click();
    await expect
      .poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => ({ t: v.currentTime, paused: v.paused })))
      .toMatchObject({ paused: false });
    const t = await page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);
    expect(Math.abs(t - 3)).toBeLessThan(1);
    await page.locator('video').evaluate((v: HTMLVideoElement) => v.pause());
    await page.screenshot({ path: join(ARTIFACTS, 'lightbox.png') });
    await axe('lightbox');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('starts on the library, newest first, a heading per month, with counts and example searches', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Your library' }).waitFor();
    expect(await page.getByTestId('library-count').textContent()).toMatch(
      /^4 photos and videos, 2 months from 2023 to 20\d\d/,
    );
    const headings = await page.locator('.group-title').allTextContents();
    expect(headings.at(-1)).toBe('July 2023'); // the red picture, from its EXIF: the oldest, so last
    expect(headings.length).toBe(2);
    const groups = await page
      .locator('.grid-group')
      .evaluateAll((gs) => gs.map((g) => [...g.querySelectorAll('img')].map((i) => i.alt).sort()));
    expect(groups).toEqual([['blue.png', 'green.jpg', 'rgb.mp4'], ['red.jpg']]);
    // A jump to July 2023 shows the library from the end of that month back.
    await page.getByRole('combobox', { name: 'Jump to' }).selectOption('2023-07');
    await expect
      .poll(() => page.locator('.grid .tile img').evaluateAll((i) => i.map((x) => x.getAttribute('alt'))))
      .toEqual(['red.jpg']);
    expect(new URL(page.url()).searchParams.get('month')).toBe('2023-07');
    await page.getByRole('button', { name: 'Back to the newest' }).click();
    await expect.poll(() => page.locator('.grid .tile').count()).toBe(4);
    await pictures();
    await axe('library');
    await shoot('library');
    // An example search is a search.
    await page.getByRole('button', { name: 'dog', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('dog');
  });

  it('counts the results, leaves out weaker matches until asked, and sorts by date taken', async () => {
    await page.goto(`${server.url}/?q=zzzzqqq`);
    await page.getByTestId('cut-off').waitFor();
    expect(await page.getByTestId('cut-off').textContent()).toMatch(
      /Nothing close to “zzzzqqq”.*4 items are no closer/,
    );
    expect(await page.getByTestId('result-count').textContent()).toMatch(/^0 results · 4 weaker matches hidden/);
    expect(await page.locator('.grid .tile').count()).toBe(0);
    await axe('cut-off');
    await shoot('cut-off');
    await page.getByTestId('cut-off').getByRole('button', { name: 'Show weaker matches' }).click();
    await expect.poll(() => page.locator('.grid .tile').count()).toBe(4);
    expect(new URL(page.url()).searchParams.get('weaker')).toBe('true');
    expect(await page.getByTestId('result-count').textContent()).toMatch(
      /0 results · 4 weaker matches shown after them/,
    );

    // "red": the red picture and the video with a red scene; green and blue are weaker.
    await page.goto(`${server.url}/?q=red`);
    await expect
      .poll(() => page.getByTestId('result-count').textContent())
      .toMatch(/^2 results · 2 weaker matches hidden/);
    expect(await firstTileNames(5)).toEqual(['red.jpg', 'rgb.mp4']);
    await pictures();
    await shoot('results');

    // Sort by date taken: the newest first, the red picture (2023, from its EXIF) last; a heading per month.
    await page.goto(`${server.url}/?q=red&weaker=true`);
    await expect.poll(() => page.locator('.grid .tile').count()).toBe(4);
    await page.getByLabel('Sort by').selectOption('date');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('date');
    await expect.poll(() => page.locator('.group-title').allTextContents()).toHaveLength(2);
    const names = await page.locator('.grid .tile img').evaluateAll((i) => i.map((x) => x.getAttribute('alt')));
    expect(names.at(-1)).toBe('red.jpg');
    const api = (await (await page.request.get(`${server.url}/api/v1/search?q=red&weaker=true&sort=date`)).json()) as {
      results: { path: string; takenAt: string }[];
    };
    const taken = api.results.map((r) => Date.parse(r.takenAt));
    expect(taken).toEqual([...taken].sort((a, b) => b - a));
    expect(names).toEqual(api.results.map((r) => r.path.slice(r.path.lastIndexOf('/') + 1)));
  });

  it("shows a video's best moment on its tile, and opening it plays from that moment", async () => {
    await page.goto(`${server.url}/?q=green&kind=video`);
    await expect.poll(firstTileName).toBe('rgb.mp4');
    const tile = page.locator('.grid .tile').first();
    const src = (await tile.locator('img').getAttribute('src'))!;
    const t = Number(/frame\?t=([\d.]+)/.exec(src)?.[1]);
    expect(t).toBeGreaterThan(3); // the green scene's frame, not the red first frame
    expect(t).toBeLessThan(6);
    const { data } = await sharp(await (await page.request.get(`${server.url}${src}`)).body())
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[1]).toBeGreaterThan(data[0]! + 60); // green
    expect(await tile.getByTestId('video-badge').textContent()).toMatch(/0:03 \/ 0:09/);
    await tile.locator('.tile-open').click();
    await expect
      .poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0), {
        timeout: 10_000,
      })
      .toBe(true);
    const at = await page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);
    expect(Math.abs(at - 3)).toBeLessThan(1);
    // Only the green moment is listed: the red and blue scenes score nothing like it.
    expect(await page.getByRole('list', { name: 'Matching moments' }).getByRole('listitem').count()).toBe(1);
    await page.locator('video').evaluate((v: HTMLVideoElement) => v.pause());
    await shoot('viewer-video');
    await page.keyboard.press('Escape');
  });

  it('the viewer fills the window at 1280x800 and 390x844: swipe, arrows, zoom, details that can be hidden', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/?q=red&kind=image&weaker=true`);
      await expect.poll(firstTileName).toBe('red.jpg');
      await page.locator('.grid .tile-open').first().click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, width, height });
      const img = dialog.locator('.viewer-media img');
      await img.evaluate((i: HTMLImageElement) => i.decode());
      const box = (await img.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
      expect(box.height).toBeLessThanOrEqual(height);
      // Fitted: as wide as the stage, or as tall (a 4:3 picture).
      const stage = (await dialog.locator('.viewer-media').boundingBox())!;
      expect(Math.max(box.width / stage.width, box.height / stage.height)).toBeGreaterThan(0.98);
      // The details panel: shown beside the picture on a wide screen, hidden first on a phone; a button toggles it.
      const facts = dialog.locator('aside.facts');
      expect(await facts.isVisible()).toBe(width >= 900);
      await dialog.getByRole('button', { name: width >= 900 ? 'Hide details' : 'Show details' }).click();
      expect(await facts.isVisible()).toBe(width < 900);
      if (width < 900) {
        expect(await dialog.textContent()).toMatch(/Dimensions320 × 240 pixelsFile size\d/);
        await page.screenshot({ path: join(ARTIFACTS, 'viewer-photo-details-390x844.png') });
        await dialog.getByRole('button', { name: 'Hide details' }).click();
      }
      // Zoom with a click; a click again fits it back.
      await img.click();
      expect(await img.evaluate((i) => getComputedStyle(i).transform)).toMatch(/^matrix\(2\.5, 0, 0, 2\.5/);
      await img.click();
      await expect.poll(() => img.evaluate((i) => getComputedStyle(i).transform)).toMatch(/^matrix\(1, 0, 0, 1|^none/);
      // A swipe to the left shows the next result; the arrow key goes back.
      const title = () => dialog.locator('.viewer-title').textContent();
      const mid = { x: stage.x + stage.width / 2, y: stage.y + stage.height / 2 };
      await page.mouse.move(mid.x + 100, mid.y);
      await page.mouse.down();
      await page.mouse.move(mid.x - 20, mid.y, { steps: 5 });
      await page.mouse.move(mid.x - 100, mid.y, { steps: 5 });
      await page.mouse.up();
      await expect.poll(title).not.toBe('red.jpg');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(title).toBe('red.jpg');
      await axe(`viewer ${width}`);
      await page.keyboard.press('Escape');
    }
    await page.goto(`${server.url}/?q=red&kind=image&weaker=true`);
    await page.locator('.grid .tile-open').first().click();
    await page.locator('.viewer-media img').evaluate((i: HTMLImageElement) => i.decode());
    await shoot('viewer-photo');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('a rescan from settings shows live progress, then the summary; deleting the index empties the grid until a rescan', async () => {
    // More pictures, so the scan runs long enough to be watched.
    await mkdir(join(lib.root, 'more'));
    for (let i = 0; i < 40; i++) {
      await sharp({
        create: { width: 200, height: 150, channels: 3, background: { r: i * 6, g: 100, b: 255 - i * 6 } },
      })
        .jpeg()
        .toFile(join(lib.root, 'more', `m${i}.jpg`));
    }
    await writeFile(join(lib.root, 'more', 'broken.jpg'), 'not a picture at all');
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.getByRole('list', { name: 'Folders' }).locator('code').allTextContents()).toEqual([lib.root]);
    await axe('settings');

    await page.getByRole('button', { name: 'Rescan now' }).click();
    await page.getByText('A scan has started.').waitFor();
    await page.getByTestId('scan-live').waitFor({ timeout: 20_000 });
    const summary = page.getByTestId('scan-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/^Scanned 45 files at .* in \d+\.\d s: 41 new, 40 indexed, 1 failed/);
    // The message held while its scan ran; it goes once the scan is done. The summary opens to every count.
    await expect.poll(() => page.getByText('A scan has started.').count()).toBe(0);
    await summary.click();
    expect(await page.locator('.counts').textContent()).toMatch(/Files seen45.*Unchanged4.*New41/);
    await expect
      .poll(() => page.getByTestId('index-figures').textContent())
      .toMatch(/^45 files \(1 failed\), 44 indexed items/);
    await page.getByText('1 file could not be indexed').click();
    expect(await page.locator('.failures li').textContent()).toMatch(/broken\.jpg: /);

    await page.getByRole('button', { name: 'Delete index…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete the index?' });
    expect(await confirm.textContent()).toMatch(
      /45 file records and the vectors of 44 items, for every model\. Your photos and videos are not touched/,
    );
    await confirm.getByRole('button', { name: 'Delete index' }).click();
    await page.getByText('The index is deleted').waitFor();
    await page.goto(`${server.url}/?q=red`);
    await page.getByTestId('no-results').waitFor();
    expect(await page.locator('.grid .tile').count()).toBe(0);

    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: 'Rescan now' }).click();
    await expect
      .poll(async () => (await page.getByTestId('scan-summary').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/: 45 new, 44 indexed, 1 failed/);
    await page.goto(`${server.url}/?q=red`);
    await expect.poll(firstTileName).toBe('red.jpg');

    // A full reindex embeds everything again.
    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: 'Full reindex' }).click();
    await page.getByText('A full reindex has started').waitFor();
    await expect
      .poll(async () => (await page.getByTestId('scan-summary').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/^Scanned 45 files .*: 44 indexed, 1 failed\./);

    // Narrowing the scope in the form: saved, and the scan it starts drops what is now outside.
    const exclude = page.getByLabel('Skip files and folders matching (globs, one per line)');
    await exclude.fill(`${await exclude.inputValue()}\n**/more`);
    await page.getByRole('button', { name: 'Save and scan' }).click();
    await page.getByText('Saved; 41 indexed files leave the index with the next scan').waitFor();
    await expect
      .poll(async () => (await page.getByTestId('scan-summary').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/^Scanned 4 files .*: (.*, )?41 deleted[,.]/);
    // Their vectors wait out the grace period, which the index section says, with a way to delete them now.
    await page.reload();
    await page.getByText('40 items whose files left the index keep their vectors for 30 days').waitFor();
    expect(await server.services.scopes.current()).toMatchObject({ exclude: expect.arrayContaining(['**/more']) });
    await page.reload();
    expect(await page.getByLabel('Skip files and folders matching (globs, one per line)').inputValue()).toMatch(
      /\*\*\/more$/,
    );
  });

  it('loads the next page when the end of the grid scrolls into view', async () => {
    await server.services.scopes.replace({ exclude: [] });
    await server.services.jobs.wait(server.services.jobs.request('incremental').job.id);
    await page.setViewportSize({ width: 360, height: 480 }); // a phone: the end of the first page is out of reach
    await page.goto(`${server.url}/?q=blue&kind=image&weaker=true`);
    await expect.poll(() => page.locator('.grid .tile').count()).toBe(40);
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.locator('.grid .tile').count()).toBe(40); // nothing more until the end comes near
    await page.locator('.sentinel').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.grid .tile').count()).toBe(43); // 40 + blue, green and red
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('finds a receipt by the text in it, with the words marked, and filters by camera and place', async () => {
    // A receipt added last (the tests before count the library): the rescan reads it with the real OCR models.
    await writeTextPicture(join(lib.root, 'receipt.jpg'), RECEIPT);
    await server.services.jobs.wait(server.services.jobs.request('incremental').job.id);
    await page.goto(`${server.url}/?q=invoice`);
    await expect.poll(firstTileName).toBe('receipt.jpg');
    const why = page.locator('.grid .tile').first().getByTestId('why');
    expect(await why.locator('.why-field').textContent()).toBe('Text');
    expect(await why.locator('mark').allTextContents()).toEqual(['INVOICE']);
    await page.screenshot({ path: join(ARTIFACTS, 'ocr-snippet.png') });
    await page.locator('.grid .tile-open').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('ocr-text').waitFor();
    expect(await dialog.getByTestId('ocr-text').textContent()).toMatch(/INVOICE 2024[\s\S]*TOTAL 42\.50/);
    await page.screenshot({ path: join(ARTIFACTS, 'lightbox-ocr-text.png') });
    await page.keyboard.press('Escape');

    // The camera and place filters, in the URL like the others.
    // "a picture" means nothing to the tiny model: the weaker matches are what the filters narrow.
    await page.goto(`${server.url}/?q=${encodeURIComponent('a picture')}&weaker=true`);
    await expect.poll(() => page.locator('.grid .tile img').count()).toBeGreaterThan(2);
    await page.getByLabel('Camera').fill('canon');
    await page.getByLabel('Camera').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('camera')).toBe('canon');
    await expect.poll(() => page.locator('.grid .tile img').count()).toBe(1);
    expect(await firstTileName()).toBe('red.jpg');
    await page.goto(`${server.url}/?q=${encodeURIComponent('a picture')}&weaker=true&place=lisbon`);
    await expect.poll(() => page.locator('.grid .tile').count()).toBe(0);
    expect(await page.getByLabel('Place').inputValue()).toBe('lisbon');
    await page.goto(`${server.url}/?q=${encodeURIComponent('a picture')}&weaker=true&place=france`);
    await expect.poll(firstTileName).toBe('red.jpg');
  });

  it('the folder picker lists the folders of this computer, adds one, and the scan starts', async () => {
    const home = join(dir, 'home', 'Pictures');
    await mkdir(join(home, 'Holidays'), { recursive: true });
    await writeFile(join(home, 'notes.txt'), 'a file: never listed');
    await sharp({ create: { width: 120, height: 90, channels: 3, background: '#ffff00' } })
      .jpeg()
      .toFile(join(home, 'Holidays', 'yellow.jpg'));
    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: 'Add a folder…' }).click();
    const picker = page.getByRole('dialog', { name: 'Add a folder' });
    await picker.getByRole('button', { name: /Pictures/ }).click();
    await expect.poll(() => picker.getByLabel('Folder path').inputValue()).toBe(home);
    expect(await picker.getByRole('list', { name: 'Folders' }).getByRole('button').allTextContents()).toEqual([
      '↑ Up',
      '📁 Holidays',
    ]);
    await axe('folder picker');
    await shoot('folder-picker');
    await picker.getByRole('button', { name: `Add this folder: ${home}` }).click();
    await page.getByText('A scan has started with the new settings.').waitFor();
    await expect
      .poll(async () => (await page.getByRole('list', { name: 'Folders' }).locator('code').allTextContents()).sort())
      .toEqual([lib.root, home].sort());
    await expect
      .poll(async () => (await page.getByTestId('scan-summary').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/: 1 new, 1 indexed/);
    await shoot('settings');
    await page.goto(`${server.url}/?q=yellow`);
    await expect.poll(firstTileName).toBe('yellow.jpg');
  });

  it('the API docs page shows every operation with its parameters, statuses and schemas, under its own CSP', async () => {
    await page.goto(`${server.url}/api/v1/docs`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const doc = (await (await page.request.get(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const text = (await page.textContent('body')) ?? '';
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops)) expect(text, op.operationId).toContain(op.operationId);
    for (const name of Object.keys(doc.components.schemas))
      expect(await page.locator(`[id="schema-${name}"]`).count(), name).toBe(1);
    expect(await page.locator('table').count()).toBeGreaterThan(10);
    await shoot('api-docs');
  });

  it('logged no console errors', () => {
    expect(problems).toEqual([]);
  });

  it('says so plainly when the server stops answering', async () => {
    await page.goto(`${server.url}/?q=red`);
    await expect.poll(firstTileName).toBe('red.jpg');
    await server.close();
    await page.getByText('The Glimpse server does not answer').waitFor({ timeout: 15_000 });
  });
});

describe.skipIf(missing !== null)('the web app on a first run, while the model downloads', () => {
  it('shows the download progress, then searches once the model is there', async () => {
    const hub = new FakeHub(150); // about 1.5 MB in 64 KB chunks, 150 ms apart: a few seconds
    await hub.start();
    const root = await mkdtemp(join(tmpdir(), 'glimpse-web-first-'));
    const media = await makeMediaLibrary(join(root, 'library'));
    await build({ root: WEB_ROOT, logLevel: 'warn', build: { outDir: join(root, 'web'), emptyOutDir: true } });
    const first = await startServer({
      roots: [media.root],
      dataDir: join(root, 'data'),
      model: 'Tiny-Test__fake',
      port: 0,
      env: {
        HOME: join(root, 'home'),
        GLIMPSE_HUB_URL: hub.url,
        GLIMPSE_MODEL_DIR: join(root, 'models'),
        GLIMPSE_WEB_DIR: join(root, 'web'),
      },
      onDownload: () => undefined,
      log: () => undefined,
    });
    const b = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    try {
      const p = await b.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(first.openUrl);
      await p.getByText(/Downloading the model Tiny-Test__fake: .* of 1\.\d MB/).waitFor({ timeout: 20_000 });
      expect(await p.getByRole('progressbar', { name: 'Model download' }).count()).toBe(1);
      await p.getByTestId('scan-summary').waitFor({ timeout: 60_000 });
      await p.getByLabel('Search your photos and videos').fill('red');
      await expect.poll(() => p.locator('.grid .tile img').first().getAttribute('alt')).toBe('red.jpg');
      expect(errors).toEqual([]);
    } finally {
      await b.close();
      await first.close();
      await hub.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});

/** A browser and a page at 1280x800, for the suites that start a server of their own. */
async function openBrowser(): Promise<{ b: Browser; p: Page; errors: string[] }> {
  const b = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const p = await b.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  return { b, p, errors };
}

async function shootBoth(p: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await p.setViewportSize({ width, height });
    await p.evaluate(() => scrollTo(0, 0));
    await p.waitForTimeout(150);
    await p.screenshot({ path: join(ARTIFACTS, `${name}-${width}x${height}.png`) });
  }
  await p.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(missing !== null)('the web app while a few hundred files are scanned', () => {
  it('shows the phase, done of total, a bar and a rate, and the index figures follow', async () => {
    const root = await mkdtemp(join(tmpdir(), 'glimpse-web-scan-'));
    await build({ root: WEB_ROOT, logLevel: 'warn', build: { outDir: join(root, 'web'), emptyOutDir: true } });
    await mkdir(join(root, 'library'));
    await mkdir(ARTIFACTS, { recursive: true });
    const s = await startServer({
      roots: [],
      dataDir: join(root, 'data'),
      model: TINY_TEST_MODEL_DIR,
      port: 0,
      env: { HOME: join(root, 'home'), GLIMPSE_WEB_DIR: join(root, 'web'), GLIMPSE_OCR: 'off' },
      progressIntervalMs: 100,
      log: () => undefined,
    });
    const { b, p, errors } = await openBrowser();
    try {
      // Photo-sized noise: every picture different, and each takes a while to decode, so the scan can be watched.
      for (let i = 0; i < 250; i++)
        await sharp({
          create: {
            width: 1200,
            height: 900,
            channels: 3,
            background: '#808080',
            noise: { type: 'gaussian', mean: 128, sigma: 40 },
          },
        })
          .jpeg({ quality: 90 })
          .toFile(join(root, 'library', `p${i}.jpg`));
      await p.goto(s.openUrl);
      await s.services.scopes.replace({ roots: [join(root, 'library')] });
      await p.goto(`${s.url}/settings`);
      await p.getByRole('button', { name: 'Rescan now' }).click();
      const live = p.getByTestId('scan-live');
      await live.waitFor({ timeout: 20_000 });
      // Done of total, and a rate once a few have been indexed.
      await expect
        .poll(
          async () =>
            (await p
              .getByTestId('scan-done')
              .textContent({ timeout: 1000 })
              .catch(() => '')) ?? '',
          {
            timeout: 30_000,
            interval: 100,
          },
        )
        .toMatch(/^[1-9]\d* of 250$/); // the pictures indexed so far
      await p.getByTestId('scan-rate').waitFor({ timeout: 30_000 });
      expect(await p.getByTestId('scan-rate').textContent()).toMatch(/^\d+(\.\d)?\/s$/);
      expect(await live.textContent()).toMatch(/^(Checking what changed|Indexing)/);
      // While indexing: how many of those found so far.
      await expect
        .poll(async () => (await live.textContent({ timeout: 1000 }).catch(() => '')) ?? '', {
          timeout: 60_000,
          interval: 100,
        })
        .toMatch(/^Indexing\d+ of \d+/);
      expect(await p.getByRole('progressbar', { name: 'Scan progress' }).getAttribute('max')).toBe('250');
      await shootBoth(p, 'scan-running');
      // The index figures in settings follow the scan as it runs.
      const figures = () => p.getByTestId('index-figures').textContent();
      const first = await figures();
      await expect.poll(figures, { timeout: 30_000 }).not.toBe(first);
      await p.getByTestId('scan-summary').waitFor({ timeout: 120_000 });
      expect(await p.getByTestId('scan-summary').textContent()).toMatch(
        /^Scanned 250 files .*: 250 new, 250 indexed\./,
      );
      await expect.poll(figures).toMatch(/^250 files \(0 failed\), 250 indexed items/);
      await shootBoth(p, 'scan-done');
      expect(errors).toEqual([]);
    } finally {
      await b.close();
      await s.close();
      await rm(root, { recursive: true, force: true });
    }
  }, 240_000);
});

describe.skipIf(missing !== null)('the web app when the model is missing', () => {
  it('explains once what is missing and what to do; /ready says it too', async () => {
    const root = await mkdtemp(join(tmpdir(), 'glimpse-web-nomodel-'));
    await build({ root: WEB_ROOT, logLevel: 'warn', build: { outDir: join(root, 'web'), emptyOutDir: true } });
    const media = await makeMediaLibrary(join(root, 'library'));
    const s = await startServer({
      roots: [media.root],
      dataDir: join(root, 'data'),
      model: 'Not-A-Model__anywhere',
      port: 0,
      env: {
        HOME: join(root, 'home'),
        GLIMPSE_OFFLINE: '1',
        GLIMPSE_MODEL_DIR: join(root, 'models'),
        GLIMPSE_WEB_DIR: join(root, 'web'),
        GLIMPSE_OCR: 'off',
      },
      log: () => undefined,
    });
    const { b, p, errors } = await openBrowser();
    try {
      await p.goto(s.openUrl);
      const panel = p.getByTestId('model-missing');
      await panel.waitFor({ timeout: 30_000 });
      expect(await p.getByText('Glimpse needs its model to search').count()).toBe(1);
      expect(await panel.textContent()).toContain(join(root, 'models', 'Not-A-Model__anywhere'));
      // Said once: no red error under it, no other copy of the reason, and no box inviting a search.
      expect(await p.locator('.notice.error').count()).toBe(0);
      expect(await p.getByLabel('Search your photos and videos').isDisabled()).toBe(true);
      expect(await p.getByText(/not loaded:/).count()).toBe(0);
      expect(await p.getByText(/is not on this computer/).count()).toBe(1); // the reason, once
      expect(await p.getByRole('group', { name: 'Filters' }).isVisible()).toBe(false);
      await shootBoth(p, 'model-missing');
      const again = (await (await p.request.get(`${s.url}/api/v1/ready`)).json()) as {
        status: string;
        missing?: { part: string; message: string; fix: string }[];
      };
      expect(again.status).toBe('not-ready');
      expect(again.missing?.map((m) => m.part)).toEqual(['model']);
      expect(again.missing?.[0]?.fix).toContain(join(root, 'models', 'Not-A-Model__anywhere'));
      expect(errors).toEqual([]);
    } finally {
      await b.close();
      await s.close();
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
