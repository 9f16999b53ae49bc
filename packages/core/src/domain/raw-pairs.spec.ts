import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempLibrary } from '../use-cases/scan-library.fixture.js';
import { isDevelopedPath, isRawPath, pairCandidates } from './raw-pairs.js';

describe('RAW+JPEG pairs', () => {
  it('pairs a RAW and a developed picture of the same name in the same folder', () => {
    expect(isRawPath('/p/IMG_1.CR2')).toBe(true);
    expect(isRawPath('/p/IMG_1.jpg')).toBe(false);
    expect(isRawPath('/p/.cr2')).toBe(false); // a hidden name, no extension
    expect(isDevelopedPath('/p/IMG_1.HEIC')).toBe(true);
    expect(pairCandidates('/p/IMG_1.CR2')).toContain('/p/IMG_1.JPG');
    expect(pairCandidates('/p/IMG_1.CR2')).toContain('/p/IMG_1.jpeg');
    expect(pairCandidates('/p/IMG_1.jpg')).toEqual(expect.arrayContaining(['/p/IMG_1.dng', '/p/IMG_1.NEF']));
    expect(pairCandidates('/p/IMG_1.png')).toEqual([]); // a PNG is no camera's second file
    expect(pairCandidates('/p/IMG_1')).toEqual([]);
  });

  describe('in search results', () => {
    let lib: TempLibrary;
    beforeEach(async () => {
      lib = await TempLibrary.create();
    });
    afterEach(async () => {
      await lib.close();
    });

    it('shows the pair once, as its JPEG with the RAW beside it; a RAW alone is a result of its own', async () => {
      await lib.write('trip/IMG_1.CR2', 'red boat harbour sensor');
      await lib.write('trip/IMG_1.JPG', 'red boat harbour');
      await lib.write('trip/IMG_2.NEF', 'red boat sunset');
      await lib.write('other/IMG_1.JPG', 'red car'); // the same name in another folder is another shot
      await lib.scan();
      const results = await lib.search().byText('red boat', { limit: 10 });
      const shown = results.map((r) => [
        r.path.slice(lib.root.length + 1),
        r.pairedWith.map((p) => p.slice(lib.root.length + 1)),
      ]);
      expect(shown).toEqual(
        expect.arrayContaining([
          ['trip/IMG_1.JPG', ['trip/IMG_1.CR2']],
          ['trip/IMG_2.NEF', []],
          ['other/IMG_1.JPG', []],
        ]),
      );
      expect(shown).toHaveLength(3);
      // Found by the RAW's own name: shown as its JPEG, never as the RAW.
      const byRawName = await lib.search().byText('cr2', { limit: 10 });
      expect(byRawName[0]!.path.slice(lib.root.length + 1)).toBe('trip/IMG_1.JPG');
      expect(byRawName[0]!.pairedWith.map((p) => p.slice(lib.root.length + 1))).toEqual(['trip/IMG_1.CR2']);
      expect(byRawName.filter((r) => r.path === lib.path('trip/IMG_1.JPG'))).toHaveLength(1);
      expect(byRawName.map((r) => r.path)).not.toContain(lib.path('trip/IMG_1.CR2'));
      // Pages stay full though pairs collapse: 12 pairs, a page of 5 has 5.
      for (let i = 0; i < 12; i++) {
        await lib.write(`pairs/P_${i}.NEF`, `red boat pair ${i} raw`);
        await lib.write(`pairs/P_${i}.jpg`, `red boat pair ${i}`);
      }
      await lib.scan();
      const page = await lib.search().byText('red boat pair', { limit: 5, ranking: 'meaning' });
      expect(page).toHaveLength(5);
      expect(page.every((r) => !r.path.endsWith('.NEF'))).toBe(true);
      // The RAW's JPEG gone: the RAW is a result again.
      await lib.remove('trip/IMG_1.JPG');
      await lib.scan();
      const after = (await lib.search().byText('red boat', { limit: 10 })).map((r) =>
        r.path.slice(lib.root.length + 1),
      );
      expect(after).toContain('trip/IMG_1.CR2');
    });
  });
});
