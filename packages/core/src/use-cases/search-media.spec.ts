import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_METADATA } from '../domain/media-metadata.js';
import { GlimpseError } from '../errors.js';
import { TempLibrary } from './scan-library.fixture.js';

let lib: TempLibrary;
beforeEach(async () => {
  lib = await TempLibrary.create();
  await lib.write('beach/dog.jpg', 'dog beach sunset');
  await lib.write('beach/cat.jpg', 'cat beach');
  await lib.write('home/dog.jpg', 'dog sofa');
  await lib.write('home/clip.mp4', 'dog sofa 4\nkitchen 4');
  await lib.scan();
});
afterEach(async () => {
  await lib.close();
});

const paths = (rs: { path: string }[]) => rs.map((r) => r.path);

describe('SearchMedia', () => {
  it('ranks by text with current paths, scores and content facts', async () => {
    const rs = await lib.search().byText('dog beach sunset');
    expect(rs[0]).toMatchObject({ path: lib.path('beach/dog.jpg'), kind: 'image', segments: [] });
    expect(rs[0]!.score).toBeGreaterThan(0.99);
    expect(rs[0]!.score).toBeGreaterThan(rs[1]!.score);
    expect(rs[0]!.takenAt).toBeInstanceOf(Date);
  });

  it('filters by kind, folder and date, and pages', async () => {
    expect(paths(await lib.search().byText('dog', { kind: 'video' }))).toEqual([lib.path('home/clip.mp4')]);
    expect(paths(await lib.search().byText('dog', { folder: lib.path('home') })).sort()).toEqual([
      lib.path('home/clip.mp4'),
      lib.path('home/dog.jpg'),
    ]);
    expect(await lib.search().byText('dog', { from: new Date('2030-01-01') })).toEqual([]);
    const all = await lib.search().byText('dog', { limit: 10 });
    expect(paths(await lib.search().byText('dog', { limit: 2, offset: 1 }))).toEqual(paths(all.slice(1, 3)));
  });

  it('searches by image and for similar items (leaving the item itself out)', async () => {
    const rs = await lib.search().byImage({ type: 'encoded', bytes: new TextEncoder().encode('cat beach') });
    expect(rs[0]!.path).toBe(lib.path('beach/cat.jpg'));
    const [dog] = await lib.files.findByPaths([lib.path('home/dog.jpg')]);
    const similar = await lib.search().similarTo(dog!.id);
    expect(paths(similar)).not.toContain(lib.path('home/dog.jpg'));
    expect(similar[0]!.path).toBe(lib.path('home/clip.mp4'));
  });

  it('rejects bad requests with invalid-input or not-found', async () => {
    const s = lib.search();
    const kind = async (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (GlimpseError.is(e) ? e.kind : 'other'),
      );
    expect(await kind(s.byText('   '))).toBe('invalid-input');
    expect(await kind(s.byText('dog', { limit: 0 }))).toBe('invalid-input');
    expect(await kind(s.byText('dog', { limit: 201 }))).toBe('invalid-input');
    expect(await kind(s.byText('dog', { offset: -1 }))).toBe('invalid-input');
    expect(await kind(s.byText('dog', { folder: '../etc' }))).toBe('invalid-input');
    expect(await kind(s.byText('dog', { from: new Date('x') }))).toBe('invalid-input');
    expect(await kind(s.byText('dog', { from: new Date('2022-01-01'), to: new Date('2021-01-01') }))).toBe(
      'invalid-input',
    );
    expect(await kind(s.similarTo('no-such-id'))).toBe('not-found');
    expect(await kind(s.byImage({ type: 'encoded', bytes: new TextEncoder().encode('CORRUPT') }))).toBe(
      'corrupt-media',
    );
  });
});

