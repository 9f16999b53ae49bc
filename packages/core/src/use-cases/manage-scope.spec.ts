import { rename } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeScope } from '../domain/scope.js';
import { GlimpseError } from '../errors.js';
import { InMemorySettingsRepository } from '../testing/index.js';
import { ManageScope } from './manage-scope.js';
import { TempLibrary } from './scan-library.fixture.js';

let lib: TempLibrary;
let settings: InMemorySettingsRepository;
let scopes: ManageScope;

beforeEach(async () => {
  lib = await TempLibrary.create();
  await lib.write('trip/beach.jpg', 'dog beach sunset');
  await lib.write('trip/tmp/draft.jpg', 'draft');
  await lib.write('home/cat.jpg', 'cat sofa');
  await lib.write('home/clip.mp4', 'waves 2');
  await lib.write('notes.txt', 'not media');
  settings = new InMemorySettingsRepository();
  scopes = new ManageScope(settings, lib.files, lib.source);
  await scopes.replace({ roots: [lib.path('trip'), lib.path('home')] });
  await lib.scan({ scope: await scopes.current() });
});
afterEach(async () => {
  await lib.close();
});

async function refusal(p: Promise<unknown>): Promise<GlimpseError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(GlimpseError.is(e, 'invalid-input')).toBe(true);
  return e as GlimpseError;
}

describe('a mistyped folder costs nothing', () => {
  it('refuses a folder that does not exist, saving nothing', async () => {
    const before = await settings.loadScope();
    const e = await refusal(scopes.addRoots([lib.path('nope')]));
    expect(e.message).toBe(`No such folder: ${lib.path('nope')}. Nothing was changed.`);
    await refusal(scopes.replace({ roots: ['/no/such/one', '/no/such/two'] }));
    expect(await settings.loadScope()).toEqual(before);
  });

  it('refuses a file given as a folder', async () => {
    const e = await refusal(scopes.addRoots([lib.path('home/cat.jpg')]));
    expect(e.message).toMatch(/^Not a folder: .*cat\.jpg \(give the folder that holds it\)/);
  });

  it('keeps a root that was indexed and is now missing (an unplugged disk): it is offline, not a mistake', async () => {
    await rename(lib.path('home'), lib.path('home-unplugged'));
    const change = await scopes.replace({ exclude: ['**/tmp'] }); // a root of the saved scope is not checked
    expect(change.scope.roots).toEqual([lib.path('home'), lib.path('trip')]);
    // and given again as a new root (e.g. by a script) it is accepted too, because the index holds files below it
    await scopes.removeRoots([lib.path('home')]);
    expect((await scopes.addRoots([lib.path('home')])).addedRoots).toEqual([lib.path('home')]);
  });
});

describe('every change says what leaves the index', () => {
  it('adding a folder adds a root and takes nothing out', async () => {
    await lib.write('more/x.jpg', 'x');
    const change = await scopes.addRoots([lib.path('more'), lib.path('trip/tmp')]); // the second is inside a root
    expect(change).toMatchObject({ addedRoots: [lib.path('more')], removedRoots: [], leavingFiles: 0 });
    expect(change.scope.roots).toEqual([lib.path('home'), lib.path('more'), lib.path('trip')]);
  });

  it('removing a root counts its indexed files', async () => {
    const change = await scopes.removeRoots([lib.path('trip')]);
    expect(change).toMatchObject({ removedRoots: [lib.path('trip')], leavingFiles: 2 });
    expect((await settings.loadScope())!.roots).toEqual([lib.path('home')]);
  });

  it('a root that is not in the scope cannot be removed', async () => {
    const e = await scopes.removeRoots([lib.path('elsewhere')]).catch((err: unknown) => err);
    expect(GlimpseError.is(e, 'not-found')).toBe(true);
    expect((e as Error).message).toContain(`the folders are: ${lib.path('home')}, ${lib.path('trip')}`);
  });

  it('globs and extensions are counted the way a walk decides', async () => {
    expect((await scopes.preview(makeScope({ ...(await scopes.current()), exclude: ['**/tmp'] }))).leavingFiles).toBe(
      1,
    );
    const noVideo = makeScope({ ...(await scopes.current()), extensions: { image: ['jpg'], video: [] } });
    expect((await scopes.preview(noVideo)).leavingFiles).toBe(1);
    expect((await scopes.preview(await scopes.current())).leavingFiles).toBe(0);
    const small = makeScope({ ...(await scopes.current()), maxFileSize: 5 });
    expect((await scopes.preview(small)).leavingFiles).toBe(3); // all but the 5-byte draft
    // and the next scan removes exactly that many
    const change = await scopes.replace({ exclude: ['**/tmp'] });
    expect((await lib.scan({ scope: change.scope })).counts.deleted).toBe(change.leavingFiles);
  });
});
