export type * from './file-repository.js';
export type * from './vector-store.js';
export type * from './embedder.js';
export type * from './video-sampler.js';
export type * from './hasher.js';
export type * from './media-source.js';
