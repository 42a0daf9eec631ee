import { Ajv } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitlab } from '../../src/reporters/gitlab.js';
import { safeJson, safeText } from '../../src/reporters/sanitize.js';
import { cleanWorkspaces, cxlint } from '../cli/run.js';
import { HOSTILE, finding, hostileFinding, leaseEnd, report } from './ci-fixtures.js';

afterAll(cleanWorkspaces);

// GitLab's Code Quality report format (docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format), as a schema:
// an array of issues with description, check_name, fingerprint, severity, location.path and location.lines.begin.
const CODE_QUALITY = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    additionalProperties: false,
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        additionalProperties: false,
        properties: {
          path: { type: 'string', minLength: 1 },
          lines: { type: 'object', required: ['begin'], additionalProperties: false, properties: { begin: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};
const validate = new Ajv({ allErrors: true, strict: true }).compile(CODE_QUALITY);

const text = (findings: Parameters<typeof report>[0], suppressed: Parameters<typeof report>[1] = []): string => [...gitlab(report(findings, suppressed), { color: false })].join('');

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

function parse(json: string): Issue[] {
  const issues = JSON.parse(json) as Issue[];
  expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
  return issues;
}

describe('gitlab: the Code Quality report', () => {
  it('an issue per finding with exactly the fields GitLab reads', () => {
    const issues = parse(text([finding(), finding({ severity: 'warning', rule: 'quiet-hours', fingerprint: 'beef', location: { file: 'plans/a.csv', line: 12, column: 3, endLine: 12, endColumn: 9 }, segments: [] })]));
    expect(issues).toEqual([
      {
        description: 'welcome-email (welcome, email) is sent twice (segments: lessees)',
        check_name: 'duplicate-message',
        fingerprint: 'f00d',
        severity: 'major',
        location: { path: 'calendar.yaml', lines: { begin: 6 } },
      },
      { description: 'welcome-email (welcome, email) is sent twice', check_name: 'quiet-hours', fingerprint: 'beef', severity: 'minor', location: { path: 'plans/a.csv', lines: { begin: 12 } } },
    ]);
  });

  it('severities: error → major, warning → minor, info → info', () => {
    const issues = parse(text((['error', 'warning', 'info'] as const).map((severity, index) => finding({ severity, fingerprint: `f${index}` }))));
    expect(issues.map((issue) => issue.severity)).toEqual(['major', 'minor', 'info']);
  });

  it('indented as JSON.stringify(…, null, 2), in pieces; no findings is []', () => {
    const json = text(HOSTILE.map((t, index) => hostileFinding(t, index)));
    expect(json).toBe(`${safeJson(JSON.stringify(JSON.parse(json), null, 2))}\n`);
    expect(text([])).toBe('[]\n');
    expect(parse(text([]))).toEqual([]);
  });

  it('suppressed findings are left out', () => {
    const hidden = finding({ message: 'accepted', fingerprint: 'hidden' });
    const issues = parse(text([finding()], [{ finding: hidden, kind: 'external' }, { finding: hidden, kind: 'inSource', justification: 'ok' }]));
    expect(issues.map((issue) => issue.fingerprint)).toEqual(['f00d']);
  });
});

describe('gitlab: hostile plan text', () => {
  const findings = HOSTILE.map((t, index) => hostileFinding(t, index));
  const json = text(findings);

  it('the JSON text holds no control, bidi or line-separator character, and no ##[ for a CI log that shows it', () => {
    // eslint-disable-next-line no-control-regex
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    expect(json).not.toContain('##[');
  });

  it('descriptions are one line of visible text; paths stay the file’s own (GitLab links them), escaped only as JSON', () => {
    const issues = parse(json);
    for (const [index, issue] of issues.entries()) {
      const f = findings[index]!;
      expect(issue.description).toBe(safeText(`${f.message} (segments: ${f.segments.join(', ')})`));
      expect(issue.description).not.toMatch(/[\n\r\u001b\u202e]/);
      expect(issue.location.path).toBe(f.location.file);
    }
    expect(issues.find((issue) => issue.description.includes('right-to-left'))!.description).toContain('<U+202E>');
  });
});

describe('gitlab: cxlint check -f gitlab:FILE on examples/lease-end', () => {
  it('writes a valid report of the example’s four errors, with the JSON report’s fingerprints', () => {
    const root = leaseEnd();
    const run = cxlint(['check', '-f', 'gitlab:gl-code-quality-report.json', '-f', 'json:cxlint.json'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const issues = parse(fs.readFileSync(path.join(root, 'gl-code-quality-report.json'), 'utf8'));
    const json = JSON.parse(fs.readFileSync(path.join(root, 'cxlint.json'), 'utf8')) as { findings: Array<{ rule: string; file: string; line: number; fingerprint: string }> };
    expect(issues.map((issue) => [issue.check_name, issue.location.path, issue.location.lines.begin, issue.fingerprint, issue.severity])).toEqual(
      json.findings.map((f) => [f.rule, f.file, f.line, f.fingerprint, 'major']),
    );
    expect(issues.map((issue) => issue.check_name)).toEqual(['state-conflict', 'state-conflict', 'conflicting-facts', 'unanswered-reply']);
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(4);
  });
});
