import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import type { VideoFrame, VideoSampler } from '../ports/video-sampler.js';

export interface VideoSamplerHarness {
  readonly sampler: VideoSampler;
  /** A video of about `durationSec` seconds whose picture is `width` x `height` as shown (upright). */
  readonly video: {
    readonly path: string;
    readonly durationSec: number;
    readonly width: number;
    readonly height: number;
  };
  /** A file with sound and no picture. */
  readonly noPicture: string;
  /** A file that is not a video at all. */
  readonly broken: string;
  /** A sampler over the same video whose time limit is too short to decode anything; absent when it has none. */
  readonly impatient?: VideoSampler;
  close(): Promise<void>;
}

async function all(frames: AsyncIterable<VideoFrame>): Promise<VideoFrame[]> {
  const out: VideoFrame[] = [];
  for await (const f of frames) out.push(f);
  return out;
}

/** The behaviour every VideoSampler must have. */
export function describeVideoSamplerContract(name: string, setup: () => Promise<VideoSamplerHarness>): void {
  describe(`VideoSampler contract: ${name}`, () => {
    let h: VideoSamplerHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('probes the facts of a video', async () => {
      const info = await h.sampler.probe(h.video.path);
      expect(Math.abs(info.durationSec - h.video.durationSec)).toBeLessThan(0.5);
      expect([info.width, info.height].every((x) => x > 0)).toBe(true);
      expect([0, 90, 180, 270]).toContain(info.rotation);
    });

    it('gives one upright frame per time asked, in order, the shorter side as asked, none past the end', async () => {
      const times = [0.5, 1.5, h.video.durationSec + 5];
      const frames = await all(h.sampler.frames(h.video.path, times, 16));
      expect(frames.map((f) => f.timeSec)).toEqual([0.5, 1.5]);
      for (const f of frames) {
        expect(Math.min(f.width, f.height)).toBe(16);
        expect(f.data.length).toBe(f.width * f.height * 3);
        // upright: the frame has the video's shape as shown
        expect(f.width >= f.height).toBe(h.video.width >= h.video.height);
      }
    });

    it('says a file without a picture is unsupported, and one that is not a video is corrupt', async () => {
      const noPicture = await h.sampler.probe(h.noPicture).catch((e: unknown) => e);
      expect(GlimpseError.is(noPicture, 'unsupported-media')).toBe(true);
      const broken = await h.sampler.probe(h.broken).catch((e: unknown) => e);
      expect(GlimpseError.is(broken, 'corrupt-media')).toBe(true);
      await expect(all(h.sampler.frames(h.broken, [0], 16))).rejects.toSatisfy((e: unknown) =>
        GlimpseError.is(e, 'corrupt-media'),
      );
    });

    it('stops when told to, and says a video that takes too long is corrupt (that video fails, not the scan)', async () => {
      const ac = new AbortController();
      ac.abort();
      for (const attempt of [
        h.sampler.probe(h.video.path, ac.signal),
        all(h.sampler.frames(h.video.path, [0.5], 16, ac.signal)),
      ]) {
        const e = await attempt.catch((err: unknown) => err);
        expect(GlimpseError.is(e, 'cancelled')).toBe(true);
      }
      if (h.impatient) {
        const slow = await all(h.impatient.frames(h.video.path, [0.5, 1.5], 16)).catch((e: unknown) => e);
        expect(GlimpseError.is(slow, 'corrupt-media')).toBe(true);
      }
    });
  });
}
