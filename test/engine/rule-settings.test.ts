import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the scripts folder, which the build runs.
import { ruleOptionValidators } from '../../scripts/rule-options.mjs';
import type { ConfigLayer } from '../../src/config/load.js';
import { configChainFromText, presetLayer } from '../../src/config/load.js';
import type { ResolvedConfig } from '../../src/config/resolve.js';
import { applyRuleFlags, resolveConfig } from '../../src/config/resolve.js';
import { completeRuleSettings, deepMerge } from '../../src/engine/rule-settings.js';
import type { CxlintConfig } from '../../src/generated/config-types.js';
import { RULE_OPTIONS } from '../../src/generated/rule-options.js';
import { RULES, RULES_BY_ID } from '../../src/rules/index.js';
import type { RuleMeta } from '../../src/rules/rule.js';
import { durationSchema } from '../../src/rules/kit/windows.js';
import { lintFiles } from '../rules/helpers.js';
import { PRESETS } from '../../src/engine/presets.js';
import { usageErrorOf as usageError } from '../usage-error.js';

// Two rules of this file's own, beside the real ones, to test options and their merging on shapes the real rules may not have.
const CAPPED: RuleMeta = {
  id: 'test-capped',
  category: 'repeated',
  defaultSeverity: 'error',
  description: 'A rule with options, for tests.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      max: { type: 'integer', minimum: 1 },
      per: durationSchema('window'),
      quiet: { type: 'object', additionalProperties: false, properties: { start: { type: 'string' }, end: { type: 'string' } } },
      channels: { type: 'array', items: { type: 'string' } },
    },
  },
  defaultOptions: { max: 3, per: 'P7D', quiet: { start: '21:00', end: '08:00' }, channels: ['sms', 'push'] },
  fixable: false,
};
const PLAIN: RuleMeta = { id: 'test-plain', category: 'content', defaultSeverity: 'warning', description: 'No options.', fixable: false };
const REGISTRY = new Map<string, RuleMeta>([...RULES_BY_ID, [CAPPED.id, CAPPED], [PLAIN.id, PLAIN]]);
// cxlint compiles the real rules' schemas when it is built; this file's own rule is compiled here, as the build would.
const VALIDATORS = { ...RULE_OPTIONS, [CAPPED.id]: new Ajv({ allErrors: true, strict: false, verbose: true }).compile(CAPPED.optionsSchema!) };

function layer(config: CxlintConfig, source = 'test.yaml'): ConfigLayer {
  return { config, dir: '/', source, positions: new Map() };
}

/** The preset, then the given config layers, then `--rule` flags; checked by the engine. */
function completed(configs: CxlintConfig[], flags: string[] = []): ResolvedConfig {
  const config = resolveConfig([presetLayer('cxlint:recommended', PRESETS), ...configs.map((c, i) => layer(c, `layer${i}.yaml`))]);
  applyRuleFlags(config, flags);
  completeRuleSettings(config, REGISTRY, VALIDATORS);
  return config;
}


describe('the rules’ option validators, compiled when cxlint is built', () => {
  it('are those of the rules’ current schemas (src/generated/rule-options.js is not stale)', () => {
    const generated = readFileSync(new URL('../../src/generated/rule-options.js', import.meta.url), 'utf8');
    expect(generated).toBe(ruleOptionValidators(RULES));
  });

  it('exist for every rule that takes options, and a rule’s options are refused without one', () => {
    expect(Object.keys(RULE_OPTIONS).sort()).toEqual(RULES.filter((rule) => rule.optionsSchema).map((rule) => rule.id).sort());
    const config = resolveConfig([presetLayer('cxlint:recommended', PRESETS), layer({ rules: { 'test-capped': ['error', { max: 5 }] } })]);
    expect(() => completeRuleSettings(config, REGISTRY)).toThrow('rule test-capped has no compiled options validator: run `npm run build`');
  });
});

describe('deepMerge (as ESLint merges rule options)', () => {
  it('merges objects key by key, recursively, and replaces lists and values whole', () => {
    expect(deepMerge({ a: 1, o: { x: 1, y: 2 }, l: [1, 2] }, { o: { y: 3 }, l: [9] })).toEqual({ a: 1, o: { x: 1, y: 3 }, l: [9] });
  });
});

