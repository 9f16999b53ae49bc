import { GlimpseError } from '../errors.js';
import { compileGlob, compileGlobs } from './glob.js';
import type { MediaKind } from './media-file.js';
import { comparePaths, extensionOf, isHiddenName, isNormalAbsolutePath, isUnder, relativeTo } from './paths.js';

/** Which files Glimpse indexes. Globs are matched against the path relative to its root. */
export interface Scope {
  /** Absolute folders to index. Nested roots are merged into their outermost root. */
  readonly roots: readonly string[];
  /** When non-empty, a file must match at least one of these globs (e.g. `**\/2024/**`). */
  readonly include: readonly string[];
  /** Files or folders matching any of these globs are skipped (e.g. `**\/node_modules`, `**\/*.tmp`). */
  readonly exclude: readonly string[];
  /** Extensions (case-insensitive, without the dot) that are indexed, per kind. */
  readonly extensions: { readonly image: readonly string[]; readonly video: readonly string[] };
  /** Index files and folders whose name starts with a dot. Default false. */
  readonly includeHidden: boolean;
  /** Larger files are skipped (bytes); null for no limit. */
  readonly maxFileSize: number | null;
}

/** Camera RAW formats Glimpse reads (by their embedded preview): Adobe, Canon, Nikon, Sony, Olympus, Panasonic, Fujifilm, Pentax, Samsung. */
export const RAW_IMAGE_EXTENSIONS: readonly string[] = [
  'dng',
  'cr2',
  'cr3',
  'nef',
  'nrw',
  'arw',
  'srf',
  'sr2',
  'orf',
  'rw2',
  'raf',
  'pef',
  'srw',
];

export const DEFAULT_IMAGE_EXTENSIONS: readonly string[] = [
  'jpg',
  'jpeg',
  'jpe',
  'png',
  'webp',
  'gif',
  'avif',
  'heic',
  'heif',
  'tif',
  'tiff',
  'bmp',
  // Camera RAW, read by the JPEG preview the camera embedded (or by dcraw when there is none).
  ...RAW_IMAGE_EXTENSIONS,
];
/** The image extensions of Glimpse before it read camera RAW: a scope saved with exactly these gets the new ones. */
const FORMER_IMAGE_EXTENSIONS = DEFAULT_IMAGE_EXTENSIONS.slice(0, 12);
export const DEFAULT_VIDEO_EXTENSIONS: readonly string[] = [
  'mp4',
  'm4v',
  'mov',
  'mkv',
  'webm',
  'avi',
  '3gp',
  'mts',
  'm2ts',
  'mpg',
  'mpeg',
  'wmv',
];
export const DEFAULT_EXCLUDE: readonly string[] = ['**/@eaDir', '**/#recycle', '**/$RECYCLE.BIN', '**/lost+found'];

export function defaultScope(roots: readonly string[] = []): Scope {
  return {
    roots,
    include: [],
    exclude: DEFAULT_EXCLUDE,
    extensions: { image: DEFAULT_IMAGE_EXTENSIONS, video: DEFAULT_VIDEO_EXTENSIONS },
    includeHidden: false,
    maxFileSize: null,
  };
}

/** A scope's image extensions, with camera RAW added when they are the former defaults, untouched. */
function upgraded(image: readonly string[]): readonly string[] {
  const same =
    image.length === FORMER_IMAGE_EXTENSIONS.length && image.every((e, i) => e === FORMER_IMAGE_EXTENSIONS[i]);
  return same ? DEFAULT_IMAGE_EXTENSIONS : image;
}

/** Builds a scope from a partial one, filling defaults, and validates it (throws `invalid-input` listing every problem). */
export function makeScope(input: Partial<Scope> & { roots: readonly string[] }): Scope {
  const base = defaultScope();
  const scope: Scope = {
    roots: input.roots,
    include: input.include ?? base.include,
    exclude: input.exclude ?? base.exclude,
    extensions: {
      image: upgraded(input.extensions?.image ?? base.extensions.image).map((e) => e.replace(/^\./, '').toLowerCase()),
      video: (input.extensions?.video ?? base.extensions.video).map((e) => e.replace(/^\./, '').toLowerCase()),
    },
    includeHidden: input.includeHidden ?? base.includeHidden,
    maxFileSize: input.maxFileSize === undefined ? base.maxFileSize : input.maxFileSize,
  };
  const problems = scopeProblems(scope);
  if (problems.length > 0) {
    throw new GlimpseError('invalid-input', `The scope is not valid:\n- ${problems.join('\n- ')}`);
  }
  return { ...scope, roots: normalizeRoots(scope.roots) };
}

