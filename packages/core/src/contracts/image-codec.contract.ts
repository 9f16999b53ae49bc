import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.js';
import type { ImageCodec } from '../ports/image-codec.js';

export interface ImageCodecHarness {
  readonly codec: ImageCodec;
  /** A picture in a file and the same picture's bytes, `width` x `height` as shown (upright), in `format`. */
  readonly picture: {
    readonly path: string;
    readonly bytes: Uint8Array;
    readonly width: number;
    readonly height: number;
    readonly format: string;
  };
  /** A file that is not a picture. */
  readonly notPicture: { readonly path: string; readonly bytes: Uint8Array };
  close(): Promise<void>;
}

/** The behaviour every ImageCodec must have. Output pictures are read back with the codec's own probe. */
export function describeImageCodecContract(name: string, setup: () => Promise<ImageCodecHarness>): void {
  describe(`ImageCodec contract: ${name}`, () => {
    let h: ImageCodecHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('reads the facts of a picture from its bytes and from its file alike', async () => {
      const { width, height, format } = h.picture;
      expect(await h.codec.probe(h.picture.bytes)).toMatchObject({ format, width, height });
      expect(await h.codec.probeFile(h.picture.path)).toMatchObject({ format, width, height });
    });

    it('says what is not a picture, as unsupported', async () => {
      for (const attempt of [h.codec.probe(h.notPicture.bytes), h.codec.probeFile(h.notPicture.path)]) {
        const e = await attempt.catch((err: unknown) => err);
        expect(GlimpseError.is(e, 'unsupported-media')).toBe(true);
      }
      const t = await h.codec.thumbnail(h.notPicture.path, 160).catch((err: unknown) => err);
      expect(GlimpseError.is(t, 'unsupported-media') || GlimpseError.is(t, 'corrupt-media')).toBe(true);
    });

    it('makes thumbnails that fit the size asked, keep the shape, and are never enlarged', async () => {
      const { width, height } = h.picture;
      const small = await h.codec.probe(await h.codec.thumbnail(h.picture.path, 16));
      expect(Math.max(small.width, small.height)).toBe(16);
      expect(small.width >= small.height).toBe(width >= height);
      const huge = await h.codec.probe(await h.codec.thumbnail(h.picture.path, 10_000));
      expect([huge.width, huge.height]).toEqual([width, height]);
    });

    it('encodes a video frame to fit the size asked', async () => {
      const frame = { timeSec: 1, width: 40, height: 20, data: new Uint8Array(40 * 20 * 3).fill(200) };
      const facts = await h.codec.probe(await h.codec.encodeFrame(frame, 16));
      expect([facts.width, facts.height]).toEqual([16, 8]);
    });
  });
}
