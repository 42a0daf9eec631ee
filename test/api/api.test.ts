import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, formatters, lint, lintText, version } from '../../src/api/index.js';
import { REPO, cleanWorkspaces, cxlint, workspace } from '../cli/run.js';

afterAll(cleanWorkspaces);

const LEASE_END = path.join(REPO, 'examples', 'lease-end');

/** A copy of an example without its golden files, so that the API and the binary read the same plan. */
function exampleCopy(name: string): string {
  const folder = workspace();
  fs.cpSync(path.join(REPO, 'examples', name), folder, { recursive: true });
  for (const golden of ['expected.txt', 'expected.json']) fs.rmSync(path.join(folder, golden), { force: true });
  return folder;
}

describe('lint', () => {
  it('finds what `cxlint check` finds, and every formatter writes what `-f` writes', async () => {
    const folder = exampleCopy('lease-end');
    const report = await lint([], { cwd: folder });
    expect(report.summary).toMatchObject({ files: 4, errors: 4, warnings: 0 });
    expect(report.version).toBe(version);
    for (const format of ['json', 'gitlab', 'sarif', 'markdown'] as const) {
      const run = cxlint(['check', '-f', format], { cwd: folder });
      expect(formatters[format](report), format).toBe(run.stdout);
    }
  });

  it('takes paths relative to cwd, and the options of the command line', async () => {
    const report = await lint(['examples/lease-end'], { cwd: REPO, rules: { 'state-conflict': 'off' }, config: false });
    expect(report.findings.map((finding) => finding.rule).sort()).toEqual(['conflicting-facts', 'unanswered-reply']);
    expect(report.findings[0]!.location.file).toMatch(/^examples\/lease-end\//);
    const quiet = await lint([LEASE_END], { rules: { 'state-conflict': 'warning' }, quiet: true });
    expect(quiet.findings.every((finding) => finding.severity === 'error')).toBe(true);
    expect(quiet.summary.warnings).toBe(0);
  });

  it('applies the suppressions file and never writes it', async () => {
    const folder = exampleCopy('lease-end');
    expect(cxlint(['check', '--suppress-rule', 'state-conflict'], { cwd: folder }).status).toBe(1);
    const recorded = fs.readFileSync(path.join(folder, 'cxlint-suppressions.json'), 'utf8');
    const report = await lint([], { cwd: folder });
    expect(report.suppressed.map((entry) => [entry.finding.rule, entry.kind])).toEqual([
      ['state-conflict', 'external'],
      ['state-conflict', 'external'],
    ]);
    expect(report.summary).toMatchObject({ errors: 2, suppressed: 2 });
    expect(fs.readFileSync(path.join(folder, 'cxlint-suppressions.json'), 'utf8')).toBe(recorded);
  });

  it('throws a UsageError where the command line exits 2', async () => {
    const empty = workspace(undefined, { 'notes.txt': 'nothing here' });
    await expect(lint([], { cwd: empty })).rejects.toBeInstanceOf(UsageError);
    await expect(lint([LEASE_END], { rules: { 'no-such-rule': 'error' } })).rejects.toThrow(/no-such-rule/);
  });
});

describe('lintText', () => {
  it('lints files given as text, with a config given as text', () => {
    const plan = [
      'segments: [{id: a, timezone: UTC}]',
      'templates: [{id: t, channel: email, intent: promotion}]',
      'calendar:',
      '  - {date: 2026-06-02T10:00, segment: a, template: t}',
      '  - {date: 2026-06-03T10:00, segment: a, template: t}',
    ].join('\n');
    const report = lintText({ 'plan.yaml': plan });
    expect(report.findings.map((finding) => [finding.rule, finding.location.file, finding.location.line])).toEqual([['duplicate-message', 'plan.yaml', 5]]);
    const off = lintText({ 'plan.yaml': plan }, { config: 'rules:\n  duplicate-message: off\n' });
    expect(off.findings).toEqual([]);
    expect(formatters.stylish(off)).toBe('✔ no problems (1 file, 1 segment, 2 sends checked)\n');
  });
});

describe('formatters.html', () => {
  it('draws the timelines lint computed on request, and says how when they were not', async () => {
    const report = await lint([LEASE_END], { html: true });
    const page = formatters.html(report);
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).toContain('lessees-2026-06');
    expect(() => formatters.html(lintText({ 'plan.yaml': 'segments: [{id: a, timezone: UTC}]\n' }))).toThrow(new UsageError("formatters.html draws the plan's timelines: lint with { html: true }"));
  });
});

describe('formatters', () => {
  it('are the formats of `cxlint check -f`, and colour only on request', () => {
    expect(Object.keys(formatters).sort()).toEqual(['github', 'gitlab', 'html', 'json', 'junit', 'markdown', 'sarif', 'stylish', 'text']);
    const report = lintText({ 'plan.yaml': 'segments: [{id: a, timezone: UTC}]\ncalendar: [{date: 2026-06-02, segment: a, template: missing}]\n' });
    expect(formatters.stylish(report)).not.toContain('\u001b[');
    expect(formatters.stylish(report, { color: true })).toContain('\u001b[');
  });
});
