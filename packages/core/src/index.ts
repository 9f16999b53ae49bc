export { GlimpseError, GLIMPSE_ERROR_KINDS, reasonOf, type GlimpseErrorKind } from './errors.js';

export * from './domain/content.js';
export * from './domain/media-file.js';
export * from './domain/paths.js';
export * from './domain/scan-report.js';
export * from './domain/scope.js';
export * from './domain/raw-pairs.js';
export * from './domain/raw-preview.js';
export * from './domain/segment.js';
export * from './domain/vectors.js';
export * from './domain/scan-job.js';
export * from './domain/media-metadata.js';
export * from './domain/image-text.js';
export type * from './domain/index-model.js';

export type * from './ports/index.js';

export { DeltaPrefilter, gapsBetween, type Candidate, type PrefilterResult } from './use-cases/delta-prefilter.js';
export { DeltaMonitor, type DeltaMonitorOptions } from './use-cases/delta-monitor.js';
export { IndexContents, DEFAULT_VIDEO_SAMPLING, type VideoSamplingOptions } from './use-cases/index-contents.js';
export { dropReleasedVectors } from './use-cases/vector-paths.js';
export { contentPages, allContents } from './use-cases/content-pages.js';
export { EmbedMedia, InPlaceJobFiles } from './use-cases/embed-media.js';
export { EmbedWorker, type EmbedWorkerOptions } from './use-cases/embed-worker.js';
export { CopyVectors, type CopyProgress, type CopyVectorsOptions } from './use-cases/copy-vectors.js';
export {
  ScanLibrary,
  DEFAULT_RELEASE_GRACE_MS,
  type ScanLibraryDeps,
  type ScanLibraryOptions,
  type ScanRunOptions,
} from './use-cases/scan-library.js';
export { ScanContext } from './use-cases/scan-context.js';
export {
  SearchMedia,
  MAX_LIMIT,
  MAX_OFFSET,
  NONSENSE_QUERIES,
  RELEVANCE_WINDOW,
  type Relevance,
  type SearchFilters,
  type SearchOptions,
  type SearchPage,
  type SearchResult,
} from './use-cases/search-media.js';
export {
  segmentVideo,
  frameTimes,
  DEFAULT_SEGMENT_OPTIONS,
  type SegmentVideoOptions,
  type EmbeddedFrame,
} from './use-cases/segment-video.js';
export { resetIndex } from './use-cases/reset-index.js';
export { ManageScope, type ScopeChange } from './use-cases/manage-scope.js';
export { VerifyIndex, type IndexProblem, type VerifyReport } from './use-cases/verify-index.js';
export { mapConcurrent, chunks } from './use-cases/concurrency.js';
export {
  ScanJobs,
  MAX_JOB_ERRORS,
  type ScanJob,
  type ScanJobEvent,
  type ScanJobStatus,
  type ScanTrigger,
  type RunScan,
  type ScanJobsOptions,
} from './use-cases/scan-jobs.js';
export {
  MediaPreviews,
  THUMBNAIL_SIZES,
  type MediaItem,
  type MediaOriginal,
  type Preview,
} from './use-cases/media-previews.js';
export { WorkerFiles } from './use-cases/worker-files.js';
export { ReadText, type ReadTextOptions } from './use-cases/read-text.js';
export * from './domain/query-understanding.js';
export {
  bestKeywordMatch,
  fusedScore,
  RRF_K,
  type KeywordField,
  type KeywordMatch,
} from './use-cases/keyword-match.js';
