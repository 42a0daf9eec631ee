import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigLayer } from '../../src/config/load.js';
import { presetLayer, readConfigChain } from '../../src/config/load.js';
import { applyRuleFlags, resolveConfig, ruleSetting } from '../../src/config/resolve.js';
import type { ResolvedConfig } from '../../src/config/resolve.js';
import { UsageError } from '../../src/errors.js';
import type { CxlintConfig } from '../../src/generated/config-types.js';
import { RULES_BY_ID } from '../../src/rules/index.js';
import type { RuleMeta } from '../../src/rules/rule.js';
import { removeTree, tempTree } from './helpers.js';

// Only the input rules exist yet, and they take no options and cannot be turned down. To test severities, options
// and their merging, this file registers two ordinary rules for its own run (vitest isolates test files).
const CAPPED: RuleMeta = {
  id: 'test-capped',
  category: 'repeated',
  defaultSeverity: 'error',
  description: 'A rule with options, for tests.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { max: { type: 'integer', minimum: 1 }, per: { type: 'string' } },
  },
  defaultOptions: { max: 3, per: 'P7D' },
  fixable: false,
};
const PLAIN: RuleMeta = { id: 'test-plain', category: 'content', defaultSeverity: 'warning', description: 'No options.', fixable: false };
const registry = RULES_BY_ID as Map<string, RuleMeta>;
beforeAll(() => {
  registry.set(CAPPED.id, CAPPED);
  registry.set(PLAIN.id, PLAIN);
});
afterAll(() => {
  registry.delete(CAPPED.id);
  registry.delete(PLAIN.id);
});

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) removeTree(root);
});

function layer(config: CxlintConfig, source = 'test.yaml'): ConfigLayer {
  return { config, dir: '/', source, positions: new Map() };
}

function withPreset(...configs: CxlintConfig[]): ResolvedConfig {
  return resolveConfig([presetLayer('cxlint:recommended'), ...configs.map((config, i) => layer(config, `layer${i}.yaml`))]);
}

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError, but nothing was thrown');
}

describe('rule settings', () => {
  it('the preset sets every registered input rule to error', () => {
    const config = withPreset();
    for (const id of ['invalid-input', 'unknown-reference', 'duplicate-id']) {
      expect(config.rules.get(id)).toEqual({ severity: 'error', options: {} });
    }
  });

  it('warn is read as warning; off, info and error as themselves', () => {
    const config = withPreset({ rules: { 'test-capped': 'warn', 'test-plain': 'off' } });
    expect(config.rules.get('test-capped')?.severity).toBe('warning');
    expect(config.rules.get('test-plain')?.severity).toBe('off');
    expect(withPreset({ rules: { 'test-plain': 'info' } }).rules.get('test-plain')?.severity).toBe('info');
    expect(withPreset({ rules: { 'test-plain': ['error'] } }).rules.get('test-plain')?.severity).toBe('error');
  });

  it('a rule without options given keeps its default options', () => {
    expect(withPreset({ rules: { 'test-capped': 'warning' } }).rules.get('test-capped')).toEqual({ severity: 'warning', options: { max: 3, per: 'P7D' } });
  });

  it('a later layer giving only a severity keeps the options of an earlier layer', () => {
    const config = withPreset({ rules: { 'test-capped': ['error', { max: 5, per: 'P1D' }] } }, { rules: { 'test-capped': 'warn' } });
    expect(config.rules.get('test-capped')).toEqual({ severity: 'warning', options: { max: 5, per: 'P1D' } });
  });

  it('a later layer giving options replaces the earlier options', () => {
    const config = withPreset({ rules: { 'test-capped': ['error', { max: 5, per: 'P1D' }] } }, { rules: { 'test-capped': ['info', { max: 2 }] } });
    expect(config.rules.get('test-capped')).toEqual({ severity: 'info', options: { max: 2 } });
  });

  it('options are validated by the rule schema', () => {
    const error = usageError(() => withPreset({ rules: { 'test-capped': ['error', { max: 0, every: 'day' }] } }));
    expect(error.message).toContain('bad options for rule "test-capped"');
    expect(error.message).toContain('/max');
  });

  it('options given to a rule that takes none are refused', () => {
    expect(usageError(() => withPreset({ rules: { 'test-plain': ['warning', { strict: true }] } })).message).toContain('rule "test-plain" takes no options');
    expect(usageError(() => withPreset({ rules: { 'unknown-reference': ['error', { strict: true }] } })).message).toContain('takes no options');
    // an empty options object is no option at all
    expect(withPreset({ rules: { 'test-plain': ['warning', {}] } }).rules.get('test-plain')?.severity).toBe('warning');
  });

  it('an unknown rule id is refused with a did-you-mean', () => {
    const error = usageError(() => withPreset({ rules: { 'duplicate-ids': 'error' } }));
    expect(error.message).toContain('unknown rule "duplicate-ids"; did you mean "duplicate-id"?');
    expect(usageError(() => withPreset({ rules: { 'nothing-like-it-at-all': 'error' } })).message).not.toContain('did you mean');
  });

  it('input rules cannot be set to warning, info or off; error is allowed', () => {
    for (const severity of ['warning', 'warn', 'info', 'off'] as const) {
      const error = usageError(() => withPreset({ rules: { 'invalid-input': severity } }));
      expect(error.message).toContain('rule "invalid-input" is always on as error');
    }
    expect(usageError(() => withPreset({ rules: { 'duplicate-id': 'off' } })).message).toContain('cannot be turned down');
    expect(withPreset({ rules: { 'invalid-input': 'error' } }).rules.get('invalid-input')?.severity).toBe('error');
  });

  it('ruleSetting keeps the previous options when only a severity is given', () => {
    expect(ruleSetting('test-capped', 'info', '', { severity: 'error', options: { max: 9 } })).toEqual({ severity: 'info', options: { max: 9 } });
  });
});

