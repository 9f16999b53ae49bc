import Router from '@koa/router';
import { GlimpseError, type Scope } from '@glimpse/core';
import type { ScanJobs } from '@glimpse/core';
import type { ScopeService } from '../services/scope-service.js';
import { changeMessage, scanJobJson, scopeJson } from './present.js';
import { readJson } from './request-body.js';

const FIELDS = ['roots', 'include', 'exclude', 'extensions', 'includeHidden', 'maxFileSize'] as const;

/**
 * GET/PUT /scope: which folders and files are indexed. A change is saved, then a scan starts (cancelling one that
 * runs). A folder that does not exist, or is not a folder, is refused with 400 and nothing is saved; the answer
 * says which folders were added and removed and how many indexed files leave the index.
 */
export function scopeRoutes({
  scopes,
  jobs,
  graceDays,
}: {
  scopes: ScopeService;
  jobs: ScanJobs;
  graceDays: number;
}): Router {
  const router = new Router();
  router.get('/scope', async (ctx) => {
    ctx.body = scopeJson(await scopes.current());
  });
  router.put('/scope', async (ctx) => {
    const input = parseScopeBody(await readJson(ctx.req));
    const change = await scopes.replace(input);
    const scan = change.scope.roots.length > 0 ? jobs.restart('incremental', 'scope-change') : null;
    ctx.body = {
      scope: scopeJson(change.scope),
      addedRoots: change.addedRoots,
      removedRoots: change.removedRoots,
      leavingFiles: change.leavingFiles,
      message: changeMessage(change.leavingFiles, graceDays),
      scan: scan ? scanJobJson(scan) : null,
    };
  });
  return router;
}

/** Checks the shape of a scope body, listing every problem; values are checked again by makeScope. */
export function parseScopeBody(body: unknown): Partial<Scope> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new GlimpseError('invalid-input', 'The body must be a JSON object like {"roots": ["/home/me/Pictures"]}.');
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  const unknown = Object.keys(b).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length) problems.push(`unknown field(s) ${unknown.join(', ')}; the fields are ${FIELDS.join(', ')}`);
  const strings = (name: string, v: unknown) => {
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string')))
      problems.push(`${name} must be a list of strings`);
  };
  strings('roots', b['roots']);
  strings('include', b['include']);
  strings('exclude', b['exclude']);
  const ext = b['extensions'];
  if (ext !== undefined) {
    if (typeof ext !== 'object' || ext === null || Array.isArray(ext))
      problems.push('extensions must be an object like {"image": ["jpg"], "video": ["mp4"]}');
    else {
      const e = ext as Record<string, unknown>;
      if (Object.keys(e).some((k) => k !== 'image' && k !== 'video'))
        problems.push('extensions has only the keys image and video');
      strings('extensions.image', e['image']);
      strings('extensions.video', e['video']);
      if (e['image'] === undefined || e['video'] === undefined)
        problems.push('extensions needs both image and video lists');
    }
  }
  if (b['includeHidden'] !== undefined && typeof b['includeHidden'] !== 'boolean')
    problems.push('includeHidden must be true or false');
  const max = b['maxFileSize'];
  if (max !== undefined && max !== null && !(typeof max === 'number' && Number.isSafeInteger(max) && max > 0))
    problems.push('maxFileSize must be a positive whole number of bytes, or null for no limit');
  if (Array.isArray(b['roots']) && (b['roots'] as unknown[]).some((r) => typeof r === 'string' && !r.startsWith('/')))
    problems.push('roots must be absolute folders, like /home/me/Pictures');
  if (problems.length) throw new GlimpseError('invalid-input', `The scope is not valid: ${problems.join('; ')}.`);
  return b as Partial<Scope>;
}

export { changeMessage };
