import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetLayer } from '../../src/config/load.js';
import { resolveConfig } from '../../src/config/resolve.js';
import type { ResolvedConfig } from '../../src/config/resolve.js';
import { finalizeFindings, settingsFor } from '../../src/findings/finalize.js';
import { SegmentTree } from '../../src/model/tree.js';
import type { Problem } from '../../src/findings/finding.js';
import { RULES_BY_ID } from '../../src/rules/index.js';
import type { RuleMeta } from '../../src/rules/rule.js';
import { PRESETS } from '../../src/engine/presets.js';

// The input rules cannot be overridden, so this file registers an ordinary rule for its own run (findings need its category).
const CAP: RuleMeta = {
  id: 'test-cap',
  category: 'repeated',
  defaultSeverity: 'error',
  description: 'A rule with options, for tests.',
  optionsSchema: { type: 'object', properties: { max: { type: 'integer' } }, additionalProperties: false },
  defaultOptions: { max: 3 },
  fixable: false,
};
const registry = RULES_BY_ID as Map<string, RuleMeta>;
beforeAll(() => void registry.set(CAP.id, CAP));
afterAll(() => void registry.delete(CAP.id));

// all-customers ← lessees ← lessees-june; vip stands alone.
const tree = new SegmentTree(
  new Map([
    ['all-customers', { children: ['lessees'] }],
    ['lessees', { parent: 'all-customers', children: ['lessees-june'] }],
    ['lessees-june', { parent: 'lessees', children: [] }],
    ['vip', { children: [] }],
  ]),
);

function config(): ResolvedConfig {
  return resolveConfig([
    presetLayer('cxlint:recommended', PRESETS),
    {
      source: 'cxlint.config.yaml',
      dir: '/',
      positions: new Map(),
      config: {
        rules: { 'test-cap': ['error', { max: 3 }] },
        overrides: [
          { segments: ['lessees'], rules: { 'test-cap': ['warning', { max: 5 }] } },
          { campaigns: ['summer-upgrades'], rules: { 'test-cap': 'off' } },
        ],
      },
    },
  ]);
}

function problem(segments: string[], campaign?: string, line = 1): Problem {
  return {
    rule: 'test-cap',
    message: `too many messages to ${segments.join(', ')}`,
    location: { file: 'plan.yaml', line, column: 3, endLine: line, endColumn: 9 },
    segments,
    campaign,
    ids: [...segments, campaign ?? ''],
  };
}

describe('settingsFor', () => {
  it('uses the config setting when no override matches', () => {
    expect(settingsFor(config(), tree)(problem(['vip']))).toMatchObject({ severity: 'error', options: { max: 3 } });
    expect(settingsFor(config(), tree)(problem([]))).toMatchObject({ severity: 'error', options: { max: 3 } });
  });

  it('an override by segment applies to that segment', () => {
    expect(settingsFor(config(), tree)(problem(['lessees']))).toMatchObject({ severity: 'warning', options: { max: 5 } });
  });

  it('an override by segment applies to the segments below it too', () => {
    expect(settingsFor(config(), tree)(problem(['lessees-june']))).toMatchObject({ severity: 'warning', options: { max: 5 } });
  });

  it('an override by segment does not apply to the segment above it', () => {
    expect(settingsFor(config(), tree)(problem(['all-customers']))?.severity).toBe('error');
  });

  it('an override applies when any of the problem segments matches', () => {
    expect(settingsFor(config(), tree)(problem(['vip', 'lessees-june']))?.severity).toBe('warning');
  });

  it('an override by campaign applies to problems of that campaign only', () => {
    expect(settingsFor(config(), tree)(problem(['vip'], 'summer-upgrades'))?.severity).toBe('off');
    expect(settingsFor(config(), tree)(problem(['vip'], 'winter-service'))?.severity).toBe('error');
  });

  it('when several overrides match, the later one wins', () => {
    expect(settingsFor(config(), tree)(problem(['lessees'], 'summer-upgrades'))?.severity).toBe('off');
  });

  it('an override that does not set the rule leaves it alone', () => {
    const other = { ...problem(['lessees']), rule: 'unknown-reference' };
    expect(settingsFor(config(), tree)(other)).toMatchObject({ severity: 'error', options: {} });
  });
});

describe('finalizeFindings with overrides', () => {
  /** Fingerprints hash each file as findings show it. */
  const sameFile = (file: string) => file;

  it('gives each problem the severity of its override and drops the ones turned off', () => {
    const findings = finalizeFindings(
      [problem(['vip'], undefined, 30), problem(['lessees-june'], undefined, 20), problem(['lessees'], 'summer-upgrades', 10)],
      config(),
      tree,
    );
    expect(findings.map((f) => [f.location.line, f.severity])).toEqual([
      [20, 'warning'],
      [30, 'error'],
    ]);
  });

  it('a problem that carries its own severity keeps it', () => {
    const findings = finalizeFindings([{ ...problem(['vip']), severity: 'info' }], config(), tree);
    expect(findings[0]?.severity).toBe('info');
  });

  it('sorts by file, line, column, rule and gives a fingerprint without line numbers', () => {
    const at = (file: string, line: number, column: number, rule: string): Problem => ({
      rule,
      message: `${rule} at ${file}`,
      location: { file, line, column, endLine: line, endColumn: column + 1 },
      ids: ['x'],
    });
    const findings = finalizeFindings(
      [at('b.yaml', 1, 1, 'duplicate-id'), at('a.yaml', 2, 1, 'invalid-input'), at('a.yaml', 2, 1, 'duplicate-id'), at('a.yaml', 1, 5, 'unknown-reference'), at('a.yaml', 1, 2, 'unknown-reference')],
      config(),
      tree,
      sameFile,
    );
    expect(findings.map((f) => `${f.location.file}:${f.location.line}:${f.location.column} ${f.rule}`)).toEqual([
      'a.yaml:1:2 unknown-reference',
      'a.yaml:1:5 unknown-reference',
      'a.yaml:2:1 duplicate-id',
      'a.yaml:2:1 invalid-input',
      'b.yaml:1:1 duplicate-id',
    ]);
    const moved = finalizeFindings([at('a.yaml', 40, 7, 'invalid-input')], config(), tree, sameFile);
    expect(moved[0]?.fingerprint).toBe(findings[3]?.fingerprint);
    // same rule and ids in another file: another fingerprint
    expect(findings[2]?.fingerprint).not.toBe(findings[4]?.fingerprint);
  });
});
