import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

const FINDING_KEYS = ['rule', 'severity', 'category', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'segments', 'related', 'fingerprint'];

interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  fingerprint: string;
  [key: string]: unknown;
}
interface JsonReport {
  tool: Record<string, unknown>;
  summary: Record<string, number>;
  findings: JsonFinding[];
}

/** Every file under `root` with its bytes and modification time. */
function snapshot(root: string): Map<string, { bytes: string; mtime: number }> {
  const files = new Map<string, { bytes: string; mtime: number }>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, file), { bytes: fs.readFileSync(file).toString('base64'), mtime: fs.statSync(file).mtimeMs });
  }
  return files;
}

describe('json output', () => {
  it('has exactly the SPEC 9 shape, with file relative to the working folder and / separators', () => {
    const root = workspace('unknown-reference');
    const run = cxlint(['check', '-f', 'json'], { cwd: root });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(Object.keys(report).sort()).toEqual(['findings', 'summary', 'tool']);
    expect(report.tool).toEqual({ name: 'cxlint', version: '0.1.0' });
    // Its one send names an unknown template: reported once, and checked by no rule (sends counts the sends checked).
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 0, suppressed: 0, files: 1, segments: 1, sends: 0 });
    expect(report.findings).toHaveLength(1);
    const finding = report.findings[0]!;
    expect(Object.keys(finding).sort()).toEqual([...FINDING_KEYS].sort());
    expect(finding).toMatchObject({
      rule: 'unknown-reference',
      severity: 'error',
      category: 'input',
      message: 'unknown template "welcom-email"; did you mean "welcome-email"?',
      file: 'plans/q3/plan.yaml',
      line: 13,
      column: 15,
      endLine: 13,
      endColumn: 27,
      segments: [],
      related: [],
    });
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{16,}$/);

    // From a sub-folder, the path is relative to where cxlint runs.
    const nested = JSON.parse(cxlint(['check', 'q3', '-f', 'json'], { cwd: path.join(root, 'plans') }).stdout) as JsonReport;
    expect(nested.findings[0]?.file).toBe('q3/plan.yaml');
  });

  it('related locations have file, line, column and message', () => {
    const report = JSON.parse(cxlint(['check', '-f', 'json'], { cwd: workspace('order') }).stdout) as JsonReport;
    const duplicate = report.findings.find((f) => f.rule === 'duplicate-id');
    expect(duplicate?.related).toEqual([{ file: 'a.yaml', line: 2, column: 9, message: 'first segment "members"' }]);
    for (const finding of report.findings) {
      const keys = Object.keys(finding).filter((key) => key !== 'at');
      expect(keys.sort()).toEqual([...FINDING_KEYS].sort());
    }
  });
});

