import { opendir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Router from '@koa/router';
import { GlimpseError, isNormalAbsolutePath } from '@glimpse/core';
import type { Context } from 'koa';
import { isLocalPeer, STRICT_LOCALHOST, type LocalhostPolicy } from '../middleware/localhost-guard.js';
import type { ModelService } from '../services/model-service.js';
import { searchResultJson } from './present.js';
import { one, readKind, readWholeNumber } from './query-params.js';

/** Folders listed at most per request: a folder with more says how many it left out. */
const MAX_FOLDERS = 2000;

/**
 * The library to browse by date, its months, the folders of this computer (for the settings' folder picker) and the
 * models on disk.
 */
export function libraryRoutes({
  model,
  modelDir,
  modelFiles,
  home = homedir(),
  policy = STRICT_LOCALHOST,
}: {
  model: ModelService;
  modelDir: string;
  /** The files a complete model folder holds. */
  modelFiles: readonly string[];
  home?: string;
  /** Who counts as this computer: loopback, and the networks trusted like it (the compose stack's). */
  policy?: LocalhostPolicy;
}): Router {
  const loopbackOnly = (ctx: Context) => {
    if (!isLocalPeer(ctx.req.socket.remoteAddress, policy))
      throw new GlimpseError('forbidden', 'Folders and models are listed only to a browser on this computer.');
  };
  const router = new Router();

  router.get('/library', async (ctx) => {
    const problems: string[] = [];
    const number = (name: string, min: number, max: number) => {
      const { value, problem } = readWholeNumber(one(ctx.query[name]), name, min, max);
      if (problem) problems.push(problem);
      return value;
    };
    const limit = number('limit', 1, 200);
    const offset = number('offset', 0, 1_000_000);
    const kind = readKind(one(ctx.query['kind']), problems);
    const rawBefore = one(ctx.query['before']);
    const before = rawBefore ? new Date(rawBefore) : undefined;
    if (before && Number.isNaN(before.getTime()))
      problems.push(`before must be a date like 2024-08-01 (got "${rawBefore!.slice(0, 40)}")`);
    if (problems.length)
      throw new GlimpseError('invalid-input', `The library parameters are not valid: ${problems.join('; ')}.`);
    const { search } = await model.now();
    const page = await search.browse({
      ...(before ? { before } : {}),
      ...(kind ? { kind } : {}),
      ...(offset !== undefined ? { offset } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    ctx.body = { nextOffset: page.nextOffset, results: page.results.map(searchResultJson) };
  });

  router.get('/library/months', async (ctx) => {
    const problems: string[] = [];
    const kind = readKind(one(ctx.query['kind']), problems);
    if (problems.length) throw new GlimpseError('invalid-input', `${problems.join('; ')}.`);
    const { search } = await model.now();
    const months = await search.months(kind);
    ctx.body = { total: months.reduce((n, m) => n + m.count, 0), months };
  });

  router.get('/folders', async (ctx) => {
    loopbackOnly(ctx);
    const raw = one(ctx.query['path']);
    const path = (raw === undefined || raw === '' ? home : raw).replace(/(.)\/+$/, '$1');
    if (!isNormalAbsolutePath(path))
      throw new GlimpseError(
        'invalid-input',
        `path must be an absolute folder like /home/me/Pictures (got "${path.slice(0, 80)}").`,
      );
    const hidden = one(ctx.query['hidden']) === 'true';
    let entries;
    try {
      const s = await stat(path);
      if (!s.isDirectory()) throw new GlimpseError('invalid-input', `"${path}" is a file, not a folder.`);
      entries = await opendir(path);
    } catch (e) {
      if (GlimpseError.is(e)) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new GlimpseError('not-found', `There is no folder "${path}".`);
      if (code === 'EACCES' || code === 'EPERM')
        throw new GlimpseError('forbidden', `The folder "${path}" may not be read by Glimpse (${code}).`);
      throw new GlimpseError('unavailable', `The folder "${path}" cannot be read (${code ?? String(e)}).`);
    }
    const folders: { name: string; path: string }[] = [];
    let more = 0;
    try {
      for await (const d of entries) {
        if (!hidden && d.name.startsWith('.')) continue;
        // Folders only; a link is listed when it leads to a folder.
        let dir = d.isDirectory();
        if (!dir && d.isSymbolicLink())
          dir = await stat(join(path, d.name)).then(
            (s) => s.isDirectory(),
            () => false,
          );
        if (!dir) continue;
        if (folders.length >= MAX_FOLDERS) more++;
        else folders.push({ name: d.name, path: join(path, d.name) });
      }
    } catch (e) {
      throw new GlimpseError(
        'unavailable',
        `The folder "${path}" cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
      );
    }
    folders.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true }));
    ctx.body = { path, parent: path === '/' ? null : dirname(path), home, folders, more };
  });

  router.get('/models', async (ctx) => {
    loopbackOnly(ctx);
    const onDisk: { id: string; path: string; complete: boolean }[] = [];
    try {
      for await (const d of await opendir(modelDir)) {
        if (!d.isDirectory() || d.name.startsWith('.')) continue;
        const path = join(modelDir, d.name);
        const present = await Promise.all(
          modelFiles.map((f) =>
            stat(join(path, f)).then(
              () => true,
              () => false,
            ),
          ),
        );
        onDisk.push({ id: d.name, path, complete: present.every(Boolean) });
      }
    } catch {
      // No model folder yet: nothing downloaded.
    }
    onDisk.sort((a, b) => a.id.localeCompare(b.id));
    const s = model.state;
    ctx.body = {
      inUse: {
        id: model.modelId,
        model: model.choice.model,
        state: s.state,
        error: s.state === 'failed' ? s.error : null,
      },
      modelDir,
      onDisk,
    };
  });
  return router;
}