export function scopeProblems(scope: Scope): string[] {
  const problems: string[] = [];
  for (const root of scope.roots) {
    if (!isNormalAbsolutePath(root)) problems.push(`root "${root}" must be an absolute path without "." or ".." parts`);
  }
  for (const glob of [...scope.include, ...scope.exclude]) {
    if (glob.trim() === '') problems.push('globs must not be empty');
    else {
      try {
        compileGlob(glob);
      } catch (e) {
        problems.push(`glob "${glob}" is not valid: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  const seen = new Map<string, MediaKind>();
  for (const kind of ['image', 'video'] as const) {
    for (const ext of scope.extensions[kind]) {
      if (!/^[a-z0-9]+$/.test(ext)) problems.push(`extension "${ext}" must be letters and digits only`);
      const other = seen.get(ext);
      if (other && other !== kind) problems.push(`extension "${ext}" is listed as both image and video`);
      seen.set(ext, kind);
    }
  }
  if (scope.maxFileSize !== null && !(Number.isInteger(scope.maxFileSize) && scope.maxFileSize > 0)) {
    problems.push('maxFileSize must be a positive whole number of bytes, or null');
  }
  return problems;
}

/** Sorted roots with duplicates and roots nested inside other roots removed. */
export function normalizeRoots(roots: readonly string[]): string[] {
  const sorted = [...new Set(roots)].sort(comparePaths);
  const out: string[] = [];
  for (const root of sorted) {
    if (!out.some((r) => r === root || isUnder(root, r))) out.push(root);
  }
  return out;
}

/** The decision for one directory entry that is not a folder. */
export type FileVerdict =
  | { readonly take: true; readonly kind: MediaKind }
  | { readonly take: false; readonly reason: string; readonly notable: boolean };

/**
 * The compiled form of a scope for one root, used by media sources while walking. Only names and paths are
 * inspected: nothing is opened.
 */
export interface ScopeFilter {
  readonly root: string;
  /** Whether to descend into the folder at `path`. */
  acceptsFolder(path: string): boolean;
  /** Whether a file at `path` is in scope by name (before its size is known). */
  classify(path: string): FileVerdict;
  /** Whether a file of `size` bytes is in scope. */
  acceptsSize(size: number): boolean;
}

/**
 * Extensions of pictures Glimpse does not read (yet): skipped like any other name, but counted apart in scan
 * reports, so a photographer sees that their files were left out and why (the older RAW formats; the common ones
 * are read, see DEFAULT_IMAGE_EXTENSIONS).
 */
export const UNREAD_MEDIA_EXTENSIONS: ReadonlyMap<string, string> = new Map([
  ...['crw', 'x3f', 'rwl', '3fr', 'erf', 'kdc', 'mrw', 'iiq'].map(
    (e) => [e, 'a camera RAW format Glimpse does not read (yet)'] as const,
  ),
  ...['psd', 'psb', 'xcf', 'jxl', 'svg', 'ico', 'exr', 'hdr', 'jp2', 'tga'].map(
    (e) => [e, 'a picture format Glimpse does not read'] as const,
  ),
]);

const SKIP_HIDDEN: FileVerdict = { take: false, reason: 'hidden', notable: false };
const SKIP_EXTENSION: FileVerdict = { take: false, reason: 'not a media extension', notable: false };
const SKIP_EXCLUDED: FileVerdict = { take: false, reason: 'excluded by a glob', notable: false };
const SKIP_NOT_INCLUDED: FileVerdict = { take: false, reason: 'not matched by any include glob', notable: false };

export function compileScope(scope: Scope, root: string): ScopeFilter {
  const excludeFile = compileGlobs(scope.exclude);
  // A folder is pruned when a glob names it, or when a glob ending in "/**" names it (everything inside excluded).
  const excludeFolder = compileGlobs(scope.exclude.flatMap((g) => (g.endsWith('/**') ? [g, g.slice(0, -3)] : [g])));
  const include = scope.include.length ? compileGlobs(scope.include) : null;
  const kinds = new Map<string, MediaKind>();
  for (const ext of scope.extensions.image) kinds.set(ext.toLowerCase(), 'image');
  for (const ext of scope.extensions.video) kinds.set(ext.toLowerCase(), 'video');
  const hiddenOk = scope.includeHidden;
  const max = scope.maxFileSize;

  return {
    root,
    acceptsFolder(path) {
      if (!hiddenOk && isHiddenName(path)) return false;
      return !excludeFolder(relativeTo(root, path));
    },
    classify(path) {
      if (!hiddenOk && isHiddenName(path)) return SKIP_HIDDEN;
      const ext = extensionOf(path);
      const kind = kinds.get(ext);
      if (!kind) {
        const unread = UNREAD_MEDIA_EXTENSIONS.get(ext);
        return unread ? { take: false, reason: unread, notable: true } : SKIP_EXTENSION;
      }
      const rel = relativeTo(root, path);
      if (excludeFile(rel)) return SKIP_EXCLUDED;
      if (include && !include(rel)) return SKIP_NOT_INCLUDED;
      return { take: true, kind };
    },
    acceptsSize(size) {
      return max === null || size <= max;
    },
  };
}

/**
 * Whether a stored file (its path and size) lies inside `scope`: below a root, in folders the scope enters, and
 * accepted by name and size, the same decisions a walk makes. For counting what a scope change removes without
 * walking anything.
 */
export function scopeMatcher(scope: Scope): (path: string, size: number) => boolean {
  const roots = normalizeRoots(scope.roots);
  const filters = new Map(roots.map((r) => [r, compileScope(scope, r)]));
  const folderOk = new Map<string, boolean>();
  return (path, size) => {
    const root = roots.find((r) => isUnder(path, r));
    if (root === undefined) return false;
    const filter = filters.get(root)!;
    // Every folder between the root and the file must be one the walk enters.
    for (let i = root === '/' ? 0 : root.length; ;) {
      i = path.indexOf('/', i + 1);
      if (i === -1) break;
      const folder = path.slice(0, i);
      let ok = folderOk.get(folder);
      if (ok === undefined) folderOk.set(folder, (ok = filter.acceptsFolder(folder)));
      if (!ok) return false;
    }
    return filter.classify(path).take && filter.acceptsSize(size);
  };
}