describe('SearchMedia by understood text', () => {
  const lisbon = { city: 'Lisbon', region: 'Lisbon', country: 'Portugal', countryCode: 'PT' };
  beforeEach(async () => {
    const [beachDog] = await lib.files.findByPaths([lib.path('beach/dog.jpg')]);
    await lib.files.writeMetadata([
      {
        hash: beachDog!.contentHash!,
        meta: { ...NO_METADATA, takenAtSource: 'metadata', cameraModel: 'iPhone 15 Pro', place: lisbon },
      },
    ]);
  });

  it('takes a place the library holds, a kind and a date out of the text as filters, and says so', async () => {
    const inLisbon = await lib.search().byTextUnderstood('dog in Lisbon');
    expect(inLisbon.text).toBe('dog');
    expect(inLisbon.understood).toEqual([{ type: 'place', text: 'Lisbon', place: 'Lisbon' }]);
    expect(paths(inLisbon.results)).toEqual([lib.path('beach/dog.jpg')]);
    expect(inLisbon.results[0]).toMatchObject({ camera: 'iPhone 15 Pro', place: lisbon, takenAtSource: 'metadata' });

    const videos = await lib.search().byTextUnderstood('videos of dog');
    expect(videos.understood.map((u) => u.type)).toEqual(['kind']);
    expect(paths(videos.results)).toEqual([lib.path('home/clip.mp4')]);

    const future = await lib.search().byTextUnderstood('dog 2031');
    expect(future.understood).toMatchObject([{ type: 'date', text: '2031' }]);
    expect(future.results).toEqual([]);
    // Paris is a word here: no item was taken there.
    expect((await lib.search().byTextUnderstood('dog Paris')).understood).toEqual([]);
  });

  it('leaves a part as words when skipped (a chip removed) or when the options give that filter', async () => {
    const skipped = await lib.search().byTextUnderstood('dog in Lisbon', {}, ['place']);
    expect(skipped.understood).toEqual([]);
    expect(skipped.text).toBe('dog in Lisbon');
    expect(skipped.results.length).toBeGreaterThan(1);
    const given = await lib.search().byTextUnderstood('dog 2031', { from: new Date('2000-01-01') });
    expect(given.understood).toEqual([]);
    expect(given.results.length).toBeGreaterThan(0);
    // Everything understood: the whole query is what the model is asked for, within the filters.
    const only = await lib.search().byTextUnderstood('videos');
    expect(only.text).toBe('');
    expect(paths(only.results)).toEqual([lib.path('home/clip.mp4')]);
  });
});