describe('the engine completes every rule setting', () => {
  it('a rule given no options gets its defaults', () => {
    expect(completed([{ rules: { 'test-capped': 'warning' } }]).rules.get('test-capped')?.options).toEqual(CAPPED.defaultOptions);
  });

  it('a rule given some options keeps its defaults for the others, nested ones too (issue 9, defect 1)', () => {
    const config = completed([{ rules: { 'test-capped': ['error', { max: 5, quiet: { start: '22:00' } }] } }]);
    expect(config.rules.get('test-capped')?.options).toEqual({ max: 5, per: 'P7D', quiet: { start: '22:00', end: '08:00' }, channels: ['sms', 'push'] });
  });

  it('a list given replaces the default list', () => {
    expect(completed([{ rules: { 'test-capped': ['error', { channels: ['email'] }] } }]).rules.get('test-capped')?.options.channels).toEqual(['email']);
  });

  it('every rule’s default options pass its own schema (the engine does not check them at each run)', () => {
    for (const rule of RULES_BY_ID.values()) {
      if (!rule.optionsSchema) continue;
      const config = completed([{ rules: { [rule.id]: [rule.defaultSeverity, rule.defaultOptions ?? {}] } }]);
      expect(config.rules.get(rule.id)?.options, rule.id).toEqual(rule.defaultOptions ?? {});
    }
  });

  it('the preset sets every input rule to error, with no options', () => {
    const config = completed([]);
    for (const id of ['invalid-input', 'unknown-reference', 'duplicate-id']) expect(config.rules.get(id)).toMatchObject({ severity: 'error', options: {} });
  });

  it('options are validated by the rule schema, complete, every failure told', () => {
    const error = usageError(() => completed([{ rules: { 'test-capped': ['error', { max: 0, every: 'day' }] } }]));
    expect(error.message.split('\n')).toEqual(['layer0.yaml: unknown option "every" of test-capped; the options are max, per, quiet, channels', 'layer0.yaml: test-capped option max must be at least 1, but it is 0']);
  });

  it('a __proto__ key in options is an option like any other, refused by the schema (not a prototype that hides it)', () => {
    const options = JSON.parse('{"__proto__": {"max": 0}}') as Record<string, unknown>;
    expect(usageError(() => completed([{ rules: { 'test-capped': ['error', options] } }])).message).toContain('unknown option "__proto__" of test-capped');
  });

  it('a duration option past a century is refused, where it is', () => {
    expect(usageError(() => completed([{ rules: { 'test-capped': ['error', { per: 'P200Y' }] } }])).message).toBe(
      'layer0.yaml: test-capped option per "P200Y" is longer than 100 years, the longest duration cxlint reads',
    );
  });

  it('options given to a rule that takes none are refused; an empty options object is none', () => {
    expect(usageError(() => completed([{ rules: { 'test-plain': ['warning', { strict: true }] } }])).message).toContain('rule "test-plain" takes no options');
    expect(usageError(() => completed([{ rules: { 'unknown-reference': ['error', { strict: true }] } }])).message).toContain('takes no options');
    expect(completed([{ rules: { 'test-plain': ['warning', {}] } }]).rules.get('test-plain')?.severity).toBe('warning');
  });

  it('an unknown rule id is refused with a did-you-mean, from the config or from --rule', () => {
    expect(usageError(() => completed([{ rules: { 'duplicate-ids': 'error' } }])).message).toContain('unknown rule "duplicate-ids"; did you mean "duplicate-id"?');
    expect(usageError(() => completed([{ rules: { 'nothing-like-it-at-all': 'error' } }])).message).not.toContain('did you mean');
    expect(usageError(() => completed([], ['unknown-referenc:error'])).message).toBe('--rule: unknown rule "unknown-referenc"; did you mean "unknown-reference"? (cxlint rules lists them)');
  });

  it('input rules cannot be set to warning, info or off, from the config or --rule; error is allowed', () => {
    for (const severity of ['warning', 'warn', 'info', 'off'] as const) {
      expect(usageError(() => completed([{ rules: { 'invalid-input': severity } }])).message).toContain('rule "invalid-input" is always on as error');
    }
    expect(usageError(() => completed([], ['unknown-reference:warning'])).message).toContain('cannot be turned down');
    expect(completed([{ rules: { 'invalid-input': 'error' } }]).rules.get('invalid-input')?.severity).toBe('error');
  });

  it('override settings are checked as laid over the config’s, and keep the options as written', () => {
    const config = completed([{ rules: { 'test-capped': ['error', { max: 5 }] }, overrides: [{ segments: ['vip'], rules: { 'test-capped': ['error', { per: 'P1D' }] } }] }]);
    expect(config.overrides[0]?.rules.get('test-capped')?.options).toEqual({ per: 'P1D' });
    expect(usageError(() => completed([{ overrides: [{ segments: ['vip'], rules: { 'invalid-input': 'off' } }] }])).message).toContain('cannot be turned down');
    expect(usageError(() => completed([{ overrides: [{ segments: ['vip'], rules: { 'test-capt': 'off' } }] }])).message).toContain('did you mean "test-capped"?');
    expect(usageError(() => completed([{ overrides: [{ segments: ['vip'], rules: { 'test-capped': ['error', { max: 0 }] } }] }])).message).toBe('layer0.yaml: test-capped option max must be at least 1, but it is 0');
  });
});

