export { createGlimpse, type Glimpse, type GlimpseOptions } from './glimpse.js';
export { parseGlimpseConfig, type GlimpseConfig } from './config.js';
export {
  buildContainer,
  closeContainer,
  openServices,
  resolve,
  TOKENS,
  type Bindings,
  type ContainerOptions,
  type HealthCheck,
  type Services,
} from './container.js';
export { createApp, type AppOptions } from './app.js';
export { startServer, runningServer, type ServeOptions, type RunningServer, type ServerInfo } from './server.js';
export { IndexService, type IndexStats } from './services/index-service.js';
export { ModelService, type ModelServices, type ModelState } from './services/model-service.js';
export { ScopeService } from './services/scope-service.js';
export { ModelSwitchRefused, modelIdOf, type ModelChoice } from './model-choice.js';
export { localhostGuard, refusal, STRICT_LOCALHOST, type LocalhostPolicy } from './middleware/localhost-guard.js';
