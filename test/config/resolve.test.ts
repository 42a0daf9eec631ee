import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigLayer } from '../../src/config/load.js';
import { presetLayer, readConfigChain } from '../../src/config/load.js';
import { applyRuleFlags, resolveConfig } from '../../src/config/resolve.js';
import type { ResolvedConfig } from '../../src/config/resolve.js';
import type { CxlintConfig } from '../../src/generated/config-types.js';
import { tempFolder } from '../temp-folders.js';
import { PRESETS } from '../../src/engine/presets.js';
import { usageErrorOf as usageError } from '../usage-error.js';


function layer(config: CxlintConfig, source = 'test.yaml'): ConfigLayer {
  return { config, dir: '/', source, positions: new Map() };
}

function withPreset(...configs: CxlintConfig[]): ResolvedConfig {
  return resolveConfig([presetLayer('cxlint:recommended', PRESETS), ...configs.map((config, i) => layer(config, `layer${i}.yaml`))]);
}


/** A rule's setting without its locator, as tests compare it. */
const written = (config: ResolvedConfig, id: string) => {
  const setting = config.rules.get(id);
  return setting && { severity: setting.severity, options: setting.options };
};

describe('rule settings as the config files say them (the engine checks them against the rules: test/engine/rule-settings.test.ts)', () => {
  it('warn is read as warning; off, info and error as themselves', () => {
    const config = withPreset({ rules: { 'test-capped': 'warn', 'test-plain': 'off' } });
    expect(config.rules.get('test-capped')?.severity).toBe('warning');
    expect(config.rules.get('test-plain')?.severity).toBe('off');
    expect(withPreset({ rules: { 'test-plain': 'info' } }).rules.get('test-plain')?.severity).toBe('info');
    expect(withPreset({ rules: { 'test-plain': ['error'] } }).rules.get('test-plain')?.severity).toBe('error');
  });

  it('a later layer giving only a severity keeps the options of an earlier layer', () => {
    const config = withPreset({ rules: { 'test-capped': ['error', { max: 5, per: 'P1D' }] } }, { rules: { 'test-capped': 'warn' } });
    expect(written(config, 'test-capped')).toEqual({ severity: 'warning', options: { max: 5, per: 'P1D' } });
  });

  it('a later layer giving options replaces the earlier options', () => {
    const config = withPreset({ rules: { 'test-capped': ['error', { max: 5, per: 'P1D' }] } }, { rules: { 'test-capped': ['info', { max: 2 }] } });
    expect(written(config, 'test-capped')).toEqual({ severity: 'info', options: { max: 2 } });
  });

  it('each setting knows where it was written, and where each of its options is', () => {
    const positions = new Map([
      ['/rules/test-capped', { key: { file: 'c.yaml', line: 3, column: 3, endLine: 3, endColumn: 14 }, value: { file: 'c.yaml', line: 3, column: 16, endLine: 3, endColumn: 30 } }],
      ['/rules/test-capped/1/max', { value: { file: 'c.yaml', line: 3, column: 31, endLine: 3, endColumn: 32 } }],
    ]);
    const config = resolveConfig([{ ...layer({ rules: { 'test-capped': ['error', { max: 0 }] } }, 'c.yaml'), positions }]);
    expect(config.rules.get('test-capped')?.at()).toBe('c.yaml:3:3: ');
    expect(config.rules.get('test-capped')?.at('/max')).toBe('c.yaml:3:31: ');
  });
});

describe('--rule flags (applyRuleFlags)', () => {
  it('set a severity on top of the config, keeping the options', () => {
    const config = withPreset({ rules: { 'test-capped': ['error', { max: 5 }] } });
    applyRuleFlags(config, ['test-capped:warn', 'test-plain:off']);
    expect(written(config, 'test-capped')).toEqual({ severity: 'warning', options: { max: 5 } });
    expect(config.rules.get('test-plain')?.severity).toBe('off');
    expect(config.rules.get('test-plain')?.at()).toBe('--rule: ');
  });

  it('the last flag for a rule wins', () => {
    const config = withPreset();
    applyRuleFlags(config, ['test-plain:off', 'test-plain:error']);
    expect(config.rules.get('test-plain')?.severity).toBe('error');
  });

  it('a bad severity or a missing colon is refused', () => {
    for (const flag of ['test-plain:eror', 'test-plain', ':error', 'test-plain:']) {
      expect(usageError(() => applyRuleFlags(withPreset(), [flag])).message).toContain(`--rule ${flag}: write ID:SEVERITY`);
    }
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
    const root = tempFolder({ 'cxlint.config.yaml': 'channels: {alibaba: {owned: false}, tmall: {owned: false}}\nintents: {lease_end: {marketing: false}}\nlifecycle:\n  lease_end: {sets: {lease: ended}}\n  warranty_end: {sets: {warranty: expired}}\n' });
    const file = path.join(root, 'cxlint.config.yaml');
    const config = resolveConfig(await readConfigChain(file, root, PRESETS), file);
    expect(config.vocabulary.channels.get('tmall')).toEqual({ owned: false });
    expect(config.vocabulary.lifecycle.get('warranty_end')).toEqual({ sets: { warranty: 'expired' } });
    expect(config.vocabulary.lifecycle.get('signup')).toEqual({ sets: { member: 'active' } });
  });
});

describe('other settings', () => {
  it('inputs add up across layers and keep the folder of their layer, and the kind as given (a later one may match the file too)', () => {
    const config = resolveConfig([
      presetLayer('cxlint:recommended', PRESETS),
      { ...layer({ inputs: [{ files: 'a/*.csv', delimiter: ';' }] }), dir: '/base' },
      { ...layer({ inputs: [{ files: ['b/*.csv'], kind: 'segments' }] }), dir: '/team' },
    ]);
    expect(config.inputs).toEqual([
      { files: ['a/*.csv'], delimiter: ';', dir: '/base' },
      { files: ['b/*.csv'], dir: '/team', kind: 'segments' },
    ]);
  });

  it('overrides are read with their rule settings as written', () => {
    const config = withPreset({ overrides: [{ segments: ['vip'], rules: { 'test-capped': ['error', { max: 5 }] } }, { campaigns: ['summer'], rules: { 'test-plain': 'off' } }] });
    expect(config.overrides).toHaveLength(2);
    expect(config.overrides[0]?.segments).toEqual(['vip']);
    expect(config.overrides[0]?.rules.get('test-capped')?.options).toEqual({ max: 5 });
    expect(config.overrides[1]?.rules.get('test-plain')?.severity).toBe('off');
  });
});
