/** What a photo or video file says about itself (EXIF, XMP, QuickTime/MP4 atoms); null where it says nothing. */
export interface MediaMetadata {
  /** The instant it was taken: the recorded local time at its recorded offset, or taken as UTC without one. */
  readonly takenAt: Date | null;
  /** Minutes east of UTC of the local time it was taken at (EXIF OffsetTimeOriginal), when recorded. */
  readonly takenAtOffsetMin: number | null;
  readonly cameraMake: string | null;
  readonly cameraModel: string | null;
  readonly lens: string | null;
  /** WGS 84 degrees. */
  readonly latitude: number | null;
  readonly longitude: number | null;
  /** EXIF orientation, 1..8. */
  readonly orientation: number | null;
}

export const NO_METADATA: MediaMetadata = {
  takenAt: null,
  takenAtOffsetMin: null,
  cameraMake: null,
  cameraModel: null,
  lens: null,
  latitude: null,
  longitude: null,
  orientation: null,
};

/** A named place near a GPS position, from an offline gazetteer. */
export interface Place {
  /** The nearest town or city. */
  readonly city: string;
  /** Its first-level division (state, region, province), when known. */
  readonly region: string | null;
  readonly country: string;
  /** ISO 3166-1 alpha-2. */
  readonly countryCode: string;
}

/**
 * Where a content's date comes from: its metadata (`metadata`), or, when it records none, its file's modification
 * time (`file-modified`), which may be when it was copied rather than taken.
 */
export type TakenAtSource = 'metadata' | 'file-modified';

/** A content's metadata as the index keeps it: what its file says, the place named, the date's source. */
export interface ContentMeta extends MediaMetadata {
  readonly place: Place | null;
  readonly takenAtSource: TakenAtSource;
}

/** The version of what the scan reads from files: contents read at an older one are read again. */
export const METADATA_VERSION = 1;

/** "Canon EOS R6" from make "Canon" and model "Canon EOS R6", "Apple iPhone 15 Pro" from "Apple", "iPhone 15 Pro". */
export function cameraName(meta: Pick<MediaMetadata, 'cameraMake' | 'cameraModel'>): string | null {
  const make = meta.cameraMake?.trim() || null;
  const model = meta.cameraModel?.trim() || null;
  if (!make) return model;
  if (!model) return make;
  const first = make.split(/\s+/)[0]!.toLowerCase();
  return model.toLowerCase().startsWith(first) ? model : `${make} ${model}`;
}

/** Text as searches compare it: lower case, accents dropped ("Île-de-France" and "ile-de-france" are one). */
export function searchFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Words too common to search for by keyword. */
const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'with', 'and', 'or', 'to', 'for', 'from', 'by']);

/** The words of a text as keyword search compares them: folded, split at anything but letters and digits. */
export function keywordTokens(text: string): string[] {
  return searchFold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** The words of a query worth looking up by keyword (no stopwords), each once, at most 16. */
export function queryTokens(query: string): string[] {
  return [...new Set(keywordTokens(query).filter((w) => !STOPWORDS.has(w)))].slice(0, 16);
}

/** What a file's path offers keyword search: its name's words, then its folders' words. */
export function pathKeywords(path: string): string {
  const slash = path.lastIndexOf('/');
  return `${keywordTokens(path.slice(slash + 1)).join(' ')} ${keywordTokens(path.slice(0, slash)).join(' ')}`.trim();
}
