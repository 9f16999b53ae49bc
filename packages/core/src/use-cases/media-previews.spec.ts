import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingContent } from '../domain/content.js';
import type { ImageCodec } from '../ports/image-codec.js';
import type { VideoFrame } from '../ports/video-sampler.js';
import { NodeMediaSource } from '../node/node-media-source.js';
import { toDomainPath } from '../node/paths.js';
import { FakeVideoSampler } from '../testing/fake-video-sampler.js';
import { InMemoryFileRepository } from '../testing/in-memory-file-repository.js';
import { InMemoryPreviewCache } from '../testing/in-memory-settings.js';
import { MediaPreviews } from './media-previews.js';

/** Records what it was asked to make; a "JPEG" is text naming its source. */
class RecordingCodec implements ImageCodec {
  readonly made: string[] = [];
  async probe(): Promise<never> {
    throw new Error('not used');
  }
  async probeFile(path: string) {
    if (path.endsWith('broken.jpg')) throw new Error('not a picture');
    return { format: 'jpeg', width: 4, height: 3, camera: path.endsWith('d.jpg') ? 'Canon EOS R6' : null };
  }
  async thumbnail(path: string, size: number): Promise<Uint8Array> {
    this.made.push(`thumb ${path} ${size}`);
    return new TextEncoder().encode(`jpeg of ${path}`);
  }
  async encodeFrame(frame: VideoFrame, size: number): Promise<Uint8Array> {
    const words = new TextDecoder().decode(frame.data).replace(/\0+$/, ''); // the fake's frames are zero-padded
    this.made.push(`frame ${frame.timeSec} ${words} ${size}`);
    return new TextEncoder().encode(`jpeg of ${words}`);
  }
}

describe('MediaPreviews', () => {
  let dir: string;
  let source: NodeMediaSource;
  let files: InMemoryFileRepository;
  let codec: RecordingCodec;
  let cache: InMemoryPreviewCache;
  let previews: MediaPreviews;

  async function addFile(name: string, body: string, kind: 'image' | 'video', durationSec: number | null = null) {
    const path = toDomainPath(join(dir, name));
    await writeFile(path, body);
    const stat = (await source.stat(path))!;
    const hash = `h-${name}`;
    await files.apply({
      contents: [{ ...pendingContent(hash, kind), durationSec }],
      files: [{ path, size: stat.size, mtimeNs: stat.mtimeNs, kind, contentHash: hash, status: 'ok', error: null }],
    });
    return (await files.findByPaths([path]))[0]!;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glimpse-previews-'));
    source = new NodeMediaSource();
    files = new InMemoryFileRepository();
    codec = new RecordingCodec();
    cache = new InMemoryPreviewCache();
    previews = new MediaPreviews(files, source, codec, new FakeVideoSampler(source), cache);
  });
  afterEach(async () => {
    await source.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a thumbnail once per content and size, then serves it from the cache', async () => {
    const f = await addFile('a.jpg', 'picture', 'image');
    const first = await previews.thumbnail(f.id, 320);
    const again = await previews.thumbnail(f.id, 320);
    expect(new TextDecoder().decode(again.bytes)).toBe(`jpeg of ${f.path}`);
    expect(first.contentHash).toBe('h-a.jpg');
    expect(codec.made).toEqual([`thumb ${f.path} 320`]);
    await previews.thumbnail(f.id, 160);
    expect(codec.made).toHaveLength(2);
    expect([...cache.entries.keys()].sort()).toEqual(['thumb-h-a.jpg-160.jpg', 'thumb-h-a.jpg-320.jpg']);
  });

  it('does not cache a preview of a file that changed on disk since it was indexed', async () => {
    const f = await addFile('b.jpg', 'picture', 'image');
    await utimes(f.path, new Date(), new Date(Date.now() + 5000));
    await previews.thumbnail(f.id, 320);
    await previews.thumbnail(f.id, 320);
    expect(codec.made).toHaveLength(2);
    expect(cache.entries.size).toBe(0);
  });

  it('shows a video by a frame a little in, and gives frames at a time, up to its last frame', async () => {
    const v = await addFile('v.mp4', 'black 2\nred 10\ngreen 8', 'video', 20);
    await previews.thumbnail(v.id, 320);
    expect(codec.made).toEqual(['frame 2 red 320']); // 10% of 20 s
    await previews.frame(v.id, 15, 640);
    await previews.frame(v.id, 20, 640); // its very end: the last frame
    expect(codec.made.slice(1)).toEqual(['frame 15 green 640', 'frame 19.9 green 640']);
  });

  it('refuses a time past the end of a video, saying how long it is; a video of unknown length is clamped', async () => {
    const v = await addFile('clip.mp4', 'red 6', 'video', 6);
    const past = previews.frame(v.id, 12.5, 640);
    await expect(past).rejects.toMatchObject({
      kind: 'invalid-input',
      message: 't=12.5 is past the end of "clip.mp4" (6.0 s long); give a time from 0 to 6.0.',
    });
    await expect(previews.frame(v.id, 6.01)).rejects.toMatchObject({ kind: 'invalid-input' });
    const odd = await addFile('odd.mp4', 'red 6', 'video', 5.96);
    await expect(previews.frame(odd.id, 5.99)).rejects.toThrow(/\(6\.0 s long\); give a time from 0 to 5\.9\./);
    expect(codec.made).toEqual([]);
    const unknown = await addFile('unknown.mp4', 'red 6', 'video', null);
    await previews.frame(unknown.id, 12.5, 160);
    expect(codec.made).toHaveLength(1);
  });

  it('refuses ids that are not ids, unknown ids, bad sizes and times, and frames of pictures', async () => {
    const f = await addFile('c.jpg', 'picture', 'image');
    for (const bad of ['../../etc/passwd', '..%2F..%2Fetc', '/etc/passwd', 'a b', '', 'x'.repeat(65)]) {
      await expect(previews.thumbnail(bad, 320)).rejects.toMatchObject({ kind: 'invalid-input' });
      await expect(previews.original(bad)).rejects.toMatchObject({ kind: 'invalid-input' });
    }
    await expect(previews.describe('f999', 'm')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(previews.thumbnail(f.id, 333)).rejects.toThrow(/one of 160, 320, 640/);
    await expect(previews.frame(f.id, 1)).rejects.toThrow(/is a picture, not a video/);
    await expect(previews.frame(f.id, -1)).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(previews.frame(f.id, Number.NaN)).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('describes a file with its copies, and says plainly when the original is gone', async () => {
    const f = await addFile('d.jpg', 'picture', 'image');
    const item = await previews.describe(f.id, 'model');
    expect(item).toMatchObject({ id: f.id, path: f.path, kind: 'image', indexed: false, paths: [f.path] });
    expect(item.camera).toBe('Canon EOS R6');
    const broken = await addFile('broken.jpg', 'garbage', 'image');
    expect((await previews.describe(broken.id, 'model')).camera).toBeNull(); // an unreadable header is no error
    expect(await previews.original(f.id)).toMatchObject({ path: f.path, size: 7 });
    await rm(f.path);
    await expect(previews.original(f.id)).rejects.toThrow(/is no longer there/);
  });
});
