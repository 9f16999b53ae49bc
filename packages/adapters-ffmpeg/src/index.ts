export { FfmpegVideoSampler, scaledSize, type FfmpegSamplerOptions } from './ffmpeg-video-sampler.js';
export { resolveFfmpeg, type FfmpegBinaries } from './binaries.js';
export { runProcess, type RunResult, type RunOptions } from './run-process.js';
