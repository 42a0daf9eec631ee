import type { CxlintConfig } from '../generated/config-types.js';
import type { SeveritySetting } from '../findings/finding.js';
import { UsageError, collectUsageError } from '../errors.js';
import { isValidTimeZone } from '../time/dates.js';
import type { DurationUse } from '../time/durations.js';
import { readDuration } from '../time/durations.js';
import type { Location } from '../findings/finding.js';
import { fileStart } from '../findings/finding.js';
import { columnFields, namesColumnField } from '../loaders/csv.js';
import { locate, pointerTo } from '../loaders/fragment.js';
import type { InputMappingOptions } from '../loaders/adapters/types.js';
import { didYouMean } from '../shared/did-you-mean.js';
import type { StateMap, Vocabulary } from '../model/vocabulary.js';
import { conditionOf, stateText } from '../model/vocabulary.js';
import type { ConfigLayer } from './load.js';

/**
 * A rule's setting as the config files say it: data, until the engine reads it against the rule registry (the config
 * knows no rule). Severity-only settings keep the options of an earlier layer; options given replace them.
 */
export interface RuleSetting {
  severity: SeveritySetting;
  /** Options as written; complete, with the rule's defaults merged in, once the engine has checked them. */
  options: Record<string, unknown>;
  /**
   * `file:line:col: ` of the setting (or of a value below its options, given a pointer there; of its key with `part`
   * key), to start a message.
   */
  at: (optionPointer?: string, part?: 'key' | 'value') => string;
}
export type RuleSettings = Map<string, RuleSetting>;

/**
 * An `inputs[]` entry as the schema has it (its fields are the loaders' `InputMappingOptions`), resolved: its globs as a
 * list, and the folder they are relative to. Its `kind` stays as given: several entries may match one file, and one
 * that does not say the kind must not undo one that does.
 */
export interface InputMapping extends InputMappingOptions {
  /** Globs, relative to `dir`. */
  files: string[];
  dir: string;
}

export interface Override {
  segments?: string[];
  campaigns?: string[];
  rules: RuleSettings;
  /** Where the `index`th name of its `segments` or `campaigns` stands in the config file (the file's start when not known). */
  locationOf: (list: 'segments' | 'campaigns', index: number) => Location;
}

export interface ResolvedConfig {
  /** The config file read, when there was one. */
  file?: string;
  timezone: string;
  defaultSendTime: string;
  horizonPadding: string;
  include?: string[];
  ignore: string[];
  inputs: InputMapping[];
  vocabulary: Vocabulary;
  profileFields?: string[];
  rules: RuleSettings;
  overrides: Override[];
}

type RawSetting = NonNullable<CxlintConfig['rules']>[string];

export function normalizeSeverity(severity: string): SeveritySetting {
  return severity === 'warn' ? 'warning' : (severity as SeveritySetting);
}

/** A place in a config layer, `file:line:col: ` (or `file: ` when it has no position), to start a usage error. */
function placeOf(layer: ConfigLayer, pointer: string, part: 'key' | 'value' = 'value'): string {
  const at = locate(layer.positions, pointer, part);
  return `${layer.source}${at ? `:${at.line}:${at.column}` : ''}: `;
}

function settingOf(raw: RawSetting, previous: RuleSetting | undefined, at: RuleSetting['at']): RuleSetting {
  const [severity, options] = Array.isArray(raw) ? raw : [raw, undefined];
  return { severity: normalizeSeverity(severity as string), options: (options as Record<string, unknown> | undefined) ?? previous?.options ?? {}, at };
}

function mergeRules(into: RuleSettings, raw: CxlintConfig['rules'], layer: ConfigLayer, base: string): void {
  for (const [id, setting] of Object.entries(raw ?? {})) {
    const pointer = pointerTo(base, id);
    // `[severity, options]`: the options are the second item.
    const at = (optionPointer?: string, part?: 'key' | 'value'): string =>
      optionPointer === undefined ? placeOf(layer, pointer, 'key') : placeOf(layer, `${pointerTo(pointer, 1)}${optionPointer}`, part);
    into.set(id, settingOf(setting, into.get(id), at));
  }
}

/** The horizon runs past the latest dated thing by the padding: a negative one would cut off the last sends. */
const PADDING: DurationUse = { what: 'the padding' };

function checkPadding(padding: string | undefined, layer: ConfigLayer): void {
  if (padding === undefined) return;
  const read = readDuration(padding, PADDING);
  if ('error' in read) throw new UsageError(`${placeOf(layer, '/horizonPadding')}horizonPadding ${read.error}`);
}

function checkZone(zone: string | undefined, layer: ConfigLayer, pointer: string): void {
  if (zone === undefined || isValidTimeZone(zone)) return;
  throw new UsageError(`${placeOf(layer, pointer)}unknown time zone "${zone}"; use an IANA name such as Europe/Paris`);
}

type Kind = NonNullable<InputMappingOptions['kind']>;
/** Every kind of rows the schema allows: the type checker holds the list to the schema's (a kind missing or extra fails). */
const KINDS = Object.keys({ calendar: 0, segments: 0, templates: 0 } satisfies Record<Kind, 0>) as Kind[];

/**
 * A `columns` key must name a field of the mapping's kind: a misspelt one (`templat`) would leave its column unread,
 * and the file would then be missing that field, or, for a column that is optional, lose it without a word. Each such
 * key is an error.
 */
