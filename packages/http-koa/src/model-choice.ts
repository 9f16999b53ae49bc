import { basename } from 'node:path';
import { GlimpseError, type FileRepository, type IndexModel, type SettingsRepository } from '@glimpse/core';
import type { GlimpseConfig } from './config.js';

/** Which model a process uses for an index. */
export interface ModelChoice {
  /** The model to load (a hub name or a folder). */
  readonly model: string;
  /** Its vectors' space: the folder's or the name's last part, as the embedder names it. */
  readonly modelId: string;
  /** The model the index records (null: a new index, or one made before models were recorded). */
  readonly recorded: IndexModel | null;
}

/**
 * Naming a model other than the index's own would embed everything again: refused unless confirmed
 * (`--switch-model` on the command line, `switchModel: true` for the library).
 */
export class ModelSwitchRefused extends GlimpseError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** The id of a model's vectors as the embedder names it: the last part of the folder, or the hub name itself. */
export function modelIdOf(model: string): string {
  return basename(model.replace(/[/\\]+$/, ''));
}

/**
 * The model for this process: the one a setting names; else the one the index records; else the default. A
 * setting that names another model than an index holding vectors is refused unless `switchModel` says to go on
 * (then everything is embedded again for it; the old model's vectors stay until a reset).
 */
export async function chooseModel(
  config: GlimpseConfig,
  settings: SettingsRepository,
  files: FileRepository,
  switchModel: boolean,
): Promise<ModelChoice> {
  const recorded = await settings.loadIndexModel();
  if (!config.modelGiven) {
    const model = recorded?.model ?? config.model;
    return { model, modelId: recorded?.modelId ?? modelIdOf(model), recorded };
  }
  const modelId = modelIdOf(config.model);
  if (recorded && recorded.modelId !== modelId && !switchModel) {
    const items = (await files.stats(recorded.modelId)).indexedContents;
    if (items > 0) {
      throw new ModelSwitchRefused(
        `This index was built with the model ${recorded.modelId} (${items} item${items === 1 ? '' : 's'}). ` +
          `Using ${modelId} instead embeds all ${items} again for it (the ${recorded.modelId} vectors stay until ` +
          `glimpse reset). To do that, run again with --switch-model; to keep ${recorded.modelId}, leave out ` +
          `--model (and GLIMPSE_MODEL).`,
      );
    }
  }
  return { model: config.model, modelId, recorded };
}

/** Records in the index the model it is being built with, once that model has loaded (when it changed). */
export async function recordModel(
  settings: SettingsRepository,
  choice: ModelChoice,
  embedder: { readonly modelId: string; readonly dimension: number },
): Promise<void> {
  const r = choice.recorded;
  if (r && r.model === choice.model && r.modelId === embedder.modelId && r.dimension === embedder.dimension) return;
  await settings.saveIndexModel({ model: choice.model, modelId: embedder.modelId, dimension: embedder.dimension });
}
