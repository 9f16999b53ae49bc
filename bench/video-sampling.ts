// Video sampling: frames/s of FfmpegVideoSampler.frames beside bare ffmpeg commands doing the same decode, in the
// same run: (a) one ffmpeg process with the fps filter (decodes every frame), (b) the same per-frame input seeks the
// sampler makes, run one after another from a shell loop (no Node in between).
// Usage: npm run bench:video -- [--seconds 120] [--size 1280x720]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FfmpegVideoSampler, resolveFfmpeg, scaledSize } from '@glimpse/adapters-ffmpeg';
import { frameTimes } from '@glimpse/core';
import { median, timeCommand } from './stats.js';

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

const times = frameTimes(seconds); // one frame a second, as the scan samples
const [fw, fh] = scaledSize(w, h, 224);
const sampler = new FfmpegVideoSampler({ binaries: bin });
const run = async () => {
  let n = 0;
  for await (const _ of sampler.frames(file, times, 224)) n++;
  return n;
};
await run(); // warm the page cache
const ours: number[] = [];
const pass: number[] = [];
const seeks: number[] = [];
const loop = times
  .map(
    (t) =>
      `${bin.ffmpeg} -v error -nostdin -ss ${t.toFixed(3)} -i ${file} -frames:v 1 -vf scale=${fw}:${fh}:flags=bicubic -f rawvideo -pix_fmt rgb24 pipe:1`,
  )
  .join('\n');
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const n = await run();
  ours.push(n / ((performance.now() - t) / 1000));
  const onePass = await timeCommand(bin.ffmpeg, [
    '-v',
    'error',
    '-nostdin',
    '-ss',
    '0.5',
    '-i',
    file,
    '-vf',
    `fps=1,scale=${fw}:${fh}:flags=bicubic`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ]);
  pass.push(times.length / (onePass / 1000));
  t = performance.now();
  await timeCommand('sh', ['-c', loop]);
  seeks.push(times.length / ((performance.now() - t) / 1000));
}
const o = median(ours);
console.log(
  `\n${times.length} frames (${(seconds / times.length).toFixed(1)} s apart) from a ${seconds} s ${values.size} video at ${fw}x${fh} RGB, median of 3:`,
);
console.log('| method | frames/s | ours / it |');
console.log('|---|---|---|');
console.log(`| FfmpegVideoSampler.frames | ${o.toFixed(1)} | |`);
console.log(
  `| bare ffmpeg, one process, fps filter (decodes every frame) | ${median(pass).toFixed(1)} | ${(o / median(pass)).toFixed(2)}x |`,
);
console.log(
  `| bare ffmpeg, the same seeks one after another (shell loop) | ${median(seeks).toFixed(1)} | ${(o / median(seeks)).toFixed(2)}x |`,
);
