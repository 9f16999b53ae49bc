import type { MediaKind } from '../domain/media-file.js';
import { NO_METADATA, type ContentMeta, type MediaMetadata } from '../domain/media-metadata.js';
import type { MetadataReader, PlaceFinder } from '../ports/metadata-reader.js';
import type { VideoInfo, VideoSampler } from '../ports/video-sampler.js';

/** A video's metadata, from what its probe found. */
export function videoMetadata(info: VideoInfo): MediaMetadata {
  return { ...NO_METADATA, ...info.metadata, takenAt: info.createdAt };
}

/**
 * One file's metadata: a picture's from the metadata reader, a video's from its probe. What cannot be read is no
 * metadata (the file's embedding says what is wrong with it), so this never throws but for cancellation.
 */
export async function readMetadata(
  path: string,
  kind: MediaKind,
  reader: MetadataReader | null,
  videos: VideoSampler | null,
  signal?: AbortSignal,
): Promise<MediaMetadata | null> {
  try {
    if (kind === 'video') return videos ? videoMetadata(await videos.probe(path, signal)) : null;
    return reader ? await reader.read(path, kind, signal) : null;
  } catch (e) {
    if (signal?.aborted) throw e;
    return NO_METADATA;
  }
}

/** The metadata as the index keeps it: with the place its position is in, and where its date comes from. */
export async function contentMeta(m: MediaMetadata, places: PlaceFinder | null): Promise<ContentMeta> {
  const place =
    places && m.latitude !== null && m.longitude !== null ? await places.placeOf(m.latitude, m.longitude) : null;
  return { ...m, place, takenAtSource: m.takenAt ? 'metadata' : 'file-modified' };
}
