import { afterAll, describe, expect, it } from 'vitest';
import { cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('one command line', () => {
  it('a mistyped command is exit 2 with a did-you-mean, and a path of that name stays reachable through check', () => {
    const folder = workspace('clean');
    const typo = cxlint(['chek'], { cwd: folder });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe("cxlint: unknown command 'chek' (did you mean check?); to lint a path of that name: cxlint check chek\n");
    expect(cxlint(['check', 'chek'], { cwd: folder }).stderr).toBe('cxlint: No such file or folder: chek\n');
    const named = workspace(undefined, { 'chek/plan.yaml': lines('segments: [{id: a}]') });
    expect(cxlint(['chek'], { cwd: named }).status).toBe(0);
  });

  it('every error has the one prefix, commander’s included', () => {
    const run = cxlint(['check', '--bogus'], { cwd: workspace('clean') });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cxlint: unknown option '--bogus'/);
  });

  it('--max-warnings says why it fails', () => {
    const folder = workspace(undefined, {
      'plan.yaml': lines('segments: [{id: a, timezone: UTC}]', 'templates: [{id: t, channel: sms, intent: promotion}]', 'calendar: [{date: 2026-06-01T23:00, segment: a, template: t}]'),
    });
    const run = cxlint(['check', '--max-warnings', '0'], { cwd: folder });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('cxlint: too many warnings (1, maximum 0)\n');
    expect(cxlint(['check', '--max-warnings', '1'], { cwd: folder }).stderr).toBe('');
  });

  it('help shows no empty defaults', () => {
    for (const command of ['check', 'timeline']) expect(cxlint([command, '--help'], { cwd: workspace() }).stdout).not.toContain('(default: [])');
  });
});