describe('output files', () => {
  it('-f json:FILE -f stylish writes the file atomically, prints stylish, and leaves the inputs untouched', async () => {
    const root = workspace('unknown-reference', { 'reports/.keep': '' });
    const before = snapshot(root);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const run = cxlint(['check', 'plans', '-f', 'json:reports/cxlint.json', '-f', 'stylish'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('unknown template "welcom-email"');
    expect(run.stdout).toContain('✖ 1 problem');
    const written = JSON.parse(fs.readFileSync(path.join(root, 'reports', 'cxlint.json'), 'utf8')) as JsonReport;
    expect(written.findings.map((f) => f.rule)).toEqual(['unknown-reference']);
    // nothing else appeared (no temporary file left behind), and every input is byte-for-byte the same, not even touched
    const after = snapshot(root);
    expect([...after.keys()].sort()).toEqual([...before.keys(), path.join('reports', 'cxlint.json')].sort());
    for (const [file, state] of before) expect(after.get(file), file).toEqual(state);
  });

  it('-o FILE writes the one format there and prints nothing; it replaces an older report by a rename', () => {
    // A report of an earlier run: the one kind of file found in the folder that a report may replace.
    const root = workspace('unknown-reference', { 'out.json': '{"tool": {"name": "cxlint"}}\n' });
    // A hard link to the old report: a write in place would change it too, a new file renamed over out.json does not.
    fs.linkSync(path.join(root, 'out.json'), path.join(root, 'old.json'));
    const run = cxlint(['check', '-f', 'json', '-o', 'out.json'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const report = JSON.parse(fs.readFileSync(path.join(root, 'out.json'), 'utf8')) as JsonReport;
    expect(report.summary.errors).toBe(1);
    expect(fs.readFileSync(path.join(root, 'old.json'), 'utf8')).toBe('{"tool": {"name": "cxlint"}}\n');
    expect(fs.readdirSync(root).sort()).toEqual(['old.json', 'out.json', 'plans']);
  });

  it('the documented CI command runs twice: its GitLab report of the first run, found in the folder, is replaced by the second', () => {
    const root = workspace('unknown-reference');
    const args = ['check', '-f', 'stylish', '-f', 'gitlab:gl-code-quality.json', '-f', 'json:cxlint.json'];
    const first = cxlint(args, { cwd: root });
    const second = cxlint(args, { cwd: root });
    expect([first.status, second.status, second.stderr]).toEqual([1, 1, '']);
    expect((JSON.parse(fs.readFileSync(path.join(root, 'gl-code-quality.json'), 'utf8')) as unknown[]).length).toBe(1);
    // A clean run's report is `[]`: this run's gitlab report replaces it, and no other report does (it could be another
    // tool's empty list); a JSON list that is not cxlint's Code Quality report is not replaced either.
    fs.writeFileSync(path.join(root, 'gl-code-quality.json'), '[]\n');
    const other = cxlint(['check', '-f', 'json:gl-code-quality.json'], { cwd: root });
    expect([other.status, other.stderr]).toEqual([2, 'cxlint: Refusing to write the report to gl-code-quality.json: cxlint reads that file in this run\n']);
    expect(cxlint(args, { cwd: root }).status).toBe(1);
    fs.writeFileSync(path.join(root, 'gl-code-quality.json'), '[{"description": "mine"}]\n');
    const refused = cxlint(args, { cwd: root });
    expect([refused.status, refused.stderr]).toEqual([2, 'cxlint: Refusing to write the report to gl-code-quality.json: cxlint reads that file in this run\n']);
  });

  it('two formats both to standard output is a usage error, and nothing is written', () => {
    const root = workspace('clean');
    const run = cxlint(['check', '-f', 'json', '-f', 'stylish'], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cxlint: Only one format can go to standard output/);
  });

  it('an output file in a folder that does not exist is written there, the folders created', () => {
    const root = workspace('clean');
    const run = cxlint(['check', '-o', 'no/such/folder/report.txt'], { cwd: root });
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'no/such/folder/report.txt'), 'utf8')).toContain('no problems');
  });

  it('an output file below a plan file (not a folder) is a usage error, and nothing is created', () => {
    const root = workspace('clean');
    const run = cxlint(['check', '-o', 'plan.yaml/sub/report.txt'], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cxlint: Cannot write the report to plan\.yaml\/sub\/report\.txt: .*plan\.yaml is not a folder\n$/);
    expect(fs.readdirSync(root)).toEqual(['plan.yaml']);
  });
});

describe('determinism and fingerprints', () => {
  it('findings come in the same order on every run: by file, line, column, rule', () => {
    const root = workspace('order');
    const first = cxlint(['check', '-f', 'json'], { cwd: root });
    const second = cxlint(['check', '-f', 'json'], { cwd: root });
    expect(first.status).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    const findings = (JSON.parse(first.stdout) as JsonReport).findings;
    expect(findings.length).toBeGreaterThanOrEqual(6);
    const keys = findings.map((f) => [f.file, f.line, f.column as number, f.rule] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0)));
    expect(keys).toEqual(sorted);
    expect(new Set(findings.map((f) => f.file))).toEqual(new Set(['a.yaml', 'b.yaml']));
  });

  it('a fingerprint does not change when unrelated lines are inserted above the finding', () => {
    const root = workspace('unknown-reference');
    const file = path.join(root, 'plans', 'q3', 'plan.yaml');
    const before = (JSON.parse(cxlint(['check', '-f', 'json'], { cwd: root }).stdout) as JsonReport).findings;
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `# moved down by a comment\n\n${text.replace('segments:\n', 'segments:\n  - id: newcomers\n    name: Added later\n')}`);
    const after = (JSON.parse(cxlint(['check', '-f', 'json'], { cwd: root }).stdout) as JsonReport).findings;
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]!.line).toBe(before[0]!.line + 4);
    expect(after[0]!.fingerprint).toBe(before[0]!.fingerprint);
  });

  it('without a config, a fingerprint is the same run from the repository root or from a folder in it', () => {
    const root = workspace('unknown-reference');
    fs.mkdirSync(path.join(root, '.git'));
    const fromRoot = (JSON.parse(cxlint(['check', '-f', 'json', 'plans'], { cwd: root }).stdout) as JsonReport).findings;
    const fromInside = (JSON.parse(cxlint(['check', '-f', 'json', 'q3'], { cwd: path.join(root, 'plans') }).stdout) as JsonReport).findings;
    expect(fromInside.map((finding) => finding.file)).toEqual(['q3/plan.yaml']);
    expect(fromInside.map((finding) => finding.fingerprint)).toEqual(fromRoot.map((finding) => finding.fingerprint));
  });
});

describe('--debug', () => {
  it('lists the non-plan files it skipped on stderr; without --debug they are skipped silently', () => {
    const root = workspace('debug-skip');
    const quiet = cxlint(['check'], { cwd: root });
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('no problems (1 file,');
    const run = cxlint(['check', '--debug'], { cwd: root });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^cxlint: skipped package\.json: /m);
    expect(run.stderr).not.toContain('plan.yaml');
    expect(run.stdout).toBe(quiet.stdout);
  });
});
