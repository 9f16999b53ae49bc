/**
 * The model an index was built with, recorded in the index itself: commands that do not name a model use it, and
 * naming another one is a deliberate switch (everything is embedded again for it).
 */
export interface IndexModel {
  /** The model as it was given: a name on the model hub, or an absolute folder. */
  readonly model: string;
  /** The id of its vectors' space (e.g. "ViT-B-32__openai"). */
  readonly modelId: string;
  readonly dimension: number;
}
