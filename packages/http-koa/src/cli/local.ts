// What the CLI needs to do the work itself, loaded only when no running server does it (see `local` in cli.ts):
// the composition root, the adapters and the server. A search that a running server answers never loads these.
export { downloadProgressPrinter } from '@glimpse/adapters-onnx';
export { redactUrl } from '@glimpse/adapters-postgres';
export { modelManager, openServices, openWorker, type Services } from '../container.js';
export { indexJson, verifyJson } from '../routes/library-index.js';
export { startServer } from '../server.js';
