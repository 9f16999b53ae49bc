export { NodeMediaSource, type NodeMediaSourceOptions } from './node-media-source.js';
export { NodeCryptoHasher } from './node-crypto-hasher.js';
export { toDomainPath } from './paths.js';
export { NodePreviewCache } from './node-preview-cache.js';
export { NodeStorageSpace } from './node-storage-space.js';
export { processIsAlive } from './process-alive.js';
