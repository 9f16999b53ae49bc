// Generates small test videos with ffmpeg's lavfi sources (deterministic, tiny).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FfmpegBinaries } from './binaries.js';

export function makeTestVideos(bin: FfmpegBinaries, dir: string) {
  const ff = (...args: string[]) => execFileSync(bin.ffmpeg, ['-v', 'error', '-y', ...args], { stdio: 'pipe' });
  const x264 = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '10'];
  const p = (name: string) => join(dir, name);
  // 3 s red, 3 s green, 3 s blue.
  ff(
    ...['red', 'green', 'blue'].flatMap((c) => ['-f', 'lavfi', '-i', `color=c=${c}:s=64x36:r=10:d=3`]),
    '-filter_complex',
    '[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]',
    '-map',
    '[v]',
    ...x264,
    p('rgb.mp4'),
  );
  ff('-f', 'lavfi', '-i', 'color=c=yellow:s=64x36:r=10:d=6', ...x264, p('yellow.mp4'));
  ff('-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'aac', p('voice.mp4'));
  // Top half red, bottom half blue, stored with "rotate 90" metadata: upright, the red half is on the right.
  ff(
    '-f',
    'lavfi',
    '-i',
    'color=c=red:s=64x18:r=10:d=2',
    '-f',
    'lavfi',
    '-i',
    'color=c=blue:s=64x18:r=10:d=2',
    '-filter_complex',
    '[0:v][1:v]vstack[v]',
    '-map',
    '[v]',
    ...x264,
    p('unrotated.mp4'),
  );
  ff('-i', p('unrotated.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', p('rotated.mp4')); // a remux writes the matrix
  // Two hours at a tiny size and one frame a second.
  ff('-f', 'lavfi', '-i', 'color=c=gray:s=16x16:r=1:d=7200', ...x264, p('two-hours.mp4'));
  writeFileSync(p('empty.mp4'), Buffer.alloc(0));
  writeFileSync(p('notes.mov'), 'this is a text file with a video extension\n');
  const whole = readFileSync(p('rgb.mp4'));
  writeFileSync(p('truncated.mp4'), whole.subarray(0, Math.floor(whole.length * 0.4)));
  return p;
}
