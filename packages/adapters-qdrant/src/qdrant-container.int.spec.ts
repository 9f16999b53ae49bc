// The VectorStore and VectorSpaces contracts against a real Qdrant server in a container (pinned tag), started
// by testcontainers. Runs where a container runtime exists; elsewhere it is skipped with the runtime's reason.
import {
  CONTRACT_DIMENSION,
  CONTRACT_MODEL,
  describeVectorSpacesContract,
  describeVectorStoreContract,
} from '@glimpse/core/contracts';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, describe } from 'vitest';
import { parseQdrantConfig } from './config.js';
import { QdrantConnection } from './qdrant-connection.js';
import { QdrantVectorSpaces, QdrantVectorStore } from './qdrant-vector-store.js';

/** The server the client (1.18.0) is made for: a minor at most one away, or the client warns. */
export const QDRANT_IMAGE = 'qdrant/qdrant:v1.18.0';

const noRuntime = await getContainerRuntimeClient().then(
  () => null,
  (e: unknown) => (e instanceof Error ? e.message : String(e)),
);
if (noRuntime)
  console.warn(`skipping the ${QDRANT_IMAGE} container tests: no container runtime (${noRuntime.split('\n')[0]})`);

describe.skipIf(noRuntime !== null)(`on ${QDRANT_IMAGE} (testcontainers)`, () => {
  let url: string;
  let stop: () => Promise<unknown>;
  let n = 0;
  beforeAll(async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(QDRANT_IMAGE)
      .withExposedPorts(6333)
      .withWaitStrategy(Wait.forHttp('/readyz', 6333))
      .start();
    stop = () => container.stop();
    url = `http://${container.getHost()}:${container.getMappedPort(6333)}`;
  }, 180_000);
  afterAll(async () => {
    await stop?.();
  });
  // Each test gets collections of its own, by prefix.
  const connection = (extra: Record<string, string> = {}) =>
    new QdrantConnection(
      parseQdrantConfig({ GLIMPSE_QDRANT_URL: url, GLIMPSE_QDRANT_COLLECTION_PREFIX: `t${++n}`, ...extra }),
    );

  describeVectorStoreContract(`QdrantVectorStore on ${QDRANT_IMAGE}`, async () => {
    const store = QdrantVectorStore.open(connection(), CONTRACT_MODEL, CONTRACT_DIMENSION);
    return { store, close: async () => {} };
  });
  describeVectorStoreContract(`QdrantVectorStore on ${QDRANT_IMAGE}, on disk with scalar quantization`, async () => {
    const q = connection({ GLIMPSE_QDRANT_ON_DISK: '1', GLIMPSE_QDRANT_QUANTIZATION: 'scalar' });
    return { store: QdrantVectorStore.open(q, CONTRACT_MODEL, CONTRACT_DIMENSION), close: async () => {} };
  });
  describeVectorSpacesContract(`QdrantVectorSpaces on ${QDRANT_IMAGE}`, async () => {
    const q = connection();
    return {
      spaces: new QdrantVectorSpaces(q),
      open: async (modelId, dimension) => {
        const store = QdrantVectorStore.open(q, modelId, dimension);
        await store.count(); // the collection exists once the store is first used
        return store;
      },
      close: async () => {},
    };
  });
});
