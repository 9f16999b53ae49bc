export { createGlimpse, type Glimpse, type GlimpseOptions } from './glimpse.js';
export { parseGlimpseConfig, type GlimpseConfig } from './config.js';
export { buildContainer, closeContainer, resolve, TOKENS, type Bindings, type ContainerOptions } from './container.js';
export { createApp, type AppOptions } from './app.js';
export { startServer, runningServer, type ServeOptions, type RunningServer, type ServerInfo } from './server.js';
export { GlimpseRuntime, type IndexStats, type ModelServices, type ModelState } from './runtime.js';
export { ModelSwitchRefused, modelIdOf, type ModelChoice } from './model-choice.js';
export { localhostGuard, refusal, STRICT_LOCALHOST, type LocalhostPolicy } from './middleware/localhost-guard.js';
