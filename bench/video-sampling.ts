// Video sampling: frames/s of FfmpegVideoSampler.frames beside bare ffmpeg commands delivering the same frames, in
// the same run: (a) one ffmpeg process whose fps filter writes exactly the sampler's frames, (b) the sampler's own
// per-frame input seeks with the sampler's parallelism (xargs -P 2; no Node in between). Frames are counted from
// each command's output, not assumed.
// Usage: npm run bench:video -- [--seconds 120] [--size 1280x720]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FfmpegVideoSampler, resolveFfmpeg, scaledSize } from '@glimpse/adapters-ffmpeg';
import { frameTimes } from '@glimpse/core';
import { median } from './stats.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    size: { type: 'string', default: '1280x720' },
    dir: { type: 'string', default: '.bench/video' },
  },
});
const seconds = Number(values.seconds);
const [w, h] = values.size.split('x').map(Number) as [number, number];
const dir = resolve(values.dir);
mkdirSync(dir, { recursive: true });
const bin = resolveFfmpeg();
const file = join(dir, `test-${seconds}s-${values.size}.mp4`);
if (!existsSync(file)) {
  console.log(`Generating a ${seconds} s ${values.size} H.264 video (30 fps, keyframe every 2 s) ...`);
  execFileSync(bin.ffmpeg, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=${values.size}:r=30:d=${seconds}`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-g',
    '60',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
}

const times = frameTimes(seconds); // as the scan samples: one a second, at most 240, spread evenly
const step = times.length > 1 ? times[1]! - times[0]! : seconds;
const [fw, fh] = scaledSize(w, h, 224);
const frameBytes = fw * fh * 3;
const concurrency = 2; // the sampler's default: two seeks at once
const sampler = new FfmpegVideoSampler({ binaries: bin, concurrency });
const run = async () => {
  let n = 0;
  for await (const _ of sampler.frames(file, times, 224)) n++;
  return n;
};

/** Runs a command, counting the frames it writes to stdout; frames/s over its wall time. */
function framesOf(cmd: string, args: readonly string[]): Promise<{ frames: number; seconds: number }> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    p.stdout.on('data', (c: Buffer) => (bytes += c.length));
    p.on('error', fail);
    p.on('exit', (code) =>
      code === 0
        ? done({ frames: Math.floor(bytes / frameBytes), seconds: (performance.now() - t0) / 1000 })
        : fail(new Error(`${cmd} exited ${code}`)),
    );
  });
}
const rgb = ['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
const scale = `scale=${fw}:${fh}:flags=bicubic`;
// (a) One decoding pass that outputs exactly the sampler's frames: the fps filter at the sampler's spacing, from
// its first time (every frame is decoded either way; only these are scaled and written).
const onePass = () =>
  framesOf(bin.ffmpeg, [
    ...['-v', 'error', '-nostdin', '-ss', times[0]!.toFixed(3), '-i', file],
    ...['-vf', `fps=1/${step.toFixed(6)},${scale}`, '-frames:v', String(times.length), ...rgb],
  ]);
// (b) The sampler's own seeks, one ffmpeg process per frame, `concurrency` at a time (xargs -P; no Node between).
const seekArgs = ['-v', 'error', '-nostdin', '-ss', '{}', '-i', file, '-frames:v', '1', '-vf', scale, ...rgb];
const seeks = () =>
  new Promise<{ frames: number; seconds: number }>((done, fail) => {
    const t0 = performance.now();
    const p = spawn('xargs', ['-P', String(concurrency), '-I{}', bin.ffmpeg, ...seekArgs], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let bytes = 0;
    p.stdout.on('data', (c: Buffer) => (bytes += c.length));
    p.on('error', fail);
    p.on('exit', (code) =>
      code === 0
        ? done({ frames: Math.floor(bytes / frameBytes), seconds: (performance.now() - t0) / 1000 })
        : fail(new Error(`xargs exited ${code}`)),
    );
    p.stdin.end(times.map((t) => t.toFixed(3)).join('\n') + '\n');
  });

await run(); // warm the page cache
const ours: number[] = [];
const pass: number[] = [];
const seek: number[] = [];
const counts = new Set<string>();
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const n = await run();
  ours.push(n / ((performance.now() - t) / 1000));
  const a = await onePass();
  pass.push(a.frames / a.seconds);
  const b = await seeks();
  seek.push(b.frames / b.seconds);
  counts.add(`${n}/${a.frames}/${b.frames}`);
}
const o = median(ours);
const mode = step <= 2 ? 'one decoding pass (frames 2 s apart or closer)' : `seeks, ${concurrency} at a time`;
console.log(
  `\n${times.length} frames (${step.toFixed(1)} s apart) from a ${seconds} s ${values.size} video at ${fw}x${fh} RGB, ` +
    `median of 3; the sampler used ${mode}. Frames delivered (ours/pass/seeks): ${[...counts].join(', ')}.`,
);
console.log('| method (the same frames) | frames/s | ours / it |');
console.log('|---|---|---|');
console.log(`| FfmpegVideoSampler.frames | ${o.toFixed(1)} | |`);
console.log(
  `| bare ffmpeg, one pass writing exactly these frames (fps=1/${step.toFixed(1)}) | ${median(pass).toFixed(1)} | ${(o / median(pass)).toFixed(2)}x |`,
);
console.log(
  `| bare ffmpeg, the same seeks, ${concurrency} at a time (xargs -P ${concurrency}) | ${median(seek).toFixed(1)} | ${(o / median(seek)).toFixed(2)}x |`,
);
