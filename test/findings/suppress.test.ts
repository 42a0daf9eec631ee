import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { suppressInline } from '../../src/findings/suppress.js';
import type { Directive } from '../../src/loaders/directives.js';

const finding = (line: number, rule = 'frequency-cap', file = 'plan.yaml'): Finding => ({
  rule,
  severity: 'error',
  category: 'repeated',
  message: `at ${line}`,
  location: { file, line, column: 3, endLine: line, endColumn: 9 },
  segments: [],
  related: [],
  ids: [String(line)],
  fingerprint: String(line),
});

const directive = (firstLine: number, lastLine: number, rules = ['frequency-cap'], file = 'plan.yaml'): Directive => ({
  kind: 'disable-next-line',
  rules,
  reason: 'agreed',
  location: { file, line: firstLine - 1, column: 3, endLine: firstLine - 1, endColumn: 40 },
  firstLine,
  lastLine,
});

describe('suppressInline', () => {
  it('suppresses what a comment covers, in its file and for its rules only, whatever the order of comments and findings', () => {
    const outer = directive(2, 10);
    const inner = directive(4, 4);
    const later = directive(20, 20);
    const other = directive(30, 30, ['quiet-hours']);
    const findings = [finding(20), finding(4), finding(12), finding(15), finding(30), finding(4, 'frequency-cap', 'other.yaml')];
    const { kept, suppressed, unused } = suppressInline(findings, [later, inner, outer, other]);
    expect(kept.map((f) => `${f.location.file}:${f.location.line}`)).toEqual(['plan.yaml:12', 'plan.yaml:15', 'plan.yaml:30', 'other.yaml:4']);
    expect(suppressed.map((s) => `${s.finding.location.line} ${s.kind} ${s.justification}`)).toEqual(['20 inSource agreed', '4 inSource agreed']);
    // The comment that reaches furthest takes the finding: the inner one, inside it, suppressed nothing of its own.
    expect(unused.map((problem) => `${problem.location.line} ${problem.message}`)).toEqual([
      '3 cxlint-disable-next-line frequency-cap suppresses nothing: remove it, or the rule name from it',
      '29 cxlint-disable-next-line quiet-hours suppresses nothing: remove it, or the rule name from it',
    ]);
  });

  it('never suppresses input findings', () => {
    const input: Finding = { ...finding(2, 'invalid-input'), category: 'input' };
    expect(suppressInline([input], [directive(2, 2, ['invalid-input'])]).kept).toEqual([input]);
  });
});
