// JUnit XML (SPEC 9 `junit`) for the test-report views of GitLab, Jenkins and Azure DevOps. It validates against the
// Apache Ant JUnit XSD (shared/formats/junit.xsd). The mapping, and why, is in docs/ci.md (JUnit XML).
import os from 'node:os';
// entities' escapeUTF8 escapes & < > " ' and leaves the rest as UTF-8: valid in character data and attribute values.
import { escapeUTF8 as escapeMarkup } from 'entities';
import type { Finding } from '../findings/finding.js';
import type { Suppressed } from '../findings/suppress.js';
import { safeText } from './sanitize.js';
import type { Report, Reporter } from './types.js';


// What XML 1.0 forbids in a document even as a character reference (`&#1;` is not well-formed either): C0 controls but
// tab, LF and CR, U+FFFE, U+FFFF and surrogates that are not half of a pair. safeText has already removed the C0
// controls (and the C1 ones, and escape sequences) of plan text; what is left of this becomes U+FFFD.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any text (plan text above all) as XML character data or an attribute value: one line, as safeText makes it, then escaped. */
export function xmlText(text: string): string {
  return escapeMarkup(safeText(text).replace(NOT_XML_CHAR, '\uFFFD'));
}

/** An `xs:token` attribute with `minLength 1` (names, hostname): white space collapsed, never empty. */
function token(text: string, fallback: string): string {
  const collapsed = safeText(text).replace(/\s+/g, ' ').trim();
  return xmlText(collapsed === '' ? fallback : collapsed);
}

/** One test case: one rule in one file, with its findings (kept and suppressed) in report order. */
interface Case {
  rule: string;
  kept: Finding[];
  suppressed: Suppressed[];
}

/** A failure when an error or a warning of the rule is kept there; skipped when all its findings there are suppressed; else it passed. */
function outcome(testCase: Case): 'failure' | 'skipped' | 'passed' {
  if (testCase.kept.some((finding) => finding.severity !== 'info')) return 'failure';
  return testCase.kept.length === 0 ? 'skipped' : 'passed';
}

