import { GlimpseError } from '../errors.js';
import type { ImageCodec, ImageFacts } from '../ports/image-codec.js';
import type { MediaSource } from '../ports/media-source.js';
import type { VideoFrame } from '../ports/video-sampler.js';
import { readAll } from './fake-embedder.js';

/** A fake picture: the text `FAKEIMG <width>x<height> <format>`, which {@link FakeImageCodec} reads and writes. */
export function fakePicture(width: number, height: number, format = 'jpeg'): Uint8Array {
  return new TextEncoder().encode(`FAKEIMG ${width}x${height} ${format}`);
}

/** An ImageCodec for core unit tests over fake pictures; passes the same contract as sharp's. */
export class FakeImageCodec implements ImageCodec {
  constructor(private readonly source: MediaSource) {}

  async probe(bytes: Uint8Array): Promise<ImageFacts> {
    const m = /^FAKEIMG (\d+)x(\d+) (\w+)/.exec(new TextDecoder().decode(bytes.subarray(0, 64)));
    if (!m) throw new GlimpseError('unsupported-media', 'The upload is not a picture Glimpse can read.');
    return { format: m[3]!, width: Number(m[1]), height: Number(m[2]), camera: null };
  }

  async probeFile(path: string): Promise<ImageFacts> {
    return this.probe(await readAll(this.source.read(path)));
  }

  async thumbnail(path: string, size: number): Promise<Uint8Array> {
    const f = await this.probeFile(path);
    return fakePicture(...fit(f.width, f.height, size));
  }

  async encodeFrame(frame: VideoFrame, size: number): Promise<Uint8Array> {
    return fakePicture(...fit(frame.width, frame.height, size));
  }
}

function fit(w: number, h: number, size: number): [number, number] {
  const f = Math.min(1, size / Math.max(w, h));
  return [Math.max(1, Math.round(w * f)), Math.max(1, Math.round(h * f))];
}
