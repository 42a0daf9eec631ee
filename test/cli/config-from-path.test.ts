import { afterAll, describe, expect, it } from 'vitest';
import { cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** A client folder whose config defines an event of its own: read without it, the plan names an unknown event. */
const CLIENT = {
  'client/cxlint.config.yaml': lines('timezone: UTC', 'lifecycle:', '  contract_end: {}'),
  'client/plan.yaml': lines('segments:', '  - {id: members, timezone: UTC, events: {contract_end: 2026-06-30}}', 'templates: [{id: t, channel: email, intent: service}]', 'calendar: [{date: 2026-06-01, segment: members, template: t}]'),
};

describe('the config is found from the paths linted', () => {
  it('from a parent folder, `check client/` reads client/cxlint.config.yaml (and so knows its events)', () => {
    const run = cxlint(['check', 'client', '--debug'], { cwd: workspace(undefined, CLIENT) });
    expect(run.stdout).toContain('no problems');
    expect(run.stderr).toContain('config: client/cxlint.config.yaml');
    expect(run.status).toBe(0);
  });

  it('--debug prints the config in force: the preset expanded, the config’s vocabulary, every rule with complete options', () => {
    const run = cxlint(['check', 'client', '--debug'], { cwd: workspace(undefined, CLIENT) });
    expect(run.stderr).toContain('cxlint:     contract_end:\n');
    expect(run.stderr).toContain('cxlint:     email:\ncxlint:       owned: true\n');
    expect(run.stderr).toMatch(/cxlint: {5}duplicate-message:\ncxlint: {7}- error\ncxlint: {7}- window: P7D\ncxlint: {9}sameChannelOnly: false\n/);
    expect(cxlint(['check', 'client'], { cwd: workspace(undefined, CLIENT) }).stderr).toBe('');
  });

  it('a file given as PATH finds the config beside it', () => {
    expect(cxlint(['check', 'client/plan.yaml'], { cwd: workspace(undefined, CLIENT) }).status).toBe(0);
  });

  it('two paths under different configs are a usage error naming both, unless -c names one', () => {
    const folder = workspace(undefined, { ...CLIENT, 'other/plan.yaml': lines('segments: [{id: other}]') });
    const run = cxlint(['check', 'client', 'other'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/different configs: client \(client\/cxlint\.config\.yaml\) and other \(no config\)/);
    expect(cxlint(['check', 'client', 'other', '-c', 'client/cxlint.config.yaml'], { cwd: folder }).status).toBe(0);
  });
});