/** The files in the order they first appear (findings, then suppressed ones), each with its cases sorted by rule id. */
function suitesOf(report: Report): Map<string, Case[]> {
  const byFile = new Map<string, Map<string, Case>>();
  const caseOf = (finding: Finding): Case => {
    const { file } = finding.location;
    const cases = byFile.get(file) ?? byFile.set(file, new Map()).get(file)!;
    return cases.get(finding.rule) ?? cases.set(finding.rule, { rule: finding.rule, kept: [], suppressed: [] }).get(finding.rule)!;
  };
  for (const finding of report.findings) caseOf(finding).kept.push(finding);
  for (const suppressed of report.suppressed) caseOf(suppressed.finding).suppressed.push(suppressed);
  const suites = new Map<string, Case[]>();
  for (const [file, cases] of byFile) suites.set(file, [...cases.values()].sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
  return suites;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Lines of text for one finding, as the stylish report writes it: `file:line:column  severity  message`, then its details. */
function findingLines(finding: Finding, suppressed?: Suppressed): string {
  const { file, line, column } = finding.location;
  const severity = suppressed ? `suppressed ${finding.severity}` : finding.severity;
  const lines = [`${xmlText(`${file}:${line}:${column}`)}  ${severity}  ${xmlText(finding.message)}`];
  if (suppressed) lines.push(`    suppressed: ${suppressed.kind === 'inSource' ? 'in source' : 'by the suppressions file'}${suppressed.justification !== undefined ? ` -- ${xmlText(suppressed.justification)}` : ''}`);
  if (finding.segments.length > 0) lines.push(`    segments: ${xmlText(finding.segments.join(', '))}`);
  if (finding.at) lines.push(`    at: ${xmlText(finding.at)}`);
  if (finding.after) lines.push(`    after: ${xmlText(`${finding.after.event} ${finding.after.offset}`)}`);
  for (const related of finding.related) lines.push(`    related: ${xmlText(`${related.file}:${related.line}:${related.column}`)} ${xmlText(related.message)}`);
  return `${lines.join('\n')}\n`;
}

function* caseBody(testCase: Case): Iterable<string> {
  for (const finding of testCase.kept) yield findingLines(finding);
  for (const suppressed of testCase.suppressed) yield findingLines(suppressed.finding, suppressed);
}

/** The one-line `message` of a failure: the finding itself when it is alone, else the counts and the first one. */
function failureMessage(kept: Finding[]): string {
  const first = kept.find((finding) => finding.severity !== 'info')!;
  const where = `${first.location.line}:${first.location.column} ${first.message}`;
  if (kept.length === 1) return xmlText(where);
  const errors = kept.filter((finding) => finding.severity === 'error').length;
  const warnings = kept.filter((finding) => finding.severity === 'warning').length;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (errors + warnings < kept.length) parts.push(plural(kept.length - errors - warnings, 'info'));
  return xmlText(`${plural(kept.length, 'problem')} (${parts.join(', ')}), first at ${where}`);
}

function skippedMessage(suppressed: Suppressed[]): string {
  const reasons = [...new Set(suppressed.map((entry) => entry.justification).filter((reason) => reason !== undefined))];
  return xmlText(`${plural(suppressed.length, 'finding')} suppressed${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`);
}

function* testCaseXml(testCase: Case, classname: string): Iterable<string> {
  const open = `    <testcase name="${token(testCase.rule, 'cxlint')}" classname="${classname}" time="0"`;
  const result = outcome(testCase);
  if (result === 'passed') {
    yield `${open}/>\n`;
  } else if (result === 'skipped') {
    yield `${open}>\n      <skipped message="${skippedMessage(testCase.suppressed)}">`;
    yield* caseBody(testCase);
    yield '</skipped>\n    </testcase>\n';
  } else {
    const type = testCase.kept.some((finding) => finding.severity === 'error') ? 'error' : 'warning';
    yield `${open}>\n      <failure type="${type}" message="${failureMessage(testCase.kept)}">`;
    yield* caseBody(testCase);
    yield '</failure>\n    </testcase>\n';
  }
}

export interface JunitEnvironment {
  /** When the run happened: the XSD wants a time stamp without a zone, so it is written in UTC. */
  now: () => Date;
  hostname: () => string;
}

/** The `junit` reporter, with the clock and host name given (tests give fixed ones). */
export function junitReporter(environment: JunitEnvironment): Reporter {
  return function* (report) {
    const timestamp = environment.now().toISOString().slice(0, 19);
    const hostname = token(environment.hostname(), 'localhost');
    const version = `      <property name="cxlint.version" value="${xmlText(report.version)}"/>\n`;
    const head = (name: string, id: number, counts: { tests: number; failures: number; skipped: number }): string =>
      `  <testsuite name="${name}" package="cxlint" id="${id}" tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}" time="0" timestamp="${timestamp}" hostname="${hostname}">\n`;
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n';
    let id = 0;
    for (const [file, cases] of suitesOf(report)) {
      const name = token(file, '(no file)');
      const outcomes = cases.map(outcome);
      const failures = outcomes.filter((result) => result === 'failure').length;
      const skipped = outcomes.filter((result) => result === 'skipped').length;
      yield head(name, id++, { tests: cases.length, failures, skipped });
      yield `    <properties>\n${version}    </properties>\n`;
      for (const testCase of cases) yield* testCaseXml(testCase, name);
      // Infos fail nothing: the findings of the cases that passed are written here, so that every finding is in the file once.
      yield '    <system-out>';
      for (const testCase of cases) if (outcome(testCase) === 'passed') yield* caseBody(testCase);
      yield '</system-out>\n    <system-err></system-err>\n  </testsuite>\n';
    }
    if (report.findings.length === 0) {
      // A run with nothing to report is one passing test, so that a CI that requires test results finds some.
      const { files, segments, sends } = report.summary;
      const checked = `${plural(files, 'file')}, ${plural(segments, 'segment')}, ${plural(sends, 'send')} checked`;
      yield head('cxlint', id, { tests: 1, failures: 0, skipped: 0 });
      yield `    <properties>\n${version}`;
      for (const [name, value] of Object.entries({ files, segments, sends, suppressed: report.summary.suppressed })) yield `      <property name="cxlint.${name}" value="${value}"/>\n`;
      yield '    </properties>\n    <testcase name="cxlint" classname="cxlint" time="0"/>\n';
      yield `    <system-out>no problems reported (${checked})\n</system-out>\n    <system-err></system-err>\n  </testsuite>\n`;
    }
    yield '</testsuites>\n';
  };
}

/** One test suite per file with findings, one test case per rule in it; see docs/ci.md (JUnit XML). */
export const junit: Reporter = junitReporter({ now: () => new Date(), hostname: () => os.hostname() });
