/**
 * Paths in the domain are absolute, '/'-separated, without a trailing slash (except the root "/").
 * They are ordered by Unicode code point (the byte order of their UTF-8 form), the order in which
 * a media source walks and a repository lists them, so the two can be merged.
 */

/** Compares by code point (= UTF-8 byte order = Postgres `COLLATE "C"`), not by UTF-16 code unit. */
export function comparePaths(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogate pairs (astral code points) sort after U+E000..U+FFFF in code point order.
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/**
 * The paths strictly below `dir` as a range: from "dir/" (inclusive) to "dir0" (exclusive, '0' follows '/').
 * Every path below `dir` starts with "dir/", and nothing else sorts between those bounds.
 */
export function subtreeRange(dir: string): { from: string; to: string } {
  return dir === '/' ? { from: '/', to: '0' } : { from: `${dir}/`, to: `${dir}0` };
}

/** True when `path` is strictly below `dir`. */
export function isUnder(path: string, dir: string): boolean {
  return dir === '/' ? path.startsWith('/') && path !== '/' : path.startsWith(`${dir}/`);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Every folder above `path`, outermost first: "/a/b/c.jpg" → ["/", "/a", "/a/b"]. */
export function ancestorsOf(path: string): string[] {
  const out: string[] = ['/'];
  let i = path.indexOf('/', 1);
  while (i !== -1) {
    out.push(path.slice(0, i));
    i = path.indexOf('/', i + 1);
  }
  return out;
}

/** Path relative to `root` (which must contain it), '/'-separated. */
export function relativeTo(root: string, path: string): string {
  return root === '/' ? path.slice(1) : path.slice(root.length + 1);
}

/** Lower-cased extension without the dot, or '' when the name has none. */
export function extensionOf(path: string): string {
  // Read in place, without slicing the name first: a walk asks this of every file it meets.
  const start = path.lastIndexOf('/') + 1;
  const dot = path.lastIndexOf('.');
  return dot <= start ? '' : path.slice(dot + 1).toLowerCase();
}

/** Whether the last segment of `path` starts with a dot (a hidden file or folder). */
export function isHiddenName(path: string): boolean {
  return path.charCodeAt(path.lastIndexOf('/') + 1) === 0x2e;
}

/** Checks that a path is absolute and normal ('/'-separated, no '.', '..' or empty segments). */
export function isNormalAbsolutePath(path: string): boolean {
  if (!path.startsWith('/')) return false;
  if (path === '/') return true;
  if (path.endsWith('/')) return false;
  return path
    .slice(1)
    .split('/')
    .every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\0'));
}
