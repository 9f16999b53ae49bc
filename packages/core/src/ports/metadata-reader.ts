import type { MediaKind } from '../domain/media-file.js';
import type { MediaMetadata, Place } from '../domain/media-metadata.js';

/** Reads what a file says about itself. A file with no metadata, or metadata it cannot parse, gives NO_METADATA. */
export interface MetadataReader {
  /** Throws only when the file cannot be read at all (the OS's reason, as a GlimpseError). */
  read(path: string, kind: MediaKind, signal?: AbortSignal): Promise<MediaMetadata>;
}

/** Names the place at a GPS position, offline. */
export interface PlaceFinder {
  /** The nearest known town within reach of the position, or null (open sea, or a position that is not one). */
  placeOf(latitude: number, longitude: number): Promise<Place | null>;
}
