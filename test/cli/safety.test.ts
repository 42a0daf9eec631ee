import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANSI, CONTROL, FIXTURES, cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

const NAMED = 'calendar:\n  - date: 2026-05-01\n    segment: members\n    template: "::error::from a file name"\n';

describe('hostile plan text in stylish output', () => {
  it('has no control characters, no ##[ and no line starting with ::', () => {
    // The fixture holds ESC sequences (\u001b[31m, \u001b[2J, an OSC title), BEL, CR, `##[warning]`, `::error …`
    // in ids; the test adds a file named `::error::named.yaml` (not committed: Windows cannot check such a name out).
    const source = fs.readFileSync(path.join(FIXTURES, 'hostile', 'plan.yaml'), 'utf8');
    expect(source).toContain('\\e[31m');
    const root = workspace('hostile', { '::error::named.yaml': NAMED });
    const run = cxlint(['check'], { cwd: root });
    expect(run.status).toBe(1);
    // Each control character is shown, not obeyed: the message still says what the id holds.
    expect(run.stdout).toContain('unknown template "<U+001B>[31mevi<U+0007>"; did you mean "<U+001B>[31mevil<U+0007>"?');
    expect(run.stdout).toContain('unknown segment "<U+001B>[2J<U+001B>[Hwipe"');
    expect(run.stdout).toContain('error::named.yaml');
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stdout).not.toContain('##[');
    for (const line of run.stdout.split('\n')) expect(line.trimStart().startsWith('::'), line).toBe(false);
    expect(run.stderr).toBe('');
  });

  it('a file name of leading spaces and ::command:: cannot start a runner command either', () => {
    const root = workspace(undefined, { '  ::error::lead.yaml': 'calendar:\n  - date: 2026-05-01\n    segment: nobody\n    template: nothing\n' });
    const run = cxlint(['check'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('error::lead.yaml');
    for (const line of run.stdout.split('\n')) expect(line.trimStart().startsWith('::'), line).toBe(false);
  });

  it('the HTML page on standard output carries nothing a terminal or CI log would obey', () => {
    const run = cxlint(['check', '-f', 'html'], { cwd: workspace('hostile', { '::error::named.yaml': NAMED }) });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('\\u001b[31mevi\\u0007');
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stdout).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(run.stdout).not.toContain('##[');
  });

  it('the JSON report keeps the text as it is, escaped by JSON', () => {
    const run = cxlint(['check', '-f', 'json'], { cwd: workspace('hostile', { '::error::named.yaml': NAMED }) });
    const report = JSON.parse(run.stdout) as { findings: Array<{ message: string; file: string }> };
    expect(report.findings.some((f) => f.message.includes('\u001b[31mevi\u0007'))).toBe(true);
    expect(report.findings.some((f) => f.file === '::error::named.yaml')).toBe(true);
  });
});

describe('colour', () => {
  const root = workspace('unknown-reference');

  it('none when the output is piped', () => {
    const run = cxlint(['check'], { cwd: root });
    expect(run.stdout).toContain('unknown template');
    expect(run.stdout).not.toMatch(ANSI);
  });

  it('ANSI codes with FORCE_COLOR=1, even when piped', () => {
    const run = cxlint(['check'], { cwd: root, env: { FORCE_COLOR: '1' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(ANSI);
    expect(run.stdout).toContain('\u001b[31merror\u001b[39m');
  });

  it('none with NO_COLOR=1', () => {
    const run = cxlint(['check'], { cwd: root, env: { NO_COLOR: '1' } });
    expect(run.stdout).toContain('unknown template');
    expect(run.stdout).not.toMatch(ANSI);
  });

  it('none with --no-color, even with FORCE_COLOR=1', () => {
    const run = cxlint(['check', '--no-color'], { cwd: root, env: { FORCE_COLOR: '1' } });
    expect(run.stdout).toContain('unknown template');
    expect(run.stdout).not.toMatch(ANSI);
  });

  it('never in a report written to a file', () => {
    const run = cxlint(['check', '-f', 'stylish:report.txt'], { cwd: root, env: { FORCE_COLOR: '1' } });
    expect(run.status).toBe(1);
    const text = fs.readFileSync(path.join(root, 'report.txt'), 'utf8');
    expect(text).toContain('unknown template');
    expect(text).not.toMatch(ANSI);
  });
});

describe('symbolic links', () => {
  it('are not followed out of the folder searched; a link inside it is read once', () => {
    const outside = workspace('unknown-reference');
    const root = workspace('clean');
    fs.symlinkSync(path.join(outside, 'plans', 'q3', 'plan.yaml'), path.join(root, 'outside-file.yaml'));
    fs.symlinkSync(path.join(outside, 'plans'), path.join(root, 'outside-folder'));
    fs.symlinkSync(path.join(root, 'plan.yaml'), path.join(root, 'same-plan.yaml'));
    const run = cxlint(['check', '-f', 'json'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: Record<string, number> };
    expect(report.summary).toMatchObject({ errors: 0, files: 1, segments: 1, sends: 1 });
  });
});
