import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Two problems, a repeat of `news` (duplicate-message, calendar.yaml:5) and an SMS at night (quiet-hours, calendar.yaml:6), and one suppressed (calendar.yaml:4). */
const PLAN = {
  'cxlint.config.yaml': lines('timezone: UTC'),
  'plan.yaml': lines('segments: [{id: members, timezone: UTC}]', 'templates:', '  - {id: news, channel: email, intent: newsletter}', '  - {id: flash, channel: sms, intent: promotion}', '  - {id: late, channel: sms, intent: promotion}'),
  'calendar.yaml': lines(
    'calendar:',
    '  - {id: first, date: 2026-06-01T10:00, segment: members, template: news}',
    '  # cxlint-disable-next-line quiet-hours -- the store opens at 7 for this sale',
    '  - {id: dawn, date: 2026-06-02T07:00, segment: members, template: flash}',
    '  - {id: again, date: 2026-06-03T10:00, segment: members, template: news}',
    '  - {id: night, date: 2026-06-09T23:00, segment: members, template: late}',
  ),
};

const json = (run: ReturnType<typeof cxlint>) => JSON.parse(run.stdout) as { summary: { suppressed: number; errors: number; warnings: number }; findings: Array<{ rule: string; line: number }> };
const recorded = (folder: string) =>
  JSON.parse(fs.readFileSync(path.join(folder, 'cxlint-suppressions.json'), 'utf8')) as { version: number; suppressions: Array<{ rule: string; file: string; fingerprint: string }> };

describe('inline suppressions', () => {
  it('take the finding of the item below out of the report and count it', () => {
    const folder = workspace(undefined, PLAN);
    const report = json(cxlint(['check', '-f', 'json'], { cwd: folder }));
    expect(report.findings.map((finding) => `${finding.rule}:${finding.line}`)).toEqual(['duplicate-message:5', 'quiet-hours:6']);
    expect(report.summary.suppressed).toBe(1);
  });

  it('without a reason, suppress and are reported as suppression-without-reason; --report-unused-disables reports those that suppress nothing', () => {
    const folder = workspace(undefined, {
      ...PLAN,
      'calendar.yaml': PLAN['calendar.yaml'].replace(' -- the store opens at 7 for this sale', '').replace('  - {id: first,', '  # cxlint-disable-next-line frequency-cap -- not needed\n  - {id: first,'),
    });
    const report = json(cxlint(['check', '-f', 'json', '--report-unused-disables'], { cwd: folder }));
    expect(report.findings.map((finding) => `${finding.rule}:${finding.line}`)).toEqual(['unused-suppression:2', 'suppression-without-reason:4', 'duplicate-message:6', 'quiet-hours:7']);
  });

  it('naming an unknown rule is an unknown-reference error with a did-you-mean', () => {
    const folder = workspace(undefined, { ...PLAN, 'calendar.yaml': PLAN['calendar.yaml'].replace('disable-next-line quiet-hours', 'disable-next-line quiet-hour') });
    const run = cxlint(['check', '--no-color'], { cwd: folder });
    expect(run.stdout).toMatch(/3:3 +error +cxlint-disable-next-line names an unknown rule "quiet-hour" \(did you mean quiet-hours\?\) +unknown-reference/);
  });
});

