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