describe('documented partial options run (issue 9, defect 1)', () => {
  const plan = {
    'plan.yaml': [
      'segments: [{id: m, timezone: UTC}]',
      'templates: [{id: t, channel: sms, intent: promotion}]',
      'calendar: [{date: 2026-01-05T23:00, segment: m, template: t}]',
      'journeys:',
      '  - {id: j, entry: {segment: m, event: signup}, steps: [{send: t}]}',
      '',
    ].join('\n'),
  };

  it.each([
    ['quiet-hours: [warning, {start: "21:00", end: "08:00"}]', 'quiet-hours', 1],
    ['quiet-hours: [warning, {channels: [sms]}]', 'quiet-hours', 1],
    ['journey-complexity: [warning, {}]', 'journey-complexity', 0],
    ['missing-message: [error, {}]', 'missing-message', 1],
    ['frequency-cap: [error, {includeNonMarketing: true}]', 'frequency-cap', 0],
  ])('%s', async (setting, rule, count) => {
    const findings = await lintFiles({ ...plan, 'cxlint.config.yaml': `rules:\n  ${setting}\n` });
    expect(findings.filter((finding) => finding.rule === rule)).toHaveLength(count);
  });
});

describe('bad rule options read like the plan files’ errors, at the option in the config file', () => {
  /** The usage error of a config given as text (positions kept, as for a file), its lines. */
  const errorsOf = (...lines: string[]): string[] =>
    usageError(() => completeRuleSettings(resolveConfig(configChainFromText('cxlint.config.yaml', [...lines, ''].join('\n'), PRESETS)), REGISTRY, VALIDATORS)).message.split('\n');

  it('a time that is no time of day', () => {
    expect(errorsOf('rules:', '  quiet-hours: [warning, {start: "25:00"}]')).toEqual(['cxlint.config.yaml:2:34: quiet-hours option start "25:00" is not a time HH:mm, such as 21:00']);
  });

  it('an unknown option, at its key, with a did-you-mean (nested too)', () => {
    expect(errorsOf('rules:', '  duplicate-message: [error, {windw: P7D}]')).toEqual(['cxlint.config.yaml:2:31: unknown option "windw" of duplicate-message; did you mean "window"?']);
    expect(errorsOf('rules:', '  quiet-hours: [warning, {byChannel: {sms: {start: "20:00", ed: "09:00"}}}]')).toEqual([
      'cxlint.config.yaml:2:44: quiet-hours option byChannel.sms is missing "end"',
      'cxlint.config.yaml:2:61: unknown option "ed" in byChannel.sms of quiet-hours; did you mean "end"?',
    ]);
  });

  it('a duration, a type, a repeated item, an item of a list', () => {
    expect(errorsOf('rules:', '  duplicate-message: [error, {window: 7 days, sameChannelOnly: maybe}]', '  quiet-hours: [warning, {channels: [sms, sms]}]')).toEqual([
      'cxlint.config.yaml:2:39: duplicate-message option window "7 days" is not a duration: write P7D, PT36H, or 7d, 36h, 30m, 2w',
      'cxlint.config.yaml:2:64: duplicate-message option sameChannelOnly must be true or false, but it is "maybe"',
      'cxlint.config.yaml:3:37: quiet-hours option channels lists "sms" twice',
    ]);
    expect(errorsOf('rules:', '  frequency-cap: [error, {limits: [{max: 3}]}]')).toEqual(['cxlint.config.yaml:2:36: frequency-cap option limits[0] is missing "per"']);
  });

  it('one of two fields (oneOf): the choice, not each way it failed', () => {
    expect(errorsOf('rules:', '  missing-message: [error, {expect: [{after: signup, before: lease_end, within: P1D, intent: welcome}]}]')).toEqual([
      'cxlint.config.yaml:2:38: missing-message option expect[0] must give exactly one of after, before',
    ]);
  });

  it('an override over a config whose own options fail is checked over the defaults: each failure told once', () => {
    expect(errorsOf('rules:', '  duplicate-message: [error, {windw: P7D}]', 'overrides:', '  - segments: [vip]', '    rules: {duplicate-message: [error, {sameChannelOnly: 1}]}')).toEqual([
      'cxlint.config.yaml:2:31: unknown option "windw" of duplicate-message; did you mean "window"?',
      'cxlint.config.yaml:5:58: duplicate-message option sameChannelOnly must be true or false, but it is 1',
    ]);
  });
});