describe('SearchMedia relevance, sort by date and browsing', () => {
  it('leaves out what is no closer to the query than to nonsense, counts it, and shows it when asked', async () => {
    const s = lib.search();
    // Nonsense finds nothing: every item is a weaker match.
    const nonsense = await s.byTextPage('zzzzqqq');
    expect(nonsense.results).toEqual([]);
    expect(nonsense.relevance).toEqual({ matches: 0, weaker: 4, atLeast: false, weakerShown: false });
    // "dog" keeps the three dogs; the cat is no closer to "dog" than to nonsense.
    const dog = await s.byTextPage('dog');
    expect(paths(dog.results).sort()).toEqual(
      [lib.path('beach/dog.jpg'), lib.path('home/clip.mp4'), lib.path('home/dog.jpg')].sort(),
    );
    expect(dog.relevance).toMatchObject({ matches: 3, weaker: 1 });
    // Asked for, the weaker ones come after the matches.
    const all = await s.byTextPage('dog', { weaker: true });
    expect(paths(all.results).slice(0, 3)).toEqual(paths(dog.results));
    expect(all.results[3]!.path).toBe(lib.path('beach/cat.jpg'));
    expect(all.relevance).toMatchObject({ matches: 3, weaker: 1, weakerShown: true });
    // A keyword match is a match whatever its similarity: "cat" in a file name.
    expect(paths((await s.byTextPage('cat')).results)).toContain(lib.path('beach/cat.jpg'));
  });

  it('judges each item against its own similarity to nonsense: a picture like everything does not crowd in', async () => {
    // A "hub": its vector is close to every query, nonsense included (here: it holds many words).
    await lib.write(
      'misc/hub.jpg',
      'zqxj vkw qqpf zzrt xkcdq wmvb jjvq plzx wqzt kxvy fzzq bvxk vkqj zxwp pqxz jvkw dog',
    );
    await lib.scan();
    const s = lib.search();
    const all = await s.byTextPage('dog', { weaker: true });
    const hub = all.results.find((r) => r.path === lib.path('misc/hub.jpg'))!;
    const sofa = all.results.find((r) => r.path === lib.path('beach/cat.jpg'))!;
    expect(hub.score).toBeGreaterThan(sofa.score); // it does score for "dog"…
    const dog = await s.byTextPage('dog');
    expect(paths(dog.results)).not.toContain(lib.path('misc/hub.jpg')); // …but no more than for nonsense
    expect(paths(dog.results)).toContain(lib.path('beach/dog.jpg'));
  });

  it('sorts the matches by date taken, newest first, and pages through that order', async () => {
    const s = lib.search();
    const byDate = await s.byTextPage('dog', { sort: 'date' });
    const times = byDate.results.map((r) => r.takenAt!.getTime());
    expect(times.length).toBe(3);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(paths((await s.byTextPage('dog', { sort: 'date', limit: 1, offset: 1 })).results)).toEqual([
      byDate.results[1]!.path,
    ]);
    await expect(s.byTextPage('dog', { sort: 'newest' as 'date' })).rejects.toThrow(/sort must be/);
  });

  it('browses the library by date, newest first, with counts per month', async () => {
    const s = lib.search();
    const items = (await s.browse()).results;
    expect(items.length).toBe(4);
    const times = items.map((r) => r.takenAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(items.every((r) => r.score === 0 && r.why.vectorRank === null)).toBe(true);
    expect(paths((await s.browse({ offset: 1, limit: 2 })).results)).toEqual(paths(items.slice(1, 3)));
    expect(paths((await s.browse({ before: items[1]!.takenAt! })).results)).toEqual(paths(items.slice(2)));
    expect(paths((await s.browse({ kind: 'video' })).results)).toEqual([lib.path('home/clip.mp4')]);
    const months = await s.months();
    expect(months.reduce((n, m) => n + m.count, 0)).toBe(4);
    expect(months[0]!.month).toBe(items[0]!.takenAt!.toISOString().slice(0, 7));
  });
});

describe('SearchMedia pages with RAW+JPEG pairs', () => {
  it('pages by nextOffset through every item once, though each pair shows once', async () => {
    for (let i = 0; i < 30; i++) {
      await lib.write(`shots/IMG_${String(i).padStart(2, '0')}.CR2`, `pair ${i} raw frame`);
      await lib.write(`shots/IMG_${String(i).padStart(2, '0')}.JPG`, `pair ${i} developed frame`);
    }
    await lib.scan();
    const s = lib.search();
    const walk = async (
      page: (offset: number) => Promise<{ results: { path: string }[]; nextOffset: number | null }>,
    ) => {
      const seen: string[] = [];
      let pages = 0;
      for (let offset: number | null = 0; offset !== null; pages++) {
        const p = await page(offset);
        expect(p.results.length, `page ${pages}`).toBeGreaterThan(0);
        seen.push(...p.results.map((r) => r.path));
        offset = p.nextOffset;
        expect(pages).toBeLessThan(20);
      }
      return seen;
    };
    const browsed = await walk((offset) => s.browse({ offset, limit: 10 }));
    const jpgs = browsed.filter((p) => p.endsWith('.JPG'));
    expect(new Set(jpgs).size).toBe(30); // every pair, as its JPEG
    expect(browsed.some((p) => p.endsWith('.CR2'))).toBe(false);
    expect(new Set(browsed).size).toBe(34); // and the four others
    const searched = await walk((offset) => s.byTextPage('pair frame', { weaker: true, offset, limit: 10 }));
    expect(new Set(searched.filter((p) => p.endsWith('.JPG'))).size).toBe(30);
    expect(searched.some((p) => p.endsWith('.CR2'))).toBe(false);
    // Without the weaker ones: the pages together are the one list a single large page gives.
    const matches = await walk((offset) => s.byTextPage('pair frame', { offset, limit: 7 }));
    const whole = await s.byTextPage('pair frame', { limit: 200 });
    expect(new Set(matches)).toEqual(new Set(whole.results.map((r) => r.path)));
    expect(whole.nextOffset).toBeNull();
  });
});
