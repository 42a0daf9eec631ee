import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import type { Finding, RelativeTime, Severity } from '../../src/findings/finding.js';
import { sharedPlaces } from '../one-finding.js';

/** A finding as a rule test states it: every field a user sees, `at`/`after` included (absent means absent). */
export interface Expected {
  file?: string;
  line: number;
  column: number;
  severity?: Severity;
  message: string;
  segments?: readonly string[];
  at?: string;
  after?: RelativeTime;
}

export interface Case {
  name: string;
  /** Plan files by name; a `cxlint.config.yaml` among them is the config. */
  files: Record<string, string>;
  horizon?: { from?: string; to?: string };
}

export interface InvalidCase extends Case {
  findings: Expected[];
}

/**
 * Lints in memory; a plan with input problems makes a rule's test meaningless, so it fails the test, and so does one
 * problem reported twice by any rule (SPEC 5).
 */
export function run(rule: string, { files, horizon }: Case): Finding[] {
  const { 'cxlint.config.yaml': config, ...plan } = files;
  const findings = lintTexts(plan, { config, horizon }).findings;
  const input = findings.filter((finding) => finding.category === 'input');
  if (input.length > 0) throw new Error(`the test plan has input problems:\n${input.map((f) => `${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`).join('\n')}`);
  const twice = sharedPlaces(findings);
  if (twice.length > 0) throw new Error(`one problem, several findings:\n${twice.join('\n')}`);
  return findings.filter((finding) => finding.rule === rule);
}

const asExpected = (finding: Finding): Expected => ({
  file: finding.location.file,
  line: finding.location.line,
  column: finding.location.column,
  severity: finding.severity,
  message: finding.message,
  segments: finding.segments,
  at: finding.at,
  after: finding.after,
});

/** Every YAML file moved down a line (a comment above it): what a fingerprint must not notice. */
function movedDown(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, /\.ya?ml$/.test(name) ? `# an unrelated line\n${text}` : text]));
}

/**
 * ESLint's RuleTester for cxlint: each invalid case must give exactly the findings listed (file, line, column,
 * severity, message, segments, at, after), and keep every fingerprint when the files move down a line; each valid
 * case must give none.
 */
export function ruleTester(rule: string, cases: { valid: Case[]; invalid: InvalidCase[] }, defaults: { file: string; severity: Severity }): void {
  describe(`${rule} (RuleTester)`, () => {
    for (const valid of cases.valid) {
      it(`valid: ${valid.name}`, () => expect(run(rule, valid)).toEqual([]));
    }
    for (const invalid of cases.invalid) {
      it(`invalid: ${invalid.name}`, () => {
        const found = run(rule, invalid);
        const expected = invalid.findings.map((finding) => ({ file: defaults.file, severity: defaults.severity, segments: [], at: undefined, after: undefined, ...finding }));
        expect(found.map(asExpected)).toEqual(expected);
        const moved = run(rule, { ...invalid, files: movedDown(invalid.files) });
        expect(moved.map((finding) => finding.fingerprint), 'fingerprints after every file moved down a line').toEqual(found.map((finding) => finding.fingerprint));
      });
    }
  });
}