function columnErrors(input: NonNullable<CxlintConfig['inputs']>[number], layer: ConfigLayer, pointer: string): string[] {
  const kind = input.kind ?? 'calendar';
  // An entry that does not say its kind may add columns to one that does (several entries match a file: they add up):
  // a field of any kind is taken there, and the kind of rows is known when the file is read.
  const kinds = input.kind ? [input.kind] : KINDS;
  return Object.keys(input.columns ?? {}).flatMap((key) => {
    if (kinds.some((each) => namesColumnField(each, key))) return [];
    const fields = columnFields(kind);
    const hint = didYouMean(key.split('.')[0] ?? key, fields);
    const known = hint ? `; did you mean "${hint}"?` : `; the fields are ${fields.join(', ')}`;
    return [`${placeOf(layer, pointerTo(pointerTo(pointer, 'columns'), key), 'key')}unknown field "${key}" in columns of a ${kind} mapping${known}`];
  });
}

function mergeVocabulary(vocabulary: Vocabulary, config: CxlintConfig): void {
  if (config.profile) vocabulary.profile = [...(config.profile.fields ?? [])];
  for (const [name, channel] of Object.entries(config.channels ?? {})) {
    vocabulary.channels.set(name, { owned: channel.owned ?? vocabulary.channels.get(name)?.owned ?? true });
  }
  for (const [name, intent] of Object.entries(config.intents ?? {})) {
    const previous = vocabulary.intents.get(name);
    vocabulary.intents.set(name, {
      marketing: intent.marketing ?? previous?.marketing ?? true,
      requires: conditionOf(intent.requires) ?? previous?.requires,
      forbids: conditionOf(intent.forbids) ?? previous?.forbids,
    });
  }
  for (const [name, event] of Object.entries(config.lifecycle ?? {})) {
    const sets: StateMap = Object.create(null);
    for (const [key, value] of Object.entries(event.sets ?? {})) sets[key] = stateText(value);
    vocabulary.lifecycle.set(name, { sets });
  }
}

/** Merges config layers, most basic first: later layers win key by key, lists of inputs and overrides add up. */
export function resolveConfig(layers: ConfigLayer[], file?: string): ResolvedConfig {
  const { config, errors } = resolveLayers(layers, file);
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
  return config;
}

/**
 * resolveConfig, with every error of the layers (a zone, the padding, a `columns` key), each a line `file:line:col:
 * message`, instead of the first: the config is complete but for the values in error, so that the engine can check
 * its rule settings too, and a config's errors are told in one run.
 */
export function resolveLayers(layers: ConfigLayer[], file?: string): { config: ResolvedConfig; errors: string[] } {
  const errors: string[] = [];
  const check = (read: () => void): boolean => collectUsageError(errors, read);
  const resolved: ResolvedConfig = {
    file,
    timezone: 'UTC',
    defaultSendTime: '09:00',
    horizonPadding: 'P90D',
    ignore: [],
    inputs: [],
    vocabulary: { channels: new Map(), intents: new Map(), lifecycle: new Map() },
    rules: new Map(),
    overrides: [],
  };
  for (const layer of layers) {
    const config = layer.config;
    check(() => checkZone(config.timezone, layer, '/timezone'));
    resolved.timezone = config.timezone ?? resolved.timezone;
    resolved.defaultSendTime = config.defaultSendTime ?? resolved.defaultSendTime;
    check(() => checkPadding(config.horizonPadding, layer));
    resolved.horizonPadding = config.horizonPadding ?? resolved.horizonPadding;
    resolved.include = config.include ?? resolved.include;
    resolved.ignore = config.ignore ?? resolved.ignore;
    resolved.profileFields = config.profile?.fields ?? resolved.profileFields;
    mergeVocabulary(resolved.vocabulary, config);
    mergeRules(resolved.rules, config.rules, layer, '/rules');
    (config.inputs ?? []).forEach((input, index) => {
      const pointer = pointerTo('/inputs', index);
      check(() => checkZone(input.timezone, layer, pointerTo(pointer, 'timezone')));
      errors.push(...columnErrors(input, layer, pointer));
      const files = Array.isArray(input.files) ? input.files : [input.files];
      resolved.inputs.push({ ...input, files, dir: layer.dir });
    });
    (config.overrides ?? []).forEach((override, index) => {
      const pointer = pointerTo('/overrides', index);
      const rules: RuleSettings = new Map();
      mergeRules(rules, override.rules, layer, pointerTo(pointer, 'rules'));
      const locationOf = (list: 'segments' | 'campaigns', item: number): Location => locate(layer.positions, pointerTo(pointerTo(pointer, list), item)) ?? fileStart(layer.source);
      resolved.overrides.push({ segments: override.segments, campaigns: override.campaigns, rules, locationOf });
    });
  }
  return { config: resolved, errors };
}

/**
 * Applies `--rule ID:SEVERITY` flags on top of the config, its `overrides` included: as in ESLint, the command line is
 * the last word on a rule's severity (its options stay the config's).
 */
export function applyRuleFlags(config: ResolvedConfig, flags: string[]): void {
  for (const flag of flags) {
    const separator = flag.lastIndexOf(':');
    const id = flag.slice(0, separator);
    const severity = flag.slice(separator + 1);
    if (separator <= 0 || !['off', 'info', 'warning', 'warn', 'error'].includes(severity)) {
      throw new UsageError(`--rule ${flag}: write ID:SEVERITY, with a severity of off, info, warning or error`);
    }
    config.rules.set(id, settingOf(severity as RawSetting, config.rules.get(id), () => '--rule: '));
    for (const { rules } of config.overrides) if (rules.has(id)) rules.set(id, settingOf(severity as RawSetting, rules.get(id), () => '--rule: '));
  }
}
