import { RAW_IMAGE_EXTENSIONS } from './scope.js';

/**
 * A RAW+JPEG pair: a camera set to write both saves each shot twice, as IMG_0001.CR2 and IMG_0001.JPG, in the same
 * folder. Glimpse pairs files that are in the same folder, have the same name before the extension (exactly), and
 * where one is a RAW format and the other a developed picture (JPEG, HEIC). Search shows such a shot once, as the
 * developed picture (what a browser can show, and what the camera made of it), with the RAW beside it.
 */
const RAW = new Set(RAW_IMAGE_EXTENSIONS);
const DEVELOPED = ['jpg', 'jpeg', 'heic', 'heif'];

function split(path: string): { stem: string; ext: string } | null {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return null;
  return { stem: path.slice(0, dot), ext: path.slice(dot + 1) };
}

export function isRawPath(path: string): boolean {
  const s = split(path);
  return !!s && RAW.has(s.ext.toLowerCase());
}

/** Whether `path` is a developed picture a RAW may be paired with. */
export function isDevelopedPath(path: string): boolean {
  const s = split(path);
  return !!s && DEVELOPED.includes(s.ext.toLowerCase());
}

/** The paths the other file of a pair could have (its extension in lower and upper case); [] when it cannot pair. */
export function pairCandidates(path: string): string[] {
  const s = split(path);
  if (!s) return [];
  const ext = s.ext.toLowerCase();
  const others = RAW.has(ext) ? DEVELOPED : DEVELOPED.includes(ext) ? RAW_IMAGE_EXTENSIONS : [];
  return others.flatMap((e) => [`${s.stem}.${e}`, `${s.stem}.${e.toUpperCase()}`]);
}
