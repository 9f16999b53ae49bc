export { InMemoryFileRepository } from './in-memory-file-repository.js';
export { InMemoryVectorStore } from './in-memory-vector-store.js';
export { InMemoryVectorSpaces } from './in-memory-vector-spaces.js';
export { FakeEmbedder, readAll, textVector, wordVector } from './fake-embedder.js';
export { FakeVideoSampler } from './fake-video-sampler.js';
export { CountingHasher, failOnce, InjectedFailure } from './counting.js';
export { aContent, aFileWrite, aPoint, axisVector } from './mothers.js';
export { InMemorySettingsRepository, InMemoryPreviewCache, InMemoryScanHistory } from './in-memory-settings.js';
