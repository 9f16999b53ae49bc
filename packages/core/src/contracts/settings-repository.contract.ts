import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeScope } from '../domain/scope.js';
import type { SettingsRepository } from '../ports/settings-repository.js';

export interface SettingsRepositoryHarness {
  readonly settings: SettingsRepository;
  /** A second repository over the same storage, as a restarted process would open it; defaults to `settings`. */
  reopen?(): Promise<SettingsRepository>;
  close(): Promise<void>;
}

/** The behaviour every SettingsRepository must have; each test gets fresh, empty storage from `setup`. */
export function describeSettingsRepositoryContract(
  name: string,
  setup: () => Promise<SettingsRepositoryHarness>,
): void {
  describe(`SettingsRepository contract: ${name}`, () => {
    let h: SettingsRepositoryHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('has no scope until one is saved', async () => {
      expect(await h.settings.loadScope()).toBeNull();
    });

    it('gives back exactly the saved scope, and the last one saved wins', async () => {
      const first = makeScope({ roots: ['/photos'] });
      const second = makeScope({
        roots: ['/photos', '/mnt/Camera Ünïcode'],
        include: ['**/2024/**'],
        exclude: ['**/tmp'],
        extensions: { image: ['jpg'], video: ['mp4', 'mov'] },
        includeHidden: true,
        maxFileSize: 2 ** 40,
      });
      await h.settings.saveScope(first);
      await h.settings.saveScope(second);
      await h.settings.saveScope(second); // idempotent
      expect(await h.settings.loadScope()).toEqual(second);
      const again = h.reopen ? await h.reopen() : h.settings;
      expect(await again.loadScope()).toEqual(second);
    });

    it('records the model the index is built with, the last one recorded winning', async () => {
      expect(await h.settings.loadIndexModel()).toBeNull();
      await h.settings.saveScope(makeScope({ roots: ['/a'] }));
      await h.settings.saveIndexModel({ model: 'ViT-B-32__openai', modelId: 'ViT-B-32__openai', dimension: 512 });
      const tiny = { model: '/home/me/models/tiny-color-clip', modelId: 'tiny-color-clip', dimension: 16 };
      await h.settings.saveIndexModel(tiny);
      await h.settings.saveIndexModel(tiny);
      const again = h.reopen ? await h.reopen() : h.settings;
      expect(await again.loadIndexModel()).toEqual(tiny);
      expect((await again.loadScope())!.roots).toEqual(['/a']); // a separate setting
    });

    it('keeps a null size limit as null', async () => {
      await h.settings.saveScope(makeScope({ roots: ['/a'], maxFileSize: null }));
      expect((await h.settings.loadScope())!.maxFileSize).toBeNull();
    });
  });
}
