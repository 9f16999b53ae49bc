export { parseQdrantConfig, QDRANT_SETTINGS, DEFAULT_QDRANT_URL, type QdrantConfig } from './config.js';
export { QdrantConnection, pointId } from './qdrant-connection.js';
export { QdrantVectorStore, QdrantVectorSpaces, collectionName, searchFilter } from './qdrant-vector-store.js';