describe('--rule flags (applyRuleFlags)', () => {
  it('set a severity on top of the config, keeping the options', () => {
    const config = withPreset({ rules: { 'test-capped': ['error', { max: 5 }] } });
    applyRuleFlags(config, ['test-capped:warn', 'test-plain:off']);
    expect(config.rules.get('test-capped')).toEqual({ severity: 'warning', options: { max: 5 } });
    expect(config.rules.get('test-plain')?.severity).toBe('off');
  });

  it('the last flag for a rule wins', () => {
    const config = withPreset();
    applyRuleFlags(config, ['test-plain:off', 'test-plain:error']);
    expect(config.rules.get('test-plain')?.severity).toBe('error');
  });

  it('an unknown rule id is refused with a did-you-mean', () => {
    const error = usageError(() => applyRuleFlags(withPreset(), ['unknown-referenc:error']));
    expect(error.message).toBe('--rule: unknown rule "unknown-referenc"; did you mean "unknown-reference"? (cxlint rules lists them)');
  });

  it('a bad severity or a missing colon is refused', () => {
    for (const flag of ['test-plain:eror', 'test-plain', ':error', 'test-plain:']) {
      expect(usageError(() => applyRuleFlags(withPreset(), [flag])).message).toContain(`--rule ${flag}: write ID:SEVERITY`);
    }
  });

  it('input rules cannot be turned down from the command line', () => {
    expect(usageError(() => applyRuleFlags(withPreset(), ['invalid-input:off'])).message).toContain('cannot be turned down');
    expect(usageError(() => applyRuleFlags(withPreset(), ['unknown-reference:warning'])).message).toContain('cannot be turned down');
  });
});

