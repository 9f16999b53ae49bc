import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeVideoSamplerContract } from '@glimpse/core/contracts';
import { afterAll, beforeAll } from 'vitest';
import { resolveFfmpeg } from './binaries.js';
import { FfmpegVideoSampler } from './ffmpeg-video-sampler.js';

const bin = resolveFfmpeg();
let dir: string;
const p = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glimpse-ffmpeg-contract-'));
  const ff = (...args: string[]) => execFileSync(bin.ffmpeg, ['-v', 'error', '-y', ...args], { stdio: 'pipe' });
  const x264 = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '10'];
  // Stored 64 x 36 landscape with "rotate 90" metadata: shown upright as 36 x 64 portrait, 3 s.
  ff('-f', 'lavfi', '-i', 'testsrc=s=64x36:r=10:d=3', ...x264, p('stored.mp4'));
  ff('-i', p('stored.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', p('portrait.mp4'));
  ff('-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'aac', p('voice.mp4'));
  await writeFile(p('notes.mov'), 'this is a text file with a video extension\n');
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const harness = (options: { densePassMaxStepSec?: number }) => async () => ({
  sampler: new FfmpegVideoSampler({ binaries: bin, ...options }),
  video: { path: p('portrait.mp4'), durationSec: 3, width: 36, height: 64 },
  noPicture: p('voice.mp4'),
  broken: p('notes.mov'),
  impatient: new FfmpegVideoSampler({ binaries: bin, ...options, timeoutMs: 1 }),
  close: async () => {},
});

describeVideoSamplerContract('FfmpegVideoSampler (close frames: one decoding pass)', harness({}));
describeVideoSamplerContract('FfmpegVideoSampler (a seek per frame)', harness({ densePassMaxStepSec: 0 }));
