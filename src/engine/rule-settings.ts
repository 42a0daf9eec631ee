import { Ajv } from 'ajv';
import type { ResolvedConfig, RuleSetting } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import { RULES_BY_ID } from '../rules/index.js';
import type { RuleMeta } from '../rules/rule.js';
import { durationSchema } from '../rules/kit/windows.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { readDuration } from '../time/durations.js';

type Options = Record<string, unknown>;

const isObject = (value: unknown): value is Options => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `given` laid over `base`, as ESLint merges rule options: objects key by key, recursively; anything else (a list, a
 * number) replaced whole. A config that sets one option of a rule keeps the rule's defaults for the others.
 */
export function deepMerge(base: Options, given: Options): Options {
  // Without a prototype, a `__proto__` key given in a config is an ordinary key, which the schema then refuses.
  const merged: Options = Object.assign(Object.create(null) as Options, base);
  for (const [key, value] of Object.entries(given)) merged[key] = isObject(value) && isObject(merged[key]) ? deepMerge(merged[key] as Options, value) : value;
  return merged;
}

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ReturnType<Ajv['compile']>>();

/**
 * Checks the options a config gives against the rule's JSON Schema, merged over the defaults. Compiled only for a rule
 * whose options a config sets: a rule's own defaults are valid (a test holds them to their schema), and a plain run
 * should pay nothing for Ajv.
 */
function validateOptions(rule: RuleMeta, complete: Options, given: Options, setting: RuleSetting): void {
  if (Object.keys(given).length === 0) return;
  if (!rule.optionsSchema) throw new UsageError(`${setting.at()}rule "${rule.id}" takes no options`);
  ajv ??= new Ajv({ allErrors: true, strict: false });
  const validate = compiled.get(rule.optionsSchema) ?? compiled.set(rule.optionsSchema, ajv.compile(rule.optionsSchema)).get(rule.optionsSchema)!;
  if (validate(complete)) return;
  const details = (validate.errors ?? []).map((error) => `${error.instancePath || 'options'} ${error.message ?? 'is not valid'}`);
  throw new UsageError(`${setting.at()}bad options for rule "${rule.id}": ${details.join('; ')}`);
}

const DURATION_PATTERN = durationSchema('').pattern;

/** The options that are durations (their schema is durationSchema's), as [pointer, text]. */
function durationOptions(schema: unknown, value: unknown, base = ''): Array<[string, string]> {
  const node = schema as { pattern?: string; properties?: Record<string, unknown>; items?: unknown } | undefined;
  if (typeof value === 'string') return node?.pattern === DURATION_PATTERN ? [[base, value]] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => durationOptions(node?.items, item, `${base}/${index}`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => durationOptions(node?.properties?.[key], item, `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

/** The schema lets no negative duration through, but any length: one past a century is a typo that no calendar holds. */
function checkDurations(rule: RuleMeta, given: Options, setting: RuleSetting): void {
  for (const [pointer, text] of durationOptions(rule.optionsSchema, given)) {
    const read = readDuration(text, 'signed');
    if ('error' in read) throw new UsageError(`${setting.at(pointer)}rule "${rule.id}", option ${pointer.slice(1)}: ${read.error}`);
  }
}

function ruleOf(id: string, setting: RuleSetting, registry: ReadonlyMap<string, RuleMeta>): RuleMeta {
  const rule = registry.get(id);
  if (rule) return rule;
  const hint = didYouMean(id, registry.keys());
  throw new UsageError(`${setting.at()}unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ''} (cxlint rules lists them)`);
}

/** Checks one setting against its rule; gives the complete options (laid over `base`) it stands for. */
function complete(id: string, setting: RuleSetting, base: Options | undefined, registry: ReadonlyMap<string, RuleMeta>): Options {
  const rule = ruleOf(id, setting, registry);
  if (rule.category === 'input' && setting.severity !== rule.defaultSeverity) {
    throw new UsageError(`${setting.at()}rule "${id}" is always on as ${rule.defaultSeverity}: input problems cannot be turned down`);
  }
  const options = deepMerge(base ?? rule.defaultOptions ?? {}, setting.options);
  validateOptions(rule, options, setting.options, setting);
  checkDurations(rule, setting.options, setting);
  return options;
}

/**
 * The engine reads the config's rule settings against the rule registry: every id known, no input rule turned down,
 * options valid, and the rule's `defaultOptions` merged under what the config says, so that every rule gets complete
 * options. An override's options stay as written (they lay over whatever applies where they match), checked as laid
 * over the config's own.
 */
export function completeRuleSettings(config: ResolvedConfig, registry: ReadonlyMap<string, RuleMeta> = RULES_BY_ID): void {
  for (const [id, setting] of config.rules) setting.options = complete(id, setting, undefined, registry);
  for (const override of config.overrides) {
    for (const [id, setting] of override.rules) complete(id, setting, config.rules.get(id)?.options, registry);
  }
}
