import { GlimpseError } from '../errors.js';
import type { MediaSource } from '../ports/media-source.js';
import type { VideoFrame, VideoInfo, VideoSampler } from '../ports/video-sampler.js';
import { readAll } from './fake-embedder.js';

/**
 * A VideoSampler for core unit tests. A "video" file is text, one scene per line: `<words> <seconds>`, e.g.
 * "red 3\ngreen 3". Each frame's pixels are the scene's words, which {@link FakeEmbedder} embeds as text.
 * A file starting with "AUDIO" has no video stream (`unsupported-media`); anything else unparsable is `corrupt-media`.
 */
export class FakeVideoSampler implements VideoSampler {
  probes = 0;

  constructor(private readonly source: MediaSource) {}

  async probe(path: string, signal?: AbortSignal): Promise<VideoInfo> {
    if (signal?.aborted) throw new GlimpseError('cancelled', 'the video probe was cancelled');
    this.probes++;
    const scenes = await this.scenes(path);
    const durationSec = scenes.reduce((s, x) => s + x.seconds, 0);
    return { durationSec, width: 16, height: 16, fps: 1, rotation: 0, codec: 'fake', createdAt: null };
  }

  /** Square frames of `shortSide` pixels whose bytes are the scene's words, zero-padded. */
  async *frames(
    path: string,
    timesSec: readonly number[],
    shortSide: number,
    signal?: AbortSignal,
  ): AsyncIterable<VideoFrame> {
    if (signal?.aborted) throw new GlimpseError('cancelled', 'the video sampling was cancelled');
    const scenes = await this.scenes(path);
    const encoder = new TextEncoder();
    for (const t of timesSec) {
      if (signal?.aborted) throw new GlimpseError('cancelled', 'the video sampling was cancelled');
      let start = 0;
      for (const s of scenes) {
        if (t < start + s.seconds) {
          const data = new Uint8Array(Math.max(shortSide * shortSide * 3, 0));
          data.set(encoder.encode(s.words).subarray(0, data.length));
          yield { timeSec: t, width: shortSide, height: shortSide, data };
          break;
        }
        start += s.seconds;
      }
    }
  }

  private async scenes(path: string): Promise<{ words: string; seconds: number }[]> {
    const text = new TextDecoder().decode(await readAll(this.source.read(path)));
    if (text.startsWith('AUDIO')) throw new GlimpseError('unsupported-media', `"${path}" has no video stream`);
    const scenes = text
      .split('\n')
      .filter((l) => l.trim())
      .map((line) => {
        const m = /^(.*\S)\s+(\d+(?:\.\d+)?)$/.exec(line.trim());
        if (!m) throw new GlimpseError('corrupt-media', `"${path}" is not a video the decoder understands`);
        return { words: m[1]!, seconds: Number(m[2]) };
      });
    if (scenes.length === 0) throw new GlimpseError('corrupt-media', `"${path}" is empty`);
    return scenes;
  }
}