describe('vocabulary', () => {
  it('custom channels, intents and lifecycle events are added to the preset', () => {
    const config = withPreset({
      channels: { tmall: { owned: false }, kiosk: {} },
      intents: { birthday: { marketing: true, requires: { member: 'active' } }, legal_notice: { marketing: false } },
      lifecycle: { trial_start: { sets: { trial: 'active', tier: 2 } }, anniversary: {} },
    });
    expect(config.vocabulary.channels.get('tmall')).toEqual({ owned: false });
    expect(config.vocabulary.channels.get('kiosk')).toEqual({ owned: true });
    expect(config.vocabulary.channels.get('wechat')).toEqual({ owned: false });
    expect(config.vocabulary.channels.size).toBe(14);
    expect(config.vocabulary.intents.get('birthday')).toEqual({ marketing: true, requires: { member: ['active'] }, forbids: undefined });
    expect(config.vocabulary.intents.get('legal_notice')?.marketing).toBe(false);
    expect(config.vocabulary.intents.get('upsell')?.forbids).toEqual({ service_case: ['open'] });
    expect(config.vocabulary.lifecycle.get('trial_start')).toEqual({ sets: { trial: 'active', tier: '2' } });
    expect(config.vocabulary.lifecycle.get('anniversary')).toEqual({ sets: {} });
    expect(config.vocabulary.lifecycle.get('case_opened')).toEqual({ sets: { service_case: 'open' } });
  });

  it('the preset vocabulary matches SPEC 4.2', () => {
    const { channels, intents, lifecycle } = withPreset().vocabulary;
    const owned = [...channels].filter(([, c]) => c.owned).map(([name]) => name).sort();
    expect(owned).toEqual(['call_center', 'direct_mail', 'email', 'in_app', 'in_store', 'push', 'sms', 'web']);
    const notMarketing = [...intents].filter(([, i]) => !i.marketing).map(([name]) => name).sort();
    expect(notMarketing).toEqual(['apology', 'lease_end', 'service', 'survey', 'transactional']);
    expect([...intents.keys()].sort()).toEqual(
      'welcome onboarding transactional service service_reminder survey reminder newsletter announcement promotion upsell cross_sell renewal retention win_back lease_end apology'.split(' ').sort(),
    );
    expect([...lifecycle.keys()].sort()).toEqual(
      ['case_closed', 'case_opened', 'churned', 'clicked', 'lease_end', 'lease_start', 'opened', 'purchase', 'purchased', 'replied', 'signup', 'technician_visit', 'vehicle_returned'],
    );
  });

  it('a later layer changes one field of an intent and keeps the others', () => {
    const config = withPreset({ intents: { upsell: { marketing: false } } });
    expect(config.vocabulary.intents.get('upsell')).toEqual({ marketing: false, requires: undefined, forbids: { service_case: ['open'] } });
  });

  it('a custom vocabulary read from a config file', async () => {
    const root = tempTree({ 'cxlint.config.yaml': 'channels: {alibaba: {owned: false}, tmall: {owned: false}}\nintents: {lease_end: {marketing: false}}\nlifecycle:\n  lease_end: {sets: {lease: ended}}\n  warranty_end: {sets: {warranty: expired}}\n' });
    roots.push(root);
    const file = path.join(root, 'cxlint.config.yaml');
    const config = resolveConfig(await readConfigChain(file, root), file);
    expect(config.vocabulary.channels.get('tmall')).toEqual({ owned: false });
    expect(config.vocabulary.lifecycle.get('warranty_end')).toEqual({ sets: { warranty: 'expired' } });
    expect(config.vocabulary.lifecycle.get('signup')).toEqual({ sets: { member: 'active' } });
  });
});

describe('other settings', () => {
  it('inputs add up across layers and keep the folder of their layer', () => {
    const config = resolveConfig([
      presetLayer('cxlint:recommended'),
      { ...layer({ inputs: [{ files: 'a/*.csv', delimiter: ';' }] }), dir: '/base' },
      { ...layer({ inputs: [{ files: ['b/*.csv'], kind: 'segments' }] }), dir: '/team' },
    ]);
    expect(config.inputs).toEqual([
      { files: ['a/*.csv'], delimiter: ';', dir: '/base', kind: 'calendar' },
      { files: ['b/*.csv'], dir: '/team', kind: 'segments' },
    ]);
  });

  it('overrides are read with their rules checked', () => {
    const config = withPreset({ overrides: [{ segments: ['vip'], rules: { 'test-capped': ['error', { max: 5 }] } }, { campaigns: ['summer'], rules: { 'test-plain': 'off' } }] });
    expect(config.overrides).toHaveLength(2);
    expect(config.overrides[0]?.segments).toEqual(['vip']);
    expect(config.overrides[0]?.rules.get('test-capped')).toEqual({ severity: 'error', options: { max: 5 } });
    expect(config.overrides[1]?.rules.get('test-plain')?.severity).toBe('off');
    expect(usageError(() => withPreset({ overrides: [{ segments: ['vip'], rules: { 'invalid-input': 'off' } }] })).message).toContain('cannot be turned down');
    expect(usageError(() => withPreset({ overrides: [{ segments: ['vip'], rules: { 'test-capt': 'off' } }] })).message).toContain('did you mean "test-capped"?');
  });
});
