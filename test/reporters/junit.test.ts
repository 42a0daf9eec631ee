import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/findings/finding.js';
import type { Suppressed } from '../../src/findings/suppress.js';
import { junitReporter, xmlText } from '../../src/reporters/junit.js';
import type { Report } from '../../src/reporters/types.js';
import { REPO, cleanWorkspaces, cxlint, workspace } from '../cli/run.js';
import { sharedFormat } from '../shared-formats.js';

const XSD = sharedFormat('junit.xsd');

/** xmllint's word on the document against the Ant JUnit XSD: '' when it validates. */
async function schemaErrors(xml: string): Promise<string> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [XSD] });
  return result.valid ? '' : result.rawOutput;
}

/** An XPath expression evaluated by xmllint (a real XML parser, so entities come back unescaped). */
async function xpath(xml: string, expression: string): Promise<string> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    normalization: 'format',
    modifyArguments: (args) => [...args.filter((arg) => arg !== '--format'), '--xpath', expression],
  });
  return result.normalized.replace(/\n$/, '');
}

// Every character XML 1.0 forbids, even as a reference: C0 but tab/LF/CR, U+FFFE/U+FFFF, unpaired surrogates.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const HOSTILE = 'a\nb\r\n::error::x ##[group] 100% a,b:c \u001b[31mred\u001b[0m \u202Eevil\u202C \u0001\u0007\u0085\u009b <script>alert(1)</script> ](javascript:alert(1)) | x\n# head & "quoted" \'single\' ]]> &#1; lone \ud800 end \udc00 \uffff\ufffe 😀';

let fingerprint = 0;
function finding(rule: string, severity: Severity, file: string, line: number, message = `${rule} at ${line}`): Finding {
  fingerprint += 1;
  return {
    rule,
    severity,
    category: 'content',
    message,
    location: { file, line, column: 3, endLine: line, endColumn: 9 },
    segments: ['lessees'],
    related: [],
    ids: [],
    fingerprint: `f${fingerprint}`,
  };
}

function report(findings: Finding[], suppressed: Suppressed[] = [], version = '1.2.3'): Report {
  const count = (severity: Severity): number => findings.filter((f) => f.severity === severity).length;
  return {
    version,
    root: '/work',
    findings,
    suppressed,
    summary: { errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed: suppressed.length, files: 4, segments: 2, sends: 9 },
  };
}

const reporter = junitReporter({ now: () => new Date('2026-03-04T05:06:07.890Z'), hostname: () => 'ci-runner-7' });
const render = (value: Report): string => [...reporter(value, { color: false })].join('');

