import type { CxlintConfig } from '../generated/config-types.js';
import type { SeveritySetting } from '../findings/finding.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { RULES_BY_ID } from '../rules/index.js';
import { durationSchema } from '../rules/support.js';
import { isValidTimeZone } from '../time/dates.js';
import type { DurationUse } from '../time/durations.js';
import { readDuration } from '../time/durations.js';
import { locate, pointerTo } from '../loaders/fragment.js';
import type { ConfigLayer } from './load.js';
import { validateRuleOptions } from './rule-options.js';

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}
export type RuleSettings = Map<string, RuleSetting>;

export interface InputMapping {
  /** Globs, relative to `dir`. */
  files: string[];
  dir: string;
  kind: 'calendar' | 'segments' | 'templates';
  delimiter?: string;
  dateFormat?: string;
  timezone?: string;
  columns?: Record<string, string>;
}

export type StateMap = Record<string, string>;
export type Condition = Record<string, string[]>;

export interface Vocabulary {
  channels: Map<string, { owned: boolean }>;
  intents: Map<string, { marketing: boolean; requires?: Condition; forbids?: Condition }>;
  lifecycle: Map<string, { sets: StateMap }>;
  /** Fields of the customer profile that placeholders may name (`profile.fields`; `a.*` matches every field under a); undefined when the config has no `profile`. */
  profile?: string[];
}

export interface Override {
  segments?: string[];
  campaigns?: string[];
  rules: RuleSettings;
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

export const stateText = (value: string | number | boolean): string => String(value);

export function conditionOf(raw: Record<string, unknown> | undefined): Condition | undefined {
  if (!raw) return undefined;
  const condition: Condition = Object.create(null);
  for (const [key, value] of Object.entries(raw)) {
    condition[key] = (Array.isArray(value) ? value : [value]).map((v) => stateText(v as string));
  }
  return condition;
}

/** Checks one rule setting (id, severity, options) and gives it in normal form; `where` prefixes messages. */
export function ruleSetting(id: string, raw: RawSetting, where: string, previous?: RuleSetting): RuleSetting {
  const rule = RULES_BY_ID.get(id);
  if (!rule) {
    const hint = didYouMean(id, RULES_BY_ID.keys());
    throw new UsageError(`${where}unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ''} (cxlint rules lists them)`);
  }
  const [severityText, options] = Array.isArray(raw) ? raw : [raw, undefined];
  const severity = normalizeSeverity(severityText as string);
  if (rule.category === 'input' && severity !== rule.defaultSeverity) {
    throw new UsageError(`${where}rule "${id}" is always on as ${rule.defaultSeverity}: input problems cannot be turned down`);
  }
  if (options !== undefined) validateRuleOptions(rule, options as Record<string, unknown>, where);
  return { severity, options: (options as Record<string, unknown>) ?? previous?.options ?? rule.defaultOptions ?? {} };
}

function mergeRules(into: RuleSettings, raw: CxlintConfig['rules'], layer: ConfigLayer, base: string): void {
  for (const [id, setting] of Object.entries(raw ?? {})) {
    const at = locate(layer.positions, pointerTo(base, id), 'key');
    const where = at ? `${layer.source}:${at.line}:${at.column}: ` : `${layer.source}: `;
    const checked = ruleSetting(id, setting, where, into.get(id));
    // `[severity, options]`: the options are the second item.
    if (Array.isArray(setting)) checkDurationOptions(id, checked.options, layer, pointerTo(pointerTo(base, id), 1));
    into.set(id, checked);
  }
}

const DURATION_PATTERN = durationSchema('').pattern;

/** The rule options that are durations (their schema is durationSchema's), as [pointer below `base`, text]. */
function durationOptions(schema: unknown, value: unknown, base = ''): Array<[string, string]> {
  const node = schema as { pattern?: string; properties?: Record<string, unknown>; items?: unknown } | undefined;
  if (typeof value === 'string') return node?.pattern === DURATION_PATTERN ? [[base, value]] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => durationOptions(node?.items, item, pointerTo(base, index)));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => durationOptions(node?.properties?.[key], item, pointerTo(base, key)));
}

/**
 * The schema of a rule's duration options lets no negative one through, but any length: one past a century is a typo
 * that would carry a window past any calendar.
 */
function checkDurationOptions(id: string, options: Record<string, unknown>, layer: ConfigLayer, base: string): void {
  for (const [pointer, text] of durationOptions(RULES_BY_ID.get(id)?.optionsSchema, options)) {
    const read = readDuration(text, 'signed');
    if ('error' in read) throw new UsageError(`${placeOf(layer, base + pointer)}rule "${id}", option ${pointer.slice(1)}: ${read.error}`);
  }
}

/** `cxlint.config.yaml:2:17: `, where a config value is, to start a usage error. */
function placeOf(layer: ConfigLayer, pointer: string): string {
  const at = locate(layer.positions, pointer);
  return `${layer.source}${at ? `:${at.line}:${at.column}` : ''}: `;
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
  const at = locate(layer.positions, pointer);
  throw new UsageError(`${layer.source}${at ? `:${at.line}:${at.column}` : ''}: unknown time zone "${zone}"; use an IANA name such as Europe/Paris`);
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
    checkZone(config.timezone, layer, '/timezone');
    resolved.timezone = config.timezone ?? resolved.timezone;
    resolved.defaultSendTime = config.defaultSendTime ?? resolved.defaultSendTime;
    checkPadding(config.horizonPadding, layer);
    resolved.horizonPadding = config.horizonPadding ?? resolved.horizonPadding;
    resolved.include = config.include ?? resolved.include;
    resolved.ignore = config.ignore ?? resolved.ignore;
    resolved.profileFields = config.profile?.fields ?? resolved.profileFields;
    mergeVocabulary(resolved.vocabulary, config);
    mergeRules(resolved.rules, config.rules, layer, '/rules');
    (config.inputs ?? []).forEach((input, index) => {
      checkZone(input.timezone, layer, pointerTo(pointerTo('/inputs', index), 'timezone'));
      const files = Array.isArray(input.files) ? input.files : [input.files];
      resolved.inputs.push({ ...input, files, dir: layer.dir, kind: input.kind ?? 'calendar' });
    });
    (config.overrides ?? []).forEach((override, index) => {
      const rules: RuleSettings = new Map();
      mergeRules(rules, override.rules, layer, pointerTo(pointerTo('/overrides', index), 'rules'));
      resolved.overrides.push({ segments: override.segments, campaigns: override.campaigns, rules });
    });
  }
  return resolved;
}

/** Applies `--rule ID:SEVERITY` flags on top of the config. */
export function applyRuleFlags(config: ResolvedConfig, flags: string[]): void {
  for (const flag of flags) {
    const separator = flag.lastIndexOf(':');
    const id = flag.slice(0, separator);
    const severity = flag.slice(separator + 1);
    if (separator <= 0 || !['off', 'info', 'warning', 'warn', 'error'].includes(severity)) {
      throw new UsageError(`--rule ${flag}: write ID:SEVERITY, with a severity of off, info, warning or error`);
    }
    config.rules.set(id, ruleSetting(id, severity as RawSetting, '--rule: ', config.rules.get(id)));
  }
}
