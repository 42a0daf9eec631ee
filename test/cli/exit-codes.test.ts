import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO, cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

/** A usage error: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function expectUsageError(run: ReturnType<typeof cxlint>, text: string | RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(text);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('exit codes', () => {
  it('0 on a clean plan (check is the default command)', () => {
    const run = cxlint([], { cwd: workspace('clean') });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no problems');
    expect(run.stdout).toContain('1 file, 1 segment, 1 send');
    expect(run.stderr).toBe('');
  });

  it('1 with an unknown-reference error', () => {
    const run = cxlint(['check'], { cwd: workspace('unknown-reference') });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('plans/q3/plan.yaml');
    expect(run.stdout).toMatch(/13:15 +error +unknown template "welcom-email"; did you mean "welcome-email"\? +unknown-reference/);
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('2 for a path that does not exist: one line, no stack trace', () => {
    const run = cxlint(['check', 'plans/missing'], { cwd: workspace('clean') });
    expectUsageError(run, /^cxlint: No such file or folder: plans\/missing\n$/);
  });

  it('2, quickly, for a named pipe given on the command line (only regular files are read)', () => {
    const root = workspace('clean');
    execFileSync('mkfifo', [path.join(root, 'plan.pipe')]);
    expectUsageError(cxlint(['check', 'plan.pipe'], { cwd: root }), /^cxlint: Not a regular file or a folder: plan\.pipe\n$/);
  });

  it('2 when there is no input file, with a hint', () => {
    const run = cxlint(['check'], { cwd: workspace(undefined, { 'README.md': '# nothing to lint\n' }) });
    expectUsageError(run, /^cxlint: No input files found in \..*Point cxlint at a folder of plan files, or set "include"/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('2 for an unknown option, with a suggestion', () => {
    const run = cxlint(['check', '--max-warning', '3'], { cwd: workspace('clean') });
    expectUsageError(run, /unknown option '--max-warning'/);
    expect(run.stderr).toContain('--max-warnings');
  });

  it('2 for an unknown format, with a did-you-mean', () => {
    const run = cxlint(['check', '-f', 'jsn'], { cwd: workspace('clean') });
    expectUsageError(run, /^cxlint: Unknown format "jsn"; did you mean "json"\? \(formats: stylish, text, json, sarif, junit, github, gitlab, markdown, html\)\n$/);
  });

  it('2 for a bad config file found by walking up, with its position', () => {
    const root = workspace('clean', { 'cxlint.config.yaml': 'timezone: Europe/Paris\nrules:\n  unknown-reference: eror\n', 'sub/.keep': '' });
    const run = cxlint(['check', '..'], { cwd: path.join(root, 'sub') });
    expectUsageError(run, /^cxlint: Bad config:\n\.\.\/cxlint\.config\.yaml:3:22: "unknown-reference"/);
  });

  it('2 for --config naming a file that does not exist; --no-config ignores a bad config', () => {
    const root = workspace('clean', { 'cxlint.config.yaml': 'extends: cxlint:nope\n' });
    expectUsageError(cxlint(['check', '--config', 'missing.yaml'], { cwd: root }), /^cxlint: No such config file: missing\.yaml\n$/);
    expectUsageError(cxlint(['check'], { cwd: root }), /unknown preset "cxlint:nope"/);
    const run = cxlint(['check', '--no-config'], { cwd: root });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no problems');
  });

  it('2 when --max-warnings is not a whole number', () => {
    expectUsageError(cxlint(['check', '--max-warnings', 'lots'], { cwd: workspace('clean') }), /^cxlint: --max-warnings takes a whole number, not "lots"\n$/);
  });

  it('2 for --rule with an unknown rule id, with a did-you-mean', () => {
    const run = cxlint(['check', '--rule', 'duplicate-ids:error'], { cwd: workspace('clean') });
    expectUsageError(run, /^cxlint: --rule: unknown rule "duplicate-ids"; did you mean "duplicate-id"\?/);
  });

  it('--rule wins over the config and its overrides, as in ESLint', () => {
    const files = {
      'plan.yaml': 'segments: [{id: s}]\ntemplates: [{id: t, channel: email, intent: promotion, campaign: big, status: draft}]\ncalendar:\n  - {date: 2026-03-02T10:00, segment: s, template: t}\n',
      'cxlint.config.yaml': 'rules: {unapproved-template: warning}\noverrides:\n  - {campaigns: [big], rules: {unapproved-template: error}}\n',
    };
    expect(cxlint(['check'], { cwd: workspace(undefined, files) }).stdout).toMatch(/error +t is sent but its status is draft/);
    const run = cxlint(['check', '--rule', 'unapproved-template:off'], { cwd: workspace(undefined, files) });
    expect([run.status, run.stdout]).toEqual([0, expect.stringContaining('no problems')]);
  });

  it('2 for --rule turning an input rule off', () => {
    expectUsageError(cxlint(['check', '--rule', 'unknown-reference:off'], { cwd: workspace('unknown-reference') }), /cannot be turned down/);
  });
});

describe('the config vocabulary reaches the plan', () => {
  it('a channel the config adds is known; without the config it is an unknown reference', () => {
    const root = workspace('clean', {
      'cxlint.config.yaml': 'channels: {tmall: {owned: false}}\n',
      'tmall.yaml': 'templates:\n  - id: tmall-launch\n    channel: tmall\n    intent: announcement\n    content:\n      zh-CN: {body: hi}\n',
    });
    const run = cxlint(['check'], { cwd: root });
    expect(run.stdout).toContain('no problems (2 files,');
    expect(run.status).toBe(0);
    const bare = cxlint(['check', '--no-config'], { cwd: root });
    expect(bare.status).toBe(1);
    expect(bare.stdout).toMatch(/3:14 +error +unknown channel "tmall"/);
  });
});

describe('warnings and --max-warnings', () => {
  // Naming a non-plan YAML file on the command line gives one invalid-input warning.
  const root = workspace('warning');

  it('a warning alone exits 0', () => {
    const run = cxlint(['check', '.', 'settings.yaml'], { cwd: root });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/2:1 +warning +not a cxlint plan file/);
    expect(run.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');
  });

  it('--max-warnings 0 with one warning exits 1, --max-warnings 1 exits 0', () => {
    expect(cxlint(['check', 'settings.yaml', '--max-warnings', '0'], { cwd: root }).status).toBe(1);
    expect(cxlint(['check', 'settings.yaml', '--max-warnings', '1'], { cwd: root }).status).toBe(0);
  });

  it('--quiet hides warnings and keeps errors', () => {
    const both = workspace('warning', { 'broken.yaml': 'calendar:\n  - date: 2026-05-01\n    segment: nobody\n    template: welcome-email\n' });
    const run = cxlint(['check', '.', 'settings.yaml', '--quiet'], { cwd: both });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('warning  ');
    expect(run.stdout).not.toContain('not a cxlint plan file');
    expect(run.stdout).toContain('unknown segment "nobody"');
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(cxlint(['check', '.', 'settings.yaml'], { cwd: both }).stdout).toContain('not a cxlint plan file');
  });
});

describe('--version and --help', () => {
  it('--version prints the version of package.json and exits 0', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const run = cxlint([flag], { cwd: REPO });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });

  it('--help exits 0 and lists the check options', () => {
    const run = cxlint(['check', '--help'], { cwd: REPO });
    expect(run.status).toBe(0);
    for (const option of ['--format', '--output', '--max-warnings', '--quiet', '--rule', '--config', '--no-config', '--no-color', '--debug']) {
      expect(run.stdout).toContain(option);
    }
    const top = cxlint(['--help'], { cwd: REPO });
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('check');
  });
});

describe('the lease-end example', () => {
  /** What the summary must count, read straight from the example's YAML (another helper extends the example). */
  function expectedSummary(dir: string): Record<string, number> {
    let files = 0;
    let segments = 0;
    let sends = 0;
    for (const name of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const doc = (parse(fs.readFileSync(path.join(dir, name), 'utf8')) ?? {}) as Record<string, Array<Record<string, unknown>> | undefined>;
      if (!['segments', 'templates', 'journeys', 'calendar'].some((key) => key in doc)) continue;
      files += 1;
      segments += doc.segments?.length ?? 0;
      sends += doc.calendar?.length ?? 0;
      for (const journey of doc.journeys ?? []) sends += (journey.steps as Array<Record<string, unknown>>).filter((step) => 'send' in step).length;
    }
    return { files, segments, sends };
  }

  it('reports the problems of its story from the repository root (exit 1), with the expected summary', () => {
    const run = cxlint(['check', 'examples/lease-end', '-f', 'json'], { cwd: REPO });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { summary: Record<string, number>; findings: Array<{ category: string; severity: string }> };
    // Which findings exactly is asserted by test/examples.test.ts against the example's README.
    expect(report.findings.filter((finding) => finding.category === 'input')).toEqual([]);
    expect(report.summary.errors).toBe(report.findings.filter((finding) => finding.severity === 'error').length);
    expect(report.summary.errors).toBeGreaterThan(0);
    const expected = expectedSummary(path.join(REPO, 'examples', 'lease-end'));
    expect(expected.files).toBeGreaterThanOrEqual(4);
    expect(expected.segments).toBeGreaterThanOrEqual(2);
    expect({ files: report.summary.files, segments: report.summary.segments, sends: report.summary.sends }).toEqual(expected);
  });
});