describe('junit reporter: valid against the Ant JUnit XSD', () => {
  const hostile: Finding = {
    ...finding('duplicate-message', 'error', `plans/${HOSTILE}.yaml`, 4, HOSTILE),
    segments: [HOSTILE, 'b'],
    related: [{ file: HOSTILE, line: 2, column: 1, message: HOSTILE }],
    at: '2026-01-01T09:00:00+01:00',
  };
  const mixed = report(
    [
      hostile,
      finding('duplicate-message', 'warning', 'plan/calendar.csv', 2),
      finding('duplicate-message', 'info', 'plan/calendar.csv', 5),
      finding('quiet-hours', 'warning', 'plan/calendar.csv', 7),
      finding('locale-drift', 'info', 'plan/calendar.csv', 9, 'an info only'),
      { ...finding('journey-loop', 'error', 'plan/journeys.yaml', 3), after: { event: 'signup', offset: 'P1D' } },
    ],
    [
      { finding: finding('no-consent', 'error', 'plan/calendar.csv', 11), kind: 'inSource', justification: `legal said yes ${HOSTILE}` },
      { finding: finding('quiet-hours', 'warning', 'plan/calendar.csv', 12), kind: 'external' },
      { finding: finding('owned-channel-gap', 'warning', 'plan/only-suppressed.yaml', 1), kind: 'external' },
    ],
    `1.0.0-${HOSTILE}`,
  );

  it('a report full of hostile plan text validates, and holds no character XML forbids nor any character reference', async () => {
    const xml = render(mixed);
    expect(await schemaErrors(xml)).toBe('');
    expect(xml).not.toMatch(NOT_XML);
    expect(xml).not.toMatch(/&#/);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u001b\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('##[');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).toContain('&lt;U+202E&gt;evil&lt;U+202C&gt;');
    expect(xml).toContain('&amp;#1;');
    expect(xml).toContain('😀');
    // plan text never breaks a line of the report: only the report's own structure does
    expect(xml).not.toMatch(/\n(b|# head)/);
  });

  it('one test suite per file (suppressed-only files too), one test case per rule in it, with the counts the XSD asks for', async () => {
    const xml = render(mixed);
    const files = [`plans/${HOSTILE}.yaml`, 'plan/calendar.csv', 'plan/journeys.yaml', 'plan/only-suppressed.yaml'];
    expect(await xpath(xml, 'count(/testsuites/testsuite)')).toBe('4');
    expect(await xpath(xml, 'string(/testsuites/testsuite[2]/@name)')).toBe('plan/calendar.csv');
    expect(await xpath(xml, 'string(/testsuites/testsuite[4]/@name)')).toBe('plan/only-suppressed.yaml');
    expect(await xpath(xml, 'string(/testsuites/testsuite[4]/@id)')).toBe('3');
    expect(await xpath(xml, 'string(/testsuites/testsuite[1]/@name)')).toMatch(/^plans\/a b ::error::x #\u200b#\[group\] 100% a,b:c <U\+001B>\[31mred<U\+001B>\[0m <U\+202E>evil<U\+202C> <U\+0001><U\+0007><U\+0085><U\+009B> <script>/);
    expect(xml.match(/<testsuite /g)).toHaveLength(files.length);
    // plan/calendar.csv: duplicate-message (warning+info → failure), locale-drift (info → passed),
    // no-consent (suppressed only → skipped), quiet-hours (warning kept, one suppressed → failure)
    const suite = '/testsuites/testsuite[@name="plan/calendar.csv"]';
    expect(await xpath(xml, `concat(${suite}/@tests, " ", ${suite}/@failures, " ", ${suite}/@errors, " ", ${suite}/@skipped)`)).toBe('4 2 0 1');
    expect(await xpath(xml, `string(${suite}/@timestamp)`)).toBe('2026-03-04T05:06:07');
    expect(await xpath(xml, `string(${suite}/@hostname)`)).toBe('ci-runner-7');
    const names = await xpath(xml, `concat(${suite}/testcase[1]/@name, " ", ${suite}/testcase[2]/@name, " ", ${suite}/testcase[3]/@name, " ", ${suite}/testcase[4]/@name)`);
    expect(names).toBe('duplicate-message locale-drift no-consent quiet-hours');
    expect(await xpath(xml, `count(${suite}/testcase[@classname="plan/calendar.csv"])`)).toBe('4');
    expect(await xpath(xml, 'count(//testcase)')).toBe('7');
    expect(await xpath(xml, 'count(//failure)')).toBe('4');
    expect(await xpath(xml, 'count(//skipped)')).toBe('2');
    expect(await xpath(xml, 'string(//property[@name="cxlint.version"]/@value)')).toMatch(/^1\.0\.0-a b ::error::x/);
  });

  it('errors and warnings fail with type = the worst severity; infos pass and are written to system-out; suppressed ones are listed', async () => {
    const xml = render(mixed);
    const suite = '/testsuites/testsuite[@name="plan/calendar.csv"]';
    expect(await xpath(xml, `string(${suite}/testcase[@name="duplicate-message"]/failure/@type)`)).toBe('warning');
    expect(await xpath(xml, `string(${suite}/testcase[@name="duplicate-message"]/failure/@message)`)).toBe(
      '2 problems (0 errors, 1 warning, 1 info), first at 2:3 duplicate-message at 2',
    );
    const body = await xpath(xml, `string(${suite}/testcase[@name="duplicate-message"]/failure)`);
    expect(body).toBe('plan/calendar.csv:2:3  warning  duplicate-message at 2\n    segments: lessees\nplan/calendar.csv:5:3  info  duplicate-message at 5\n    segments: lessees\n');
    expect(await xpath(xml, `count(${suite}/testcase[@name="locale-drift"]/*)`)).toBe('0');
    expect(await xpath(xml, `string(${suite}/system-out)`)).toBe('plan/calendar.csv:9:3  info  an info only\n    segments: lessees\n');
    const quiet = await xpath(xml, `string(${suite}/testcase[@name="quiet-hours"]/failure)`);
    expect(quiet).toContain('plan/calendar.csv:12:3  suppressed warning  quiet-hours at 12\n    suppressed: by the suppressions file');
    expect(await xpath(xml, `string(${suite}/testcase[@name="no-consent"]/skipped/@message)`)).toMatch(/^1 finding suppressed: legal said yes a b ::error::x/);
    expect(await xpath(xml, `string(${suite}/testcase[@name="no-consent"]/skipped)`)).toMatch(/^plan\/calendar\.csv:11:3 {2}suppressed error {2}no-consent at 11\n {4}suppressed: in source -- legal said yes/);
    expect(await xpath(xml, 'string(//testcase[@name="journey-loop"]/failure/@type)')).toBe('error');
    expect(await xpath(xml, 'string(//testcase[@name="journey-loop"]/failure)')).toContain('    after: signup P1D');
    const first = await xpath(xml, 'string(/testsuites/testsuite[1]/testcase/failure)');
    // the finding, its segments, at and related: four lines, whatever line breaks the plan text held
    expect(first.split('\n')).toEqual([expect.stringMatching(/^plans\/a b /), expect.stringMatching(/^    segments: a b/), '    at: 2026-01-01T09:00:00+01:00', expect.stringMatching(/^    related: a b/), '']);
  });

  it('a clean run is one passing test case, so that a CI that requires test results finds one', async () => {
    const xml = render(report([]));
    expect(await schemaErrors(xml)).toBe('');
    expect(await xpath(xml, 'count(//testsuite)')).toBe('1');
    expect(await xpath(xml, 'concat(//testsuite/@name, " ", //testsuite/@tests, " ", //testsuite/@failures, " ", count(//testcase/*))')).toBe('cxlint 1 0 0');
    expect(await xpath(xml, 'string(//system-out)')).toBe('no problems reported (4 files, 2 segments, 9 sends checked)\n');
    expect(await xpath(xml, 'string(//property[@name="cxlint.files"]/@value)')).toBe('4');
  });

  it('an empty or blank host name becomes localhost, as the XSD says', async () => {
    const blank = junitReporter({ now: () => new Date(0), hostname: () => ' \t\r\n ' });
    const xml = [...blank(report([finding('quiet-hours', 'error', 'a.csv', 1)]), { color: false })].join('');
    expect(await schemaErrors(xml)).toBe('');
    expect(await xpath(xml, 'concat(//testsuite/@hostname, " ", //testsuite/@timestamp)')).toBe('localhost 1970-01-01T00:00:00');
  });

  it('gives its text in pieces: one piece per finding, never the whole of a test case', () => {
    const many = report(Array.from({ length: 10_000 }, (_, index) => finding('duplicate-message', 'error', 'plan.csv', index + 1)));
    const pieces = [...reporter(many, { color: false })];
    expect(pieces.length).toBeGreaterThan(10_000);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(1_000);
  });
});

describe('xmlText: plan text as XML text or attribute', () => {
  it('escapes markup, shows controls and bidi controls, replaces noncharacters and unpaired surrogates', () => {
    expect(xmlText('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlText('a\u0000b\u0008c\u000bd\u001fe\u007ff\u0085g\u009bh')).toBe('a&lt;U+0000&gt;b&lt;U+0008&gt;c&lt;U+000B&gt;d&lt;U+001F&gt;e&lt;U+007F&gt;f&lt;U+0085&gt;g&lt;U+009B&gt;h');
    expect(xmlText('x\ud800y\udc00z\ufffe\uffff')).toBe('x\ufffdy\ufffdz\ufffd\ufffd');
    expect(xmlText('ok 😀 \u{10FFFF}')).toBe('ok 😀 \u{10FFFF}');
    expect(xmlText('\u202Eevil\u2066')).toBe('&lt;U+202E&gt;evil&lt;U+2066&gt;');
    expect(xmlText('one\ntwo\r\nthree\tfour')).toBe('one two three four');
  });
});

describe('cxlint check -f junit:FILE (the built binary)', () => {
  afterAll(cleanWorkspaces);

  it('writes a JUnit file for examples/lease-end that validates: one suite per file with findings, one case per rule', async () => {
    const root = workspace();
    fs.cpSync(path.join(REPO, 'examples', 'lease-end'), path.join(root, 'lease-end'), { recursive: true });
    const run = cxlint(['check', 'lease-end', '-f', 'junit:junit.xml', '-f', 'json:report.json'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const xml = fs.readFileSync(path.join(root, 'junit.xml'), 'utf8');
    expect(await schemaErrors(xml)).toBe('');
    expect(xml).not.toMatch(NOT_XML);
    const json = JSON.parse(fs.readFileSync(path.join(root, 'report.json'), 'utf8')) as { findings: { file: string; rule: string }[] };
    const files = [...new Set(json.findings.map((f) => f.file))];
    const cases = new Set(json.findings.map((f) => `${f.file} ${f.rule}`));
    expect(files.length).toBeGreaterThan(1);
    expect(await xpath(xml, 'count(/testsuites/testsuite)')).toBe(String(files.length));
    expect(await xpath(xml, 'count(//testcase)')).toBe(String(cases.size));
    expect(await xpath(xml, 'count(//failure)')).toBe(String(cases.size));
    for (const [index, file] of files.entries()) expect(await xpath(xml, `string(/testsuites/testsuite[${index + 1}]/@name)`)).toBe(file);
    expect(await xpath(xml, 'sum(//testsuite/@tests)')).toBe(String(cases.size));
  });
});
