import { mkdtemp, rm, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OnnxClipEmbedder, TINY_TEST_MODEL_DIR } from '@glimpse/adapters-onnx';
import { GlimpseError, makeScope, ScanLibrary, SearchMedia, type VideoFrame } from '@glimpse/core';
import { NodeCryptoHasher, NodeMediaSource } from '@glimpse/core/node';
import { InMemoryFileRepository, InMemoryVectorStore } from '@glimpse/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from './binaries.js';
import { FfmpegVideoSampler } from './ffmpeg-video-sampler.js';
import { makeTestVideos } from './videos.fixture.js';

const bin = resolveFfmpeg();
console.info(`ffmpeg for these tests: ${bin.ffmpeg} (${bin.source})`);
let dir: string;
let video: (name: string) => string;
let embedder: OnnxClipEmbedder;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-video-'));
  video = makeTestVideos(bin, dir);
  embedder = await OnnxClipEmbedder.load({ modelDir: TINY_TEST_MODEL_DIR });
}, 120_000);
afterAll(async () => {
  await embedder?.close();
  await rm(dir, { recursive: true, force: true });
});

const px = (f: { data: Uint8Array; width: number }, x: number, y: number) => {
  const o = (y * f.width + x) * 3;
  return [f.data[o]!, f.data[o + 1]!, f.data[o + 2]!];
};

/** Scans a folder holding the given videos with the real pipeline (tiny model) and in-memory stores. */
async function scanVideos(names: string[], sampler = new FfmpegVideoSampler({ binaries: bin })) {
  const root = await mkdtemp(join(dir, 'lib-'));
  for (const n of names) await copyFile(video(n), join(root, n));
  const source = new NodeMediaSource({ walker: 'thread' });
  const files = new InMemoryFileRepository();
  const vectors = new InMemoryVectorStore(embedder.modelId, embedder.dimension);
  const report = await new ScanLibrary({
    files,
    vectors,
    embedder,
    source,
    hasher: new NodeCryptoHasher(),
    videos: sampler,
  }).run(makeScope({ roots: [root] }));
  return { root, report, files, vectors, search: new SearchMedia(files, vectors, embedder) };
}

describe('FfmpegVideoSampler', () => {
  it('probes duration, size, frame rate and codec', async () => {
    const info = await new FfmpegVideoSampler({ binaries: bin }).probe(video('rgb.mp4'));
    expect(info.durationSec).toBeCloseTo(9, 0);
    expect(info).toMatchObject({ width: 64, height: 36, fps: 10, rotation: 0, codec: 'h264' });
  });

  it('decodes frames at given times straight to RGB at the requested size', async () => {
    const frames = [];
    for await (const f of new FfmpegVideoSampler({ binaries: bin }).frames(video('rgb.mp4'), [1.5, 4.5, 7.5, 20], 224))
      frames.push(f);
    expect(frames.map((f) => [f.timeSec, f.width, f.height, f.data.length])).toEqual([
      [1.5, 398, 224, 398 * 224 * 3],
      [4.5, 398, 224, 398 * 224 * 3],
      [7.5, 398, 224, 398 * 224 * 3],
    ]);
    const [r, g, b] = frames.map((f) => px(f, 199, 112));
    expect(r![0]).toBeGreaterThan(200);
    expect(g![1]).toBeGreaterThan(100);
    expect(b![2]).toBeGreaterThan(200);
  });

  it('delivers rotated video upright', async () => {
    const sampler = new FfmpegVideoSampler({ binaries: bin });
    const info = await sampler.probe(video('rotated.mp4'));
    expect(info).toMatchObject({ rotation: 270, width: 36, height: 64 }); // as ffmpeg shows this file: top to the left
    let frame: VideoFrame | undefined;
    for await (const f of sampler.frames(video('rotated.mp4'), [1], 36)) frame ??= f;
    expect([frame!.width, frame!.height]).toEqual([36, 64]);
    expect(px(frame!, 4, 32)[0]).toBeGreaterThan(200); // the stored top (red) is on the left
    expect(px(frame!, 31, 32)[2]).toBeGreaterThan(200); // the stored bottom (blue) on the right
  });
});

