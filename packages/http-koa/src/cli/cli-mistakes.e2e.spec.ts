// A newcomer's mistakes through the real `glimpse` command: a typo in a folder, a file given as a folder, a root
// removed and added back, another model named by accident, no model reachable. None of them may cost indexed work.
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGlimpse, type GlimpseRun } from '../../../../test-support/glimpse-cli.js';
import { makeMediaLibrary, type MediaLibrary } from '../../../../test-support/media-library.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON replies are read field by field and checked by the assertions */

let dir: string;
let lib: MediaLibrary;
let model: string;
let env: NodeJS.ProcessEnv;

function glimpse(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<GlimpseRun> {
  return runGlimpse(args, { ...env, ...extraEnv });
}

async function json(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Record<string, any>> {
  const r = await glimpse([...args, '--json'], extraEnv);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, any>;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-mistakes-'));
  lib = await makeMediaLibrary(join(dir, 'library'));
  model = join(dir, 'models-by-hand', 'tiny-color-clip');
  await cp(TINY_TEST_MODEL_DIR, model, { recursive: true });
  // No GLIMPSE_MODEL, and no way to fetch the default model: a command that forgot the index's model fails.
  env = {
    PATH: process.env['PATH'],
    HOME: join(dir, 'home'),
    GLIMPSE_DATA_DIR: join(dir, 'data'),
    GLIMPSE_MODEL_DIR: join(dir, 'model-cache'),
    GLIMPSE_OFFLINE: '1',
    GLIMPSE_OCR: 'off', // text reading is not what this is about
  };
  const first = await json(['scan', lib.root, '--model', model]);
  expect(first.counts).toMatchObject({ new: 4, embedded: 4 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a mistake costs nothing', () => {
  it('a folder that does not exist is an error (exit 2), and the index is unchanged', async () => {
    const before = await json(['index']);
    const typo = await glimpse(['scan', join(dir, 'no', 'such', 'folder')]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`No such folder: ${join(dir, 'no', 'such', 'folder')}. Nothing was changed.`);
    expect(await json(['index'])).toEqual(before);
    expect((await json(['scope'])).roots).toEqual([lib.root]);
    expect((await json(['search', 'red'])).results[0].path).toBe(lib.red);
  });

  it('a file given as a folder is an error (exit 2), and the index is unchanged', async () => {
    const before = await json(['index']);
    const file = await glimpse(['scan', lib.red]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(`Not a folder: ${lib.red} (give the folder that holds it)`);
    expect(await json(['index'])).toEqual(before);
  });

  it('removing a root says how many files leave; adding it back within the grace period embeds nothing; prune drops the kept vectors', async () => {
    const trip = join(lib.root, 'trip');
    const clips = join(lib.root, 'clips');
    expect(await json(['scope', 'remove', lib.root])).toMatchObject({ removedRoots: [lib.root], leavingFiles: 4 });
    const added = await json(['scope', 'add', trip, clips]);
    expect(added).toMatchObject({ addedRoots: [clips, trip], removedRoots: [], leavingFiles: 1 }); // blue.png

    const removed = await glimpse(['scope', 'remove', clips]);
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain(`removed ${clips} from the folders`);
    expect(removed.stderr).toContain(
      'Saved; 2 indexed files leave the index with the next scan. Their vectors are kept for 30 days, so adding ' +
        'them back embeds nothing (glimpse index prune drops them now).',
    ); // rgb.mp4, and blue.png beside the two roots
    const narrowed = await json(['scan']);
    expect(narrowed.counts).toMatchObject({ deleted: 2, released: 2 });
    const waiting = await json(['index']);
    expect(waiting).toMatchObject({ files: 2, indexedContents: 2, released: { contents: 2, graceDays: 30 } });
    expect(waiting['released'].points).toBeGreaterThan(2); // the video's scenes too
    expect((await json(['search', 'green', '--kind', 'video'])).results).toEqual([]);

    const back = await glimpse(['scan', clips]); // a folder given to scan is added to the saved ones
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/1 new.* 0 embedded/);
    expect(back.stdout).toMatch(/1 came back and were linked to the vectors kept for them \(not embedded\)/);
    expect((await json(['search', 'green', '--kind', 'video'])).results[0].path).toBe(lib.video);
    expect((await json(['scope'])).roots).toEqual([clips, trip]);

    const pruned = await json(['index', 'prune']);
    expect(pruned).toMatchObject({ dropped: 1, released: { contents: 0, points: 0 } }); // blue.png's vectors
    await json(['scope', 'add', lib.root]);
    const again = await json(['scan']);
    expect(again.counts).toMatchObject({ new: 1, restored: 0, embedded: 1 }); // pruned: embedded again
  });
});

describe('the index remembers its model', () => {
  it('search, scan and serve without --model use the model the index was built with', async () => {
    expect((await json(['search', 'red'])).results[0].path).toBe(lib.red);
    expect((await json(['scan'])).counts).toMatchObject({ unchanged: 4, embedded: 0 });
    expect((await json(['index'])).modelId).toBe('tiny-color-clip');
    let stopped = false;
    const served = (
      await runGlimpse(['serve', '--port', '0', '--no-scan'], env, {
        onStderr: (err, pid) => {
          if (stopped || !/model tiny-color-clip is loaded|could not be loaded/.test(err)) return;
          stopped = true; // one Ctrl+C: a second would quit at once
          process.kill(pid, 'SIGINT');
        },
      })
    ).stderr;
    expect(served).toMatch(/model tiny-color-clip; folders:/);
    expect(served).toMatch(/model tiny-color-clip is loaded/);
  });

  it('naming another model asks for --switch-model (exit 2), which embeds everything again for it', async () => {
    const other = join(dir, 'models-by-hand', 'tiny-other');
    await cp(model, other, { recursive: true });
    const refused = await glimpse(['scan', '--model', other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('This index was built with the model tiny-color-clip (4 items)');
    expect(refused.stderr).toContain('embeds all 4 again for it');
    expect(refused.stderr).toContain('--switch-model');
    expect((await json(['index'])).modelId).toBe('tiny-color-clip');

    const switched = await json(['scan', '--model', other, '--switch-model']);
    expect(switched.counts).toMatchObject({ embedded: 4 });
    expect((await json(['index'])).modelId).toBe('tiny-other'); // remembered from now on
    expect((await json(['search', 'red'])).results[0].path).toBe(lib.red);
  });

  it("reset --yes works with no model reachable, and deletes every model's vectors", async () => {
    await rename(join(dir, 'models-by-hand'), join(dir, 'models-gone'));
    try {
      const failing = await glimpse(['search', 'red']);
      expect(failing.code).toBe(1); // the recorded model folder is gone: search cannot run...
      const reset = await json(['reset', '--yes']); // ...but reset needs no model
      expect(reset).toMatchObject({ deleted: true, files: 0, contents: 0, released: { contents: 0 } });
      expect((await json(['index', 'prune'])).dropped).toBe(0);
    } finally {
      await rename(join(dir, 'models-gone'), join(dir, 'models-by-hand'));
    }
    const rebuilt = await json(['scan']);
    expect(rebuilt.counts).toMatchObject({ new: 4, embedded: 4 }); // nothing was left of either model
  });
});

describe('the command line speaks for itself', () => {
  it('has help per command, a version, and answers unknown flags and bad ports in its own words (exit 2)', async () => {
    const help = await glimpse(['search', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: glimpse search "query"/);
    expect(help.stdout).toContain('--kind image|video');
    expect(help.stdout).not.toContain('glimpse serve');
    const scopeHelp = await glimpse(['help-me-please']);
    expect(scopeHelp.code).toBe(2);
    expect(scopeHelp.stderr).toMatch(/"help-me-please" is not a glimpse command; the commands are serve, scan/);
    const version = await glimpse(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: 'glimpse 0.1.0\n' });
    const flag = await glimpse(['search', 'red', '--colour', 'blue']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^glimpse search: unknown option --colour\.\n\nUsage: glimpse search/);
    const value = await glimpse(['search', 'red', '--limit']);
    expect(value.code).toBe(2);
    expect(value.stderr).toMatch(/^glimpse search: --limit needs a value, like --limit VALUE\./);
    const port = await glimpse(['serve', '--port', '99999']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/^glimpse serve: --port must be a port number from 0 to 65535 \(got "99999"\)/);
    expect(port.stderr.split('\n')[0]).not.toContain('GLIMPSE_PORT');
  });
});
