/**
 * The organisation's vocabulary (SPEC 4.2): channels, intents and the lifecycle of events and the states they set. The
 * config supplies it; the model, the timelines and the rules read it, so its types live here, with the model.
 */
export type StateMap = Record<string, string>;
export type Condition = Record<string, string[]>;

export interface Vocabulary {
  channels: Map<string, { owned: boolean }>;
  intents: Map<string, { marketing: boolean; requires?: Condition; forbids?: Condition }>;
  lifecycle: Map<string, { sets: StateMap }>;
  /** Fields of the customer profile that placeholders may name (`profile.fields`; `a.*` matches every field under a); undefined when the config has no `profile`. */
  profile?: string[];
}

export const stateText = (value: string | number | boolean): string => String(value);

export function conditionOf(raw: Record<string, unknown> | undefined): Condition | undefined {
  if (!raw) return undefined;
  const condition: Condition = Object.create(null);
  for (const [key, value] of Object.entries(raw)) {
    condition[key] = (Array.isArray(value) ? value : [value]).map((v) => stateText(v as string));
  }
  return condition;
}

/** Whether messages of an intent are marketing: an intent the vocabulary does not know (or none) counts as marketing. */
export function isMarketingIntent(vocabulary: Vocabulary, intent: string | undefined): boolean {
  if (intent === undefined) return true;
  return vocabulary.intents.get(intent)?.marketing ?? true;
}