describe('video moments through the scan', () => {
  it('splits red/green/blue into 3 segments near 3 s and 6 s, and "green" finds the green moment', async () => {
    const { report, vectors, search } = await scanVideos(['rgb.mp4']);
    expect(report.counts).toMatchObject({ new: 1, embedded: 1, failed: 0 });
    const hits = await vectors.search({ vector: (await embedder.embedTexts(['red']))[0]!, limit: 1 });
    const bounds = [...hits[0]!.segments].sort((a, b) => a.startSec! - b.startSec!);
    expect(bounds).toHaveLength(3);
    expect(Math.abs(bounds[1]!.startSec! - 3)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(bounds[2]!.startSec! - 6)).toBeLessThanOrEqual(0.5);
    const [hit] = await search.byText('green');
    expect(hit!.kind).toBe('video');
    expect(hit!.segments[0]!.startSec).toBeGreaterThanOrEqual(2.5);
    expect(hit!.segments[0]!.startSec).toBeLessThanOrEqual(3.5);
  });

  it('gives a single-scene video one segment, and keeps a two-hour video within the frame cap', async () => {
    const started = Date.now();
    const sampler = new FfmpegVideoSampler({ binaries: bin });
    const decoded = new Map<string, number>();
    const frames = sampler.frames.bind(sampler);
    sampler.frames = async function* (path, times, size, signal) {
      for await (const f of frames(path, times, size, signal)) {
        decoded.set(path, (decoded.get(path) ?? 0) + 1);
        yield f;
      }
    };
    const { report, vectors } = await scanVideos(['yellow.mp4', 'two-hours.mp4'], sampler);
    const twoHours = [...decoded].find(([p]) => p.endsWith('two-hours.mp4'))![1];
    expect(twoHours).toBeGreaterThan(200);
    expect(twoHours).toBeLessThanOrEqual(240); // the per-video cap, spread over the whole two hours
    expect(report.counts).toMatchObject({ embedded: 2, failed: 0 });
    expect(await vectors.count()).toEqual({ points: 2, contents: 2 });
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 120_000);

  it('records broken inputs as failures with readable reasons and goes on', async () => {
    const { report } = await scanVideos(['truncated.mp4', 'empty.mp4', 'voice.mp4', 'notes.mov', 'yellow.mp4']);
    expect(report.counts).toMatchObject({ failed: 4, embedded: 1 });
    const reason = (n: string) => report.errors.find((e) => e.path.endsWith(`/${n}`))?.reason ?? '';
    expect(reason('voice.mp4')).toMatch(/no video stream/);
    expect(reason('empty.mp4')).toBe('the file is empty (0 bytes)');
    for (const n of ['truncated.mp4', 'notes.mov']) expect(reason(n), n).toMatch(/is not a video ffprobe can read/);
  });

  it('records a video whose ffmpeg run exceeds the timeout as failed', async () => {
    const { report } = await scanVideos(['rgb.mp4'], new FfmpegVideoSampler({ binaries: bin, timeoutMs: 1 }));
    expect(report.counts).toMatchObject({ failed: 1, embedded: 0 });
    expect(report.errors[0]!.reason).toMatch(/took longer than 0 s and was stopped/);
  });
});

describe('resolveFfmpeg', () => {
  it('falls back past a broken FFMPEG_PATH, and a missing binary is "unavailable"', async () => {
    const r = resolveFfmpeg({
      FFMPEG_PATH: '/no/such/ffmpeg',
      FFPROBE_PATH: '/no/such/ffprobe',
      PATH: process.env['PATH'] ?? '',
    });
    expect(r.source === 'path' || r.source === 'npm').toBe(true);
    const err = await new FfmpegVideoSampler({
      binaries: { ffmpeg: '/no/ffmpeg', ffprobe: '/no/ffprobe', source: 'env' },
    })
      .probe(video('rgb.mp4'))
      .catch((e: unknown) => e);
    expect(GlimpseError.is(err, 'unavailable')).toBe(true);
  });
});
