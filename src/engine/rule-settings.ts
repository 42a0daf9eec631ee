import type { ErrorObject } from 'ajv';
import type { ResolvedConfig, RuleSetting } from '../config/resolve.js';
import { UsageError, collectUsageError } from '../errors.js';
import { ruleOptionValidators } from '../generated/rule-options.js';
import type { Validator } from '../generated/validators.js';
import { RULES_BY_ID } from '../rules/index.js';
import type { RuleMeta } from '../rules/rule.js';
import { durationSchema } from '../rules/kit/windows.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { readDuration } from '../time/durations.js';
import { valueMessage } from '../validate/messages.js';

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

/** Each rule's options validator, by rule id: compiled from its `optionsSchema` when cxlint is built (scripts/rule-options.mjs). */
export type OptionValidators = Readonly<Record<string, Validator>>;

/**
 * Checks the options a config gives against the rule's JSON Schema, merged over the defaults. Only for a rule whose
 * options a config sets: a rule's own defaults are valid (a test holds them to their schema), and a plain run should pay
 * nothing for validation. The validators are compiled ahead of time, verbose: the messages name what an option may be
 * (its schema) and what it is (its data).
 */
function validateOptions(rule: RuleMeta, complete: Options, given: Options, setting: RuleSetting, validators: OptionValidators | undefined): void {
  if (Object.keys(given).length === 0) return;
  if (!rule.optionsSchema) throw new UsageError(`${setting.at()}rule "${rule.id}" takes no options`);
  // The compiled validators are asked for here, not when the config is read: the command line loads them (a chunk of
  // their own, scripts/bundle-cli.mjs) only for a config that gives a rule options.
  const validate = (validators ?? ruleOptionValidators())[rule.id];
  if (!validate) throw new Error(`rule ${rule.id} has no compiled options validator: run \`npm run build\``);
  if (validate(complete)) return;
  // The failures inside a oneOf or anyOf are how it failed, not what is wrong: the oneOf's own error says that.
  const errors = (validate.errors ?? []).filter((error) => !/\/(oneOf|anyOf)\/\d+\//.test(error.schemaPath));
  const lines = errors.map((error) => optionMessage(rule.id, error, setting));
  throw new UsageError([...new Set(lines)].join('\n'));
}

const DURATION_PATTERN = durationSchema('').pattern as string;

/** A pattern that takes exactly the times of day HH:mm (whichever way a rule writes it). */
function isTimePattern(pattern: string): boolean {
  const regex = new RegExp(pattern, 'u');
  return ['00:00', '09:30', '23:59'].every((time) => regex.test(time)) && !['24:00', '9:30', '12:60', '12:30:00'].some((time) => regex.test(time));
}

/** What a text that breaks an option's pattern should have been. */
function patternHint(pattern: string, description: string | undefined): string {
  if (pattern === DURATION_PATTERN) return 'is not a duration: write P7D, PT36H, or 7d, 36h, 30m, 2w';
  if (isTimePattern(pattern)) return 'is not a time HH:mm, such as 21:00';
  return `is not in the expected form (${description ?? pattern})`;
}

/** An option's name from its pointer: `byChannel.sms.start`, `limits[0].per`. */
function optionName(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

interface OptionSchema {
  properties?: Record<string, unknown>;
  description?: string;
  oneOf?: Array<{ required?: string[] }>;
}

/**
 * One failure of a rule's options, placed at the option; what it says of a value is worded as in the plan files
 * (valueMessage):
 * `quiet-hours option start "25:00" is not a time HH:mm, such as 21:00`,
 * `unknown option "windw" of duplicate-message; did you mean "window"?`.
 */
function optionMessage(id: string, error: ErrorObject, setting: RuleSetting): string {
  const pointer = error.instancePath;
  const schema = (error.parentSchema ?? {}) as OptionSchema;
  const params = error.params as Record<string, unknown>;
  const subject = pointer === '' ? `${id} options` : `${id} option ${optionName(pointer)}`;
  const at = setting.at(pointer);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      const hint = didYouMean(name, known);
      const of = pointer === '' ? `of ${id}` : `in ${optionName(pointer)} of ${id}`;
      const expected = hint ? `; did you mean "${hint}"?` : known.length ? `; the options are ${known.join(', ')}` : '';
      return `${setting.at(`${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'key')}unknown option "${name}" ${of}${expected}`;
    }
    case 'pattern':
      return `${at}${subject} ${JSON.stringify(error.data)} ${patternHint(String(params.pattern), schema.description)}`;
    case 'required':
      return `${at}${subject} ${pointer === '' ? 'are' : 'is'} missing "${String(params.missingProperty)}"`;
    case 'oneOf': {
      const names = (schema.oneOf ?? []).map((branch) => branch.required ?? []);
      const eachOne = names.every((required) => required.length === 1);
      return `${at}${subject} must ${eachOne ? `give exactly one of ${names.join(', ')}` : 'match exactly one of its forms'}`;
    }
    default:
      return `${at}${valueMessage(error, subject) ?? `${subject} ${error.message ?? 'is not valid'}`}`;
  }
}

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
    if ('error' in read) throw new UsageError(`${setting.at(pointer)}${rule.id} option ${optionName(pointer)} ${read.error}`);
  }
}

function ruleOf(id: string, setting: RuleSetting, registry: ReadonlyMap<string, RuleMeta>): RuleMeta {
  const rule = registry.get(id);
  if (rule) return rule;
  const hint = didYouMean(id, registry.keys());
  throw new UsageError(`${setting.at()}unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ''} (cxlint rules lists them)`);
}

/** Checks one setting against its rule; gives the complete options (laid over `base`) it stands for. */
function complete(id: string, setting: RuleSetting, base: Options | undefined, registry: ReadonlyMap<string, RuleMeta>, validators: OptionValidators | undefined): Options {
  const rule = ruleOf(id, setting, registry);
  if (rule.category === 'input' && setting.severity !== rule.defaultSeverity) {
    throw new UsageError(`${setting.at()}rule "${id}" is always on as ${rule.defaultSeverity}: input problems cannot be turned down`);
  }
  const options = deepMerge(base ?? rule.defaultOptions ?? {}, setting.options);
  validateOptions(rule, options, setting.options, setting, validators);
  checkDurations(rule, setting.options, setting);
  return options;
}

/**
 * The engine reads the config's rule settings against the rule registry: every id known, no input rule turned down,
 * options valid, and the rule's `defaultOptions` merged under what the config says, so that every rule gets complete
 * options. An override's options stay as written (they lay over whatever applies where they match), checked as laid
 * over the config's own.
 */
export function completeRuleSettings(
  config: ResolvedConfig,
  registry: ReadonlyMap<string, RuleMeta> = RULES_BY_ID,
  /** The compiled validators by default. */
  validators?: OptionValidators,
): void {
  // Every bad setting is told at once, as the config schema's errors are: not one per run.
  const errors: string[] = [];
  const check = (read: () => void): boolean => collectUsageError(errors, read);
  // An override is checked over the rule's defaults where the config's own options failed, so as not to repeat them.
  const failed = new Set<string>();
  for (const [id, setting] of config.rules) if (!check(() => (setting.options = complete(id, setting, undefined, registry, validators)))) failed.add(id);
  for (const override of config.overrides) {
    for (const [id, setting] of override.rules) check(() => complete(id, setting, failed.has(id) ? undefined : config.rules.get(id)?.options, registry, validators));
  }
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
}
