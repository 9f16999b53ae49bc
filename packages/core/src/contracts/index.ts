export { describeFileRepositoryContract, type FileRepositoryHarness } from './file-repository.contract.js';
export {
  describeVectorStoreContract,
  CONTRACT_DIMENSION,
  CONTRACT_MODEL,
  type VectorStoreHarness,
} from './vector-store.contract.js';
export { describeSettingsRepositoryContract, type SettingsRepositoryHarness } from './settings-repository.contract.js';
export { describeScanHistoryContract, type ScanHistoryHarness } from './scan-history.contract.js';
export { describeVectorSpacesContract, type VectorSpacesHarness } from './vector-spaces.contract.js';
export { describeEmbedderContract, type EmbedderHarness } from './embedder.contract.js';
export { describeHasherContract } from './hasher.contract.js';
export { describePreviewCacheContract, type PreviewCacheHarness } from './preview-cache.contract.js';
export { describeVideoSamplerContract, type VideoSamplerHarness } from './video-sampler.contract.js';
export { describeImageCodecContract, type ImageCodecHarness } from './image-codec.contract.js';
export { describeMediaSourceContract, type MediaSourceHarness } from './media-source.contract.js';
export { describeStorageSpaceContract } from './storage-space.contract.js';
export { describeIndexMaintenanceContract, type IndexMaintenanceHarness } from './index-maintenance.contract.js';
export {
  describeEmbeddingQueueContract,
  CONTRACT_RETRY_LIMIT,
  type EmbeddingQueueHarness,
} from './embedding-queue.contract.js';
