// Metadata through the real `glimpse` command: pictures with real EXIF (written by libvips), a scan, and searches
// filtered by camera, lens, place and date; the date's source said in the JSON. Then an index whose metadata was
// never read (as one from an older Glimpse) catches up on the next scan without embedding anything.
import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExifJpeg } from '../../../../test-support/exif-pictures.js';
import { glimpseJson, runGlimpse } from '../../../../test-support/glimpse-cli.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field and checked by the assertions */

let dir: string;
let lib: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-metadata-'));
  lib = join(dir, 'library');
  await mkdir(lib);
  await writeExifJpeg(
    join(lib, 'eiffel.jpg'),
    {
      make: 'Canon',
      model: 'Canon EOS R6',
      lens: 'RF24-105mm F4 L IS USM',
      taken: '2023:07:14 18:30:05',
      offset: '+02:00',
      latitude: 48.8584,
      longitude: 2.2945,
    },
    '#ff0000',
  );
  await writeExifJpeg(
    join(lib, 'tram.jpg'),
    { make: 'Apple', model: 'iPhone 15 Pro', taken: '2024:03:02 09:15:00', latitude: 38.7139, longitude: -9.1394 },
    '#00ff00',
  );
  // No EXIF at all: its date is the file's modification time, and it says so.
  const plain = join(lib, 'scan.png');
  await writeFile(
    plain,
    await sharp({ create: { width: 96, height: 64, channels: 3, background: '#0000ff' } })
      .png()
      .toBuffer(),
  );
  await utimes(plain, new Date('2021-05-05T12:00:00Z'), new Date('2021-05-05T12:00:00Z'));
  env = {
    PATH: process.env['PATH'],
    HOME: join(dir, 'home'),
    GLIMPSE_DATA_DIR: join(dir, 'data'),
    GLIMPSE_MODEL: TINY_TEST_MODEL_DIR,
    GLIMPSE_OFFLINE: '1',
    GLIMPSE_OCR: 'off', // text reading is not what this is about
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const names = (r: any) => r.results.map((x: any) => x.path.slice(lib.length + 1)).sort();

describe('metadata from the files, through the CLI', () => {
  it('filters by camera, lens, place and date, and says where each date comes from', async () => {
    expect((await glimpseJson(['scan', lib], env)).counts).toMatchObject({ new: 3, embedded: 3, failed: 0 });
    const all = await glimpseJson(['search', 'red', '--weaker'], env);
    const by = Object.fromEntries(all.results.map((x: any) => [x.path.slice(lib.length + 1), x]));
    expect(by['eiffel.jpg']).toMatchObject({
      camera: 'Canon EOS R6',
      lens: 'RF24-105mm F4 L IS USM',
      takenAt: '2023-07-14T16:30:05.000Z',
      takenAtSource: 'metadata',
      place: { city: 'Paris', region: 'Île-de-France', country: 'France', countryCode: 'FR' },
    });
    expect(by['tram.jpg']).toMatchObject({
      camera: 'Apple iPhone 15 Pro',
      takenAtSource: 'metadata',
      place: { city: 'Lisbon', countryCode: 'PT' },
    });
    expect(by['scan.png']).toMatchObject({
      camera: null,
      place: null,
      takenAt: '2021-05-05T12:00:00.000Z',
      takenAtSource: 'file-modified',
    });

    expect(names(await glimpseJson(['search', 'red', '--weaker', '--camera', 'canon'], env))).toEqual(['eiffel.jpg']);
    expect(names(await glimpseJson(['search', 'red', '--weaker', '--camera', 'IPHONE'], env))).toEqual(['tram.jpg']);
    expect(names(await glimpseJson(['search', 'red', '--weaker', '--lens', '24-105'], env))).toEqual(['eiffel.jpg']);
    expect(names(await glimpseJson(['search', 'red', '--weaker', '--place', 'Paris'], env))).toEqual(['eiffel.jpg']);
    expect(names(await glimpseJson(['search', 'red', '--weaker', '--place', 'portugal'], env))).toEqual(['tram.jpg']);
    expect(names(await glimpseJson(['search', 'red', '--weaker', '--place', 'ile-de-france'], env))).toEqual([
      'eiffel.jpg',
    ]);
    expect(names(await glimpseJson(['search', 'red', '--weaker', '--place', 'Berlin'], env))).toEqual([]);
    expect(
      names(await glimpseJson(['search', 'red', '--weaker', '--from', '2023-07-01', '--to', '2023-07-31'], env)),
    ).toEqual(['eiffel.jpg']);

    // Read from the query: a place the index holds, a date; said on stderr; --literal reads nothing.
    const paris = await glimpseJson(['search', 'red in Paris'], env);
    expect(paris.understood).toEqual([
      { type: 'place', text: 'Paris', from: null, to: null, kind: null, place: 'Paris' },
    ]);
    expect(names(paris)).toEqual(['eiffel.jpg']);
    const july = await runGlimpse(['search', 'red July 2023'], env);
    expect(july.stderr).toContain('read as taken July 2023 (2023-07-01 to 2023-07-31)');
    expect(july.stdout).toMatch(/eiffel\.jpg/);
    expect(july.stdout).not.toMatch(/tram\.jpg|scan\.png/);
    const literal = await glimpseJson(['search', 'red in Paris', '--literal', '--weaker'], env);
    expect(literal.understood).toEqual([]);
    expect(names(literal)).toEqual(['eiffel.jpg', 'scan.png', 'tram.jpg']);

    // Without --weaker, what is no closer to "red" than nonsense is left out, counted, and the CLI says so.
    const red = await glimpseJson(['search', 'red'], env);
    expect(names(red)).toEqual(['eiffel.jpg']);
    expect(red.relevance).toMatchObject({ matches: 1, weaker: 2, weakerShown: false });
    expect((await runGlimpse(['search', 'red'], env)).stderr).toContain(
      '2 weaker matches left out (--weaker shows them)',
    );
    const nonsense = await runGlimpse(['search', 'zzzzqqq'], env);
    expect(nonsense.stdout).toBe('');
    expect(nonsense.stderr).toContain('nothing close to "zzzzqqq": 3 weaker matches');
    const byDate = await glimpseJson(['search', 'red', '--weaker', '--sort', 'date'], env);
    expect(byDate.results.map((x: any) => x.takenAt)).toEqual([
      '2024-03-02T09:15:00.000Z',
      '2023-07-14T16:30:05.000Z',
      '2021-05-05T12:00:00.000Z',
    ]);

    // A file's name: that item first, and why, in --json and in one line of the text output.
    const named = await glimpseJson(['search', 'tram'], env);
    expect(names({ results: named.results.slice(0, 1) })).toEqual(['tram.jpg']);
    expect(named.results[0].why).toMatchObject({
      keyword: { field: 'name', text: 'tram.jpg', marks: [[0, 4]], exact: true },
    });
    expect((await runGlimpse(['search', 'tram'], env)).stdout).toMatch(
      /tram\.jpg\n.*\n\s+its name "\[tram\]\.jpg" · meaning #\d\n/,
    );

    // The text output says it in one short line under the path.
    const text = await runGlimpse(['search', 'red', '--place', 'paris'], env);
    expect(text.stdout).toMatch(/eiffel\.jpg\n\s+Canon EOS R6 · Paris, Île-de-France, France · taken 2023-07-14\n/);
    const bad = await runGlimpse(['search', 'red', '--camera', 'x'.repeat(101)], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/camera must be at most 100 characters/);
  }, 120_000);

  it('an index whose metadata was never read catches up on the next scan, embedding nothing', async () => {
    // As an index of an older Glimpse: no metadata, and the decoder's date without its offset.
    const db = await PGlite.create(join(dir, 'data', 'pglite'), { extensions: { vector } });
    await db.exec('delete from content_meta');
    const { rows } = await db.query<{ table_name: string }>('select table_name from vector_spaces');
    for (const t of [...rows.map((r) => `"${r.table_name}"`), 'contents'])
      await db.exec(`update ${t} set taken_at = taken_at + interval '2 hours' where taken_at = '2023-07-14T16:30:05Z'`);
    await db.close();
    const hour = ['--from', '2023-07-14T16:00:00Z', '--to', '2023-07-14T17:00:00Z'];
    expect((await glimpseJson(['search', 'red', '--weaker', '--place', 'paris'], env)).results).toEqual([]);
    expect((await glimpseJson(['search', 'red', '--weaker', ...hour], env)).results).toEqual([]); // 18:30 read as UTC
    const report = await glimpseJson(['scan'], env);
    expect(report.counts).toMatchObject({ embedded: 0, unchanged: 3 });
    expect(names(await glimpseJson(['search', 'red', '--weaker', '--place', 'paris'], env))).toEqual(['eiffel.jpg']);
    expect(
      names(await glimpseJson(['search', 'red', '--weaker', '--from', '2024-03-01', '--to', '2024-03-03'], env)),
    ).toEqual(['tram.jpg']);
  }, 120_000);
});
