import {
  describeFileRepositoryContract,
  describeVectorStoreContract,
  describeSettingsRepositoryContract,
  describeScanHistoryContract,
  describeVectorSpacesContract,
  CONTRACT_DIMENSION,
  CONTRACT_MODEL,
} from '../contracts/index.js';
import { InMemoryFileRepository } from './in-memory-file-repository.js';
import { InMemoryVectorStore } from './in-memory-vector-store.js';
import { InMemoryVectorSpaces } from './in-memory-vector-spaces.js';
import { InMemoryScanHistory, InMemorySettingsRepository } from './in-memory-settings.js';

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
