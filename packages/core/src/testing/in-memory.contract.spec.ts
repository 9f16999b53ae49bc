import { NodeCryptoHasher } from '../node/node-crypto-hasher.js';
import {
  describeEmbedderContract,
  describeHasherContract,
  describeImageCodecContract,
  describeMediaSourceContract,
  describePreviewCacheContract,
  describeStorageSpaceContract,
  describeVideoSamplerContract,
  describeFileRepositoryContract,
  describeVectorStoreContract,
  describeSettingsRepositoryContract,
  describeScanHistoryContract,
  describeVectorSpacesContract,
  describeIndexMaintenanceContract,
  describeEmbeddingQueueContract,
  CONTRACT_RETRY_LIMIT,
  CONTRACT_DIMENSION,
  CONTRACT_MODEL,
} from '../contracts/index.js';
import { CountingHasher } from './counting.js';
import { FakeEmbedder } from './fake-embedder.js';
import { FakeImageCodec, fakePicture } from './fake-image-codec.js';
import { FakeIndexMaintenance } from './fake-index-maintenance.js';
import { FakeStorageSpace } from './fake-storage-space.js';
import { FakeVideoSampler } from './fake-video-sampler.js';
import { InMemoryEmbeddingQueue } from './in-memory-embedding-queue.js';
import { InMemoryFileRepository } from './in-memory-file-repository.js';
import { InMemoryMediaSource } from './in-memory-media-source.js';
import { InMemoryVectorStore } from './in-memory-vector-store.js';
import { InMemoryVectorSpaces } from './in-memory-vector-spaces.js';
import { InMemoryPreviewCache, InMemoryScanHistory, InMemorySettingsRepository } from './in-memory-settings.js';

describeFileRepositoryContract('InMemoryFileRepository', async () => ({
  repo: new InMemoryFileRepository(),
  close: async () => {},
}));
describeVectorStoreContract('InMemoryVectorStore', async () => ({
  store: new InMemoryVectorStore(CONTRACT_MODEL, CONTRACT_DIMENSION),
  close: async () => {},
}));
describeSettingsRepositoryContract('InMemorySettingsRepository', async () => ({
  settings: new InMemorySettingsRepository(),
  close: async () => {},
}));
describeScanHistoryContract('InMemoryScanHistory', async () => ({
  history: new InMemoryScanHistory(),
  close: async () => {},
}));
describeVectorSpacesContract('InMemoryVectorSpaces', async () => {
  const spaces = new InMemoryVectorSpaces();
  return { spaces, open: async (modelId, dimension) => spaces.open(modelId, dimension), close: async () => {} };
});

const text = (s: string) => new TextEncoder().encode(s);

describeEmbedderContract('FakeEmbedder', async () => ({
  embedder: new FakeEmbedder(new InMemoryMediaSource()),
  pictures: [
    { type: 'encoded', bytes: text('red apple') },
    { type: 'encoded', bytes: text('blue sky') },
  ],
  broken: { type: 'encoded', bytes: text('CORRUPT bytes') },
  close: async () => {},
}));

describeHasherContract('CountingHasher over NodeCryptoHasher', () => new CountingHasher(new NodeCryptoHasher()));

describePreviewCacheContract('InMemoryPreviewCache', async () => {
  const full = new InMemoryPreviewCache({ full: true });
  return {
    cache: new InMemoryPreviewCache(),
    broken: { cache: full, leftovers: async () => [...full.entries.keys()] },
    close: async () => {},
  };
});

describeVideoSamplerContract('FakeVideoSampler', async () => {
  const source = new InMemoryMediaSource();
  source.write('/v/clip.mp4', 'red 3\ngreen 3');
  source.write('/v/voice.mp4', 'AUDIO only');
  source.write('/v/notes.mov', 'not a video at all');
  return {
    sampler: new FakeVideoSampler(source),
    video: { path: '/v/clip.mp4', durationSec: 6, width: 16, height: 16 },
    noPicture: '/v/voice.mp4',
    broken: '/v/notes.mov',
    close: async () => {},
  };
});

describeImageCodecContract('FakeImageCodec', async () => {
  const source = new InMemoryMediaSource();
  const bytes = fakePicture(320, 240, 'png');
  source.write('/p/a.png', bytes);
  source.write('/p/notes.jpg', 'just words');
  return {
    codec: new FakeImageCodec(source),
    picture: { path: '/p/a.png', bytes, width: 320, height: 240, format: 'png' },
    notPicture: { path: '/p/notes.jpg', bytes: text('just words') },
    close: async () => {},
  };
});

describeMediaSourceContract('InMemoryMediaSource', async () => {
  const source = new InMemoryMediaSource();
  let n = 0;
  return {
    source,
    tree: async (files) => {
      const root = `/tree${++n}`;
      source.mkdir(root);
      for (const [rel, content] of Object.entries(files)) {
        if (rel.endsWith('/')) source.mkdir(`${root}/${rel.slice(0, -1)}`);
        else source.write(`${root}/${rel}`, content);
      }
      return root;
    },
    remove: async (root, rel) => source.remove(`${root}/${rel}`),
    nowhere: '/no/such/folder',
    close: async () => {},
  };
});

describeStorageSpaceContract('FakeStorageSpace', () => ({
  roomy: new FakeStorageSpace(10 * 1024 ** 3),
  full: new FakeStorageSpace(10 * 1024 ** 2),
}));

describeIndexMaintenanceContract('FakeIndexMaintenance', async () => {
  const maintenance = new FakeIndexMaintenance();
  return {
    maintenance,
    damage: async () => {
      maintenance.damaged = true;
    },
    close: async () => {},
  };
});

describeEmbeddingQueueContract('InMemoryEmbeddingQueue', async () => {
  const queue = new InMemoryEmbeddingQueue(CONTRACT_RETRY_LIMIT);
  return { queue, lapse: () => queue.lapse(), close: async () => {} };
});