describe('the suppressions file', () => {
  it('--suppress-all records every finding next to the config, sorted, and later runs pass', () => {
    const folder = workspace(undefined, PLAN);
    const first = cxlint(['check', '--suppress-all', '-f', 'json'], { cwd: folder });
    expect(first.status).toBe(0);
    expect(json(first).summary).toMatchObject({ errors: 0, warnings: 0, suppressed: 3 });
    const file = recorded(folder);
    expect(file.version).toBe(1);
    expect(file.suppressions.map((entry) => `${entry.file} ${entry.rule}`)).toEqual(['calendar.yaml duplicate-message', 'calendar.yaml quiet-hours']);
    const again = cxlint(['check'], { cwd: folder });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('3 suppressed');
  });

  it('matches by fingerprint, so unrelated lines added above change nothing; run from another folder with -c, the same', () => {
    const folder = workspace(undefined, PLAN);
    cxlint(['check', '--suppress-all'], { cwd: folder });
    fs.writeFileSync(path.join(folder, 'calendar.yaml'), PLAN['calendar.yaml'].replace('calendar:\n', 'calendar:\n  - {id: other, date: 2026-09-01T10:00, segment: members, template: news}\n'));
    expect(cxlint(['check'], { cwd: folder }).status).toBe(0);
    expect(cxlint(['check', folder, '-c', path.join(folder, 'cxlint.config.yaml')], { cwd: path.dirname(folder) }).status).toBe(0);
  });

  it('--suppress-rule records one rule only', () => {
    const folder = workspace(undefined, PLAN);
    const run = cxlint(['check', '--suppress-rule', 'quiet-hours', '-f', 'json'], { cwd: folder });
    expect(json(run).findings.map((finding) => finding.rule)).toEqual(['duplicate-message']);
    expect(recorded(folder).suppressions.map((entry) => entry.rule)).toEqual(['quiet-hours']);
  });

  it('an entry that no longer occurs fails the run (exit 2) until --prune-suppressions drops it', () => {
    const folder = workspace(undefined, PLAN);
    cxlint(['check', '--suppress-all'], { cwd: folder });
    // The night SMS moves to the evening: its finding is gone.
    fs.writeFileSync(path.join(folder, 'calendar.yaml'), PLAN['calendar.yaml'].replace('2026-06-09T23:00', '2026-06-09T18:00'));
    const stale = cxlint(['check'], { cwd: folder });
    expect(stale.status).toBe(2);
    expect(stale.stderr).toMatch(/cxlint-suppressions\.json has 1 suppression that no longer occurs: .*--prune-suppressions/);
    expect(cxlint(['check', '--pass-on-unpruned-suppressions'], { cwd: folder }).status).toBe(0);
    expect(cxlint(['check', '--prune-suppressions'], { cwd: folder }).status).toBe(0);
    expect(recorded(folder).suppressions.map((entry) => entry.rule)).toEqual(['duplicate-message']);
    expect(cxlint(['check'], { cwd: folder }).status).toBe(0);
  });

  it('--suppress-all records the new findings even beside an entry that no longer occurs, then fails on that entry', () => {
    const folder = workspace(undefined, PLAN);
    cxlint(['check', '--suppress-rule', 'quiet-hours'], { cwd: folder });
    // The night SMS moves to the evening (its entry no longer occurs); the repeat of news is not recorded yet.
    fs.writeFileSync(path.join(folder, 'calendar.yaml'), PLAN['calendar.yaml'].replace('2026-06-09T23:00', '2026-06-09T18:00'));
    const run = cxlint(['check', '--suppress-all'], { cwd: folder });
    expect([run.status, run.stderr]).toEqual([2, 'cxlint: cxlint-suppressions.json has 1 suppression that no longer occurs: run again with --prune-suppressions to drop it (or --pass-on-unpruned-suppressions)\n']);
    expect(recorded(folder).suppressions.map((entry) => entry.rule)).toEqual(['duplicate-message', 'quiet-hours']);
  });

  it('a run over part of the horizon (--from, --to) does not see every finding: its unmatched entries are no error, and it prunes nothing', () => {
    const folder = workspace(undefined, PLAN);
    cxlint(['check', '--suppress-all'], { cwd: folder });
    const before = fs.readFileSync(path.join(folder, 'cxlint-suppressions.json'), 'utf8');
    // From 5 June on, the repeat of 3 June is not made: its entry matches nothing in this run.
    expect(cxlint(['check', '--from', '2026-06-05'], { cwd: folder }).status).toBe(0);
    const prune = cxlint(['check', '--from', '2026-06-05', '--prune-suppressions'], { cwd: folder });
    expect([prune.status, prune.stderr]).toEqual([2, 'cxlint: --prune-suppressions drops the entries that no finding matches, so it checks the whole plan: run it without --from and --to\n']);
    expect(fs.readFileSync(path.join(folder, 'cxlint-suppressions.json'), 'utf8')).toBe(before);
    expect(cxlint(['check'], { cwd: folder }).status).toBe(0);
  });

  it('is never a plan file, a report target or the config: -o onto it, or --suppressions naming an input, is refused', () => {
    const folder = workspace(undefined, PLAN);
    cxlint(['check', '--suppress-all'], { cwd: folder });
    const before = fs.readFileSync(path.join(folder, 'cxlint-suppressions.json'), 'utf8');
    const clash = cxlint(['check', '-f', 'json', '-o', 'cxlint-suppressions.json'], { cwd: folder });
    expect([clash.status, clash.stderr]).toEqual([2, 'cxlint: Refusing to write the report to cxlint-suppressions.json: it is the suppressions file\n']);
    expect(fs.readFileSync(path.join(folder, 'cxlint-suppressions.json'), 'utf8')).toBe(before);
    const input = cxlint(['check', '--suppress-all', '--suppressions', 'plan.yaml'], { cwd: folder });
    expect([input.status, input.stderr]).toEqual([2, 'cxlint: --suppressions may not name plan.yaml: cxlint reads that file in this run (a plan file or the config)\n']);
    expect(fs.readFileSync(path.join(folder, 'plan.yaml'), 'utf8')).toBe(PLAN['plan.yaml']);
  });

  it('that is not one is a usage error, not a guess', () => {
    const folder = workspace(undefined, { ...PLAN, 'cxlint-suppressions.json': '{"version": 2}' });
    const run = cxlint(['check'], { cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cxlint-suppressions\.json is not a cxlint suppressions file/);
  });
});
