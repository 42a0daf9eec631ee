import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

// The clean fixture's plan has one segment, members, and no campaign.
describe('config typos are told, not passed over (the built binary)', () => {
  it('an override for an unknown segment is a warning at its name in the config, in every format; the exit code stays 0', () => {
    const root = workspace('clean', { 'cxlint.config.yaml': 'overrides:\n  - segments: [membres]\n    rules: {frequency-cap: warning}\n', 'sub/.keep': '' });
    const run = cxlint(['check', '..'], { cwd: path.join(root, 'sub') });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('../cxlint.config.yaml\n  2:16  warning  unknown segment "membres" in overrides: the plan has no such segment; did you mean "members"?  unknown-reference');
    const json = JSON.parse(cxlint(['check', '-f', 'json'], { cwd: root }).stdout) as { findings: Array<Record<string, unknown>> };
    expect(json.findings).toEqual([expect.objectContaining({ rule: 'unknown-reference', severity: 'warning', file: 'cxlint.config.yaml', line: 2, column: 16 })]);
  });

  it('a columns key that names no field is a usage error at the key', () => {
    const root = workspace('clean', { 'cxlint.config.yaml': 'inputs:\n  - files: "exports/*.csv"\n    columns: {templat: Message}\n' });
    const run = cxlint(['check'], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cxlint: cxlint.config.yaml:3:15: unknown field "templat" in columns of a calendar mapping; did you mean "template"?\n');
  });

  it('a bad severity is one line, as the list of severities says it; a setting of another shape says what one is', () => {
    const root = workspace('clean', { 'cxlint.config.yaml': 'rules:\n  quiet-hours: warnig\n  duplicate-message: [error, 5]\n' });
    const run = cxlint(['check'], { cwd: root });
    expect([run.status, run.stderr]).toEqual([
      2,
      'cxlint: Bad config:\n' +
        'cxlint.config.yaml:2:16: "quiet-hours" must be one of off, info, warning, warn, error, but it is "warnig"; did you mean "warning"?\n' +
        'cxlint.config.yaml:3:22: "duplicate-message" is not valid: a severity (off, info, warning, error), or [severity, {options}]\n',
    ]);
  });

  it('bad rule options are usage errors worded for people, every one at its place', () => {
    const root = workspace('clean', { 'cxlint.config.yaml': 'rules:\n  duplicate-message: [error, {windw: P7D}]\n  quiet-hours: [warning, {start: "25:00"}]\n' });
    const run = cxlint(['check'], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'cxlint: cxlint.config.yaml:2:31: unknown option "windw" of duplicate-message; did you mean "window"?\n' +
        'cxlint.config.yaml:3:34: quiet-hours option start "25:00" is not a time HH:mm, such as 21:00\n',
    );
  });
});
