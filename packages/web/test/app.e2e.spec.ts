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
    await page.goto(`${server.url}/?q=red&kind=image`);
    await expect.poll(firstTileName).toBe('red.jpg');
    await page.locator('.grid .tile-open').first().click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('red.jpg');
    expect(await dialog.textContent()).toMatch(/320 × 240/);
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
    expect(await page.getByLabel('Folders, one per line (absolute paths)').inputValue()).toBe(lib.root);
    await page.screenshot({ path: join(ARTIFACTS, 'settings.png') });
    await axe('settings');

    await page.getByRole('button', { name: 'Rescan now' }).click();
    await page.getByTestId('scan-live').waitFor({ timeout: 20_000 });
    const summary = page.getByTestId('scan-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/45 files, 41 new, .* 40 indexed, 1 failed/);
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
      .toMatch(/45 new, .* 44 indexed/);
    await page.goto(`${server.url}/?q=red`);
    await expect.poll(firstTileName).toBe('red.jpg');

    // A full reindex embeds everything again.
    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: 'Full reindex' }).click();
    await page.getByText('A full reindex has started').waitFor();
    await expect
      .poll(async () => (await page.getByTestId('scan-summary').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/45 files, 0 new, .* 44 indexed, 1 failed/);

    // Narrowing the scope in the form: saved, and the scan it starts drops what is now outside.
    const exclude = page.getByLabel('Skip files and folders matching (globs, one per line)');
    await exclude.fill(`${await exclude.inputValue()}\n**/more`);
    await page.getByRole('button', { name: 'Save and scan' }).click();
    await page.getByText('Saved; 41 indexed files leave the index with the next scan').waitFor();
    await expect
      .poll(async () => (await page.getByTestId('scan-summary').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/4 files, 0 new, .* 41 deleted/);
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
    await page.goto(`${server.url}/?q=blue&kind=image`);
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
    await page.goto(`${server.url}/?q=${encodeURIComponent('a picture')}`);
    await expect.poll(() => page.locator('.grid .tile img').count()).toBeGreaterThan(2);
    await page.getByLabel('Camera').fill('canon');
    await page.getByLabel('Camera').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('camera')).toBe('canon');
    await expect.poll(() => page.locator('.grid .tile img').count()).toBe(1);
    expect(await firstTileName()).toBe('red.jpg');
    await page.goto(`${server.url}/?q=${encodeURIComponent('a picture')}&place=lisbon`);
    await expect.poll(() => page.locator('.grid .tile').count()).toBe(0);
    expect(await page.getByLabel('Place').inputValue()).toBe('lisbon');
    await page.goto(`${server.url}/?q=${encodeURIComponent('a picture')}&place=france`);
    await expect.poll(firstTileName).toBe('red.jpg');
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
