import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { GlimpseError } from '@glimpse/core';

export interface FfmpegBinaries {
  readonly ffmpeg: string;
  readonly ffprobe: string;
  /** Where they came from, for logs: "env", "path" or "npm". */
  readonly source: 'env' | 'path' | 'npm';
}

const require = createRequire(import.meta.url);

function works(bin: string): boolean {
  const r = spawnSync(bin, ['-version'], { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

/** The binaries shipped by @ffmpeg-installer/@ffprobe-installer (made executable if npm skipped their chmod). */
function fromNpm(): { ffmpeg: string; ffprobe: string } | null {
  try {
    const ffmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    const ffprobe = (require('@ffprobe-installer/ffprobe') as { path: string }).path;
    for (const bin of [ffmpeg, ffprobe]) {
      try {
        accessSync(bin, constants.X_OK);
      } catch {
        chmodSync(bin, 0o755);
      }
    }
    return { ffmpeg, ffprobe };
  } catch {
    return null;
  }
}

/**
 * Finds ffmpeg and ffprobe: `FFMPEG_PATH`/`FFPROBE_PATH`, else `ffmpeg`/`ffprobe` on PATH, else the binaries of the
 * `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe` packages. Throws `unavailable` naming all three.
 */
export function resolveFfmpeg(env: NodeJS.ProcessEnv = process.env): FfmpegBinaries {
  const tried: string[] = [];
  if (env['FFMPEG_PATH'] || env['FFPROBE_PATH']) {
    const ffmpeg = env['FFMPEG_PATH'] ?? 'ffmpeg';
    const ffprobe = env['FFPROBE_PATH'] ?? 'ffprobe';
    if (works(ffmpeg) && works(ffprobe)) return { ffmpeg, ffprobe, source: 'env' };
    tried.push(`FFMPEG_PATH/FFPROBE_PATH (${ffmpeg}, ${ffprobe}) do not run`);
  } else tried.push('FFMPEG_PATH/FFPROBE_PATH are not set');
  if (works('ffmpeg') && works('ffprobe')) return { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe', source: 'path' };
  tried.push('ffmpeg/ffprobe are not on PATH');
  const npm = fromNpm();
  if (npm && works(npm.ffmpeg) && works(npm.ffprobe)) return { ...npm, source: 'npm' };
  tried.push(
    npm
      ? `the npm-installed binaries do not run (${npm.ffmpeg})`
      : 'the @ffmpeg-installer/@ffprobe-installer packages are not installed',
  );
  throw new GlimpseError(
    'unavailable',
    `Videos need ffmpeg and ffprobe, and none were found: ${tried.join('; ')}. Install ffmpeg (e.g. apt install ffmpeg), or set FFMPEG_PATH and FFPROBE_PATH.`,
  );
}
