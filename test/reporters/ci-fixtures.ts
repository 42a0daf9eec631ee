// Reports built in memory for the CI-format tests (github, gitlab, markdown), with hostile plan text.
import fs from 'node:fs';
import path from 'node:path';
import type { Finding, Severity } from '../../src/findings/finding.js';
import type { Suppressed } from '../../src/findings/suppress.js';
import type { Report } from '../../src/reporters/types.js';
import { REPO, workspace } from '../cli/run.js';

/** Text that a CI runner, a terminal or a Markdown renderer would obey if it reached them raw. */
export const HOSTILE = [
  'line one\nline two\r\n::error file=x.yaml,line=1::injected',
  '::warning::starts a command',
  '   ::notice::after spaces',
  'a ##[error]log command ##[group]x',
  '100% off, 50%25 too: %0A%0D%3A%2C',
  'red \u001b[31malert\u001b[0m bell\u0007 nul\u0000 c1\u0085\u009b31m',
  'right-to-left \u202e gnp.exe \u2066isolate\u2069',
  'separators\u2028line\u2029para',
  '<script>alert(1)</script>',
  '[x](javascript:alert(1)) ![i](http://e/x.png) <https://evil.example> www.evil.example https://evil.example',
  '<img src=x onerror=alert(1)>',
  '| a | b |\n| --- | --- |',
  '# heading',
  '--- and === and ***',
  '`code` and ``more`` and ```fence',
  '*em* _em_ **strong** ~~strike~~ $x^2$ &amp; &#60; \\[ [^1] > quote @someone #123',
  'tab\there',
];

export function finding(overrides: Partial<Finding> & { severity?: Severity } = {}): Finding {
  return {
    rule: 'duplicate-message',
    severity: 'error',
    category: 'repeated',
    message: 'welcome-email (welcome, email) is sent twice',
    location: { file: 'calendar.yaml', line: 6, column: 5, endLine: 6, endColumn: 31 },
    segments: ['lessees'],
    related: [{ file: 'calendar.yaml', line: 2, column: 5, message: 'the earlier send' }],
    ids: ['a', 'b'],
    fingerprint: 'f00d',
    ...overrides,
  };
}

/** A finding whose every piece of plan text is `text`. */
export function hostileFinding(text: string, index = 0, severity: Severity = 'warning'): Finding {
  return finding({
    severity,
    message: text,
    location: { file: `plans/${text}.yaml`, line: index + 1, column: 2, endLine: index + 2, endColumn: 9 },
    segments: [text, 'b'],
    related: [{ file: text, line: 3, column: 4, message: text }],
    fingerprint: `fp${index}`,
  });
}

export function report(findings: Finding[], suppressed: Suppressed[] = []): Report {
  const count = (severity: Severity): number => findings.filter((f) => f.severity === severity).length;
  return {
    version: '0.0.0',
    root: '/work',
    findings,
    suppressed,
    summary: { errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed: suppressed.length, files: 3, segments: 2, sends: 5 },
  };
}

/** A temporary copy of examples/lease-end (4 errors: see its expected.txt), for the CLI tests. */
export function leaseEnd(): string {
  const root = workspace();
  fs.cpSync(path.join(REPO, 'examples', 'lease-end'), root, { recursive: true });
  return root;
}
