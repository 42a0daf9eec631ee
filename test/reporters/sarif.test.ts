import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { RULES } from '../../src/rules/index.js';
import { sarif } from '../../src/reporters/sarif.js';
import { safeJson } from '../../src/reporters/sanitize.js';
import type { Report } from '../../src/reporters/types.js';
import { schemaErrors } from './sarif-schema.js';

const HOSTILE = [
  'line one\nline two',
  '::error file=x::pwned',
  '##[warning]also pwned',
  '100% off, a:b, c|d',
  '\u001b[31mred\u001b[0m',
  'evil\u202etxt.exe',
  'nul\u0000 bell\u0007 c1\u0085\u009b',
  '<script>alert(1)</script>',
  '[click](javascript:alert(1)) and [here](1)',
  '# heading at line start',
  'back\\slash \\[ {0} {{placeholder}}',
  'sep\u2028arators\u2029',
  '"quoted" \'single\'',
].join(' ¶ ');

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'quiet-hours',
    severity: 'warning',
    category: 'repeated',
    message: `a send at night: ${HOSTILE}`,
    location: { file: 'plans/spring sale #1/calendar.yaml', line: 4, column: 5, endLine: 7, endColumn: 1 },
    segments: ['members', HOSTILE],
    related: [{ file: 'segments.yaml', line: 2, column: 3, message: `the segment ${HOSTILE}` }],
    ids: ['dawn'],
    fingerprint: '0123456789abcdef0123456789abcdef',
    at: '2026-06-02T07:00:00.000+02:00',
    ...overrides,
  };
}

/** The working folder, as process.cwd() gives it: no trailing separator. */
const ROOT = fileURLToPath(new URL('file:///work/my%20plans%20%231'));

function report(parts: Partial<Report> = {}): Report {
  const findings = parts.findings ?? [];
  return {
    version: '1.2.3',
    root: ROOT,
    findings,
    suppressed: [],
    summary: { errors: 0, warnings: findings.length, infos: 0, suppressed: parts.suppressed?.length ?? 0, files: 2, segments: 1, sends: 3 },
    ...parts,
  };
}

const write = (input: Report): string => [...sarif(input, { color: false })].join('');
const run = (text: string): Sarif.Run => (JSON.parse(text) as Sarif.Log).runs[0]!;
/** SARIF plain text as a viewer shows it: the backslash escapes of `[`, `]` and `\` undone (as GitHub's CodeQL does). */
const shown = (text: string | undefined): string => (text ?? '').replace(/\\([\\[\]])/g, '$1');

const FULL = report({
  findings: [
    finding(),
    finding({ rule: 'locale-drift', severity: 'info', category: 'content', related: [], at: undefined, after: { event: 'signup', offset: 'P1D' }, fingerprint: 'ffff' }),
    finding({ rule: 'duplicate-message', severity: 'error', fingerprint: 'eeee' }),
  ],
  suppressed: [
    { finding: finding({ rule: 'frequency-cap', severity: 'error', fingerprint: 'aaaa' }), kind: 'inSource', justification: `the store opens at 7 ${HOSTILE}` },
    { finding: finding({ rule: 'no-consent', severity: 'error', fingerprint: 'bbbb' }), kind: 'external' },
  ],
});

describe('sarif reporter: the official SARIF 2.1.0 schema', () => {
  it('accepts a report with findings, suppressed findings and hostile text, and one with nothing', () => {
    expect(schemaErrors(write(FULL))).toEqual([]);
    expect(schemaErrors(write(report()))).toEqual([]);
  });

  it('is a live check: it rejects a level SARIF does not have, and a help URI that is not absolute', () => {
    const log = JSON.parse(write(FULL)) as Sarif.Log;
    (log.runs[0]!.results![0] as { level: string }).level = 'fatal';
    log.runs[0]!.tool.driver.rules![0]!.helpUri = 'docs/rules/duplicate-message.md';
    expect(schemaErrors(JSON.stringify(log))).toEqual(
      expect.arrayContaining([expect.stringContaining('/runs/0/results/0/level'), expect.stringContaining('/runs/0/tool/driver/rules/0/helpUri must match format "uri"')]),
    );
  });
});

describe('sarif reporter: what GitHub code scanning reads', () => {
  const log = JSON.parse(write(FULL)) as Sarif.Log;
  const theRun = log.runs[0]!;

  it('a log of one run, SARIF 2.1.0, with the tool named and versioned', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const { rules, ...driver } = theRun.tool.driver;
    expect(driver).toEqual({ name: 'cxlint', version: '1.2.3', semanticVersion: '1.2.3', informationUri: 'https://github.com/cxlint/cxlint' });
    expect(theRun.columnKind).toBe('utf16CodeUnits');
    expect(rules).toHaveLength(RULES.length);
  });

  it('every rule, in the order of cxlint rules, with its descriptions, doc page, default level and category', () => {
    const rules = theRun.tool.driver.rules!;
    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    const quiet = rules.find((rule) => rule.id === 'quiet-hours')!;
    const meta = RULES.find((rule) => rule.id === 'quiet-hours')!;
    expect(quiet).toEqual({
      id: 'quiet-hours',
      shortDescription: { text: meta.description },
      fullDescription: { text: `${meta.description} (repeated rule, warning in cxlint:recommended.)` },
      helpUri: 'https://github.com/cxlint/cxlint/blob/main/docs/rules/quiet-hours.md',
      help: {
        text: `${meta.description}\n\nCategory: repeated. Default severity: warning. Documentation: https://github.com/cxlint/cxlint/blob/main/docs/rules/quiet-hours.md`,
        markdown: `${meta.description}\n\nCategory: \`repeated\` · default severity: \`warning\`\n\n[Documentation of quiet-hours](https://github.com/cxlint/cxlint/blob/main/docs/rules/quiet-hours.md)`,
      },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['repeated'] },
    });
    const level = (id: string) => rules.find((rule) => rule.id === id)!.defaultConfiguration!.level;
    expect([level('duplicate-message'), level('unused-suppression'), level('invalid-input')]).toEqual(['error', 'none', 'error']);
    for (const rule of rules) expect(rule.helpUri).toBe(`https://github.com/cxlint/cxlint/blob/main/docs/rules/${rule.id}.md`);
  });

  it('the working folder is %SRCROOT%, a file: URL ending in /, percent-encoded', () => {
    expect(theRun.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/my%20plans%20%231/' } });
    expect(fileURLToPath(theRun.originalUriBaseIds!['%SRCROOT%']!.uri!)).toBe(`${ROOT}/`);
  });

  it('a result: rule id and index, level, message, location relative to %SRCROOT% with its region, related locations, fingerprint', () => {
    const first = theRun.results![0]!;
    expect(first).toEqual({
      ruleId: 'quiet-hours',
      ruleIndex: RULES.findIndex((rule) => rule.id === 'quiet-hours'),
      level: 'warning',
      message: { text: expect.any(String) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'plans/spring%20sale%20%231/calendar.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 5, endLine: 7, endColumn: 1 },
          },
        },
      ],
      relatedLocations: [
        { id: 0, physicalLocation: { artifactLocation: { uri: 'segments.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 3 } }, message: { text: expect.any(String) } },
      ],
      partialFingerprints: { 'cxlint/v1': '0123456789abcdef0123456789abcdef' },
      suppressions: [],
      properties: { segments: ['members', HOSTILE], at: '2026-06-02T07:00:00.000+02:00' },
    });
    // The URI resolves, against the base, to the file the finding names.
    const uri = first.locations![0]!.physicalLocation!.artifactLocation!.uri!;
    expect(fileURLToPath(new URL(uri, theRun.originalUriBaseIds!['%SRCROOT%']!.uri))).toBe(`${ROOT}/plans/spring sale #1/calendar.yaml`);
    expect(theRun.results!.map((result) => theRun.tool.driver.rules![result.ruleIndex!]!.id)).toEqual(theRun.results!.map((result) => result.ruleId));
  });

  it('levels: error → error, warning → warning, info → note; a journey time goes to properties.after', () => {
    expect(theRun.results!.slice(0, 3).map((result) => result.level)).toEqual(['warning', 'note', 'error']);
    expect(theRun.results![1]!.properties).toEqual({ segments: ['members', HOSTILE], after: { event: 'signup', offset: 'P1D' } });
    expect(theRun.results![1]!.relatedLocations).toBeUndefined();
  });

  it('suppressed findings come after the others, with suppressions[] of their kind and justification', () => {
    const results = theRun.results!;
    expect(results.map((result) => result.partialFingerprints!['cxlint/v1'])).toEqual(['0123456789abcdef0123456789abcdef', 'ffff', 'eeee', 'aaaa', 'bbbb']);
    expect(results.slice(0, 3).every((result) => Array.isArray(result.suppressions) && result.suppressions.length === 0)).toBe(true);
    expect(results[3]!.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: `the store opens at 7 ${HOSTILE}` }]);
    expect(results[4]!.suppressions).toEqual([{ kind: 'external', status: 'accepted' }]);
    expect([results[3]!.ruleId, results[3]!.level, results[4]!.ruleId]).toEqual(['frequency-cap', 'error', 'no-consent']);
  });

  it('a file on another drive (no relative path) is an absolute file: URI without a base', () => {
    const absolute = fileURLToPath(new URL('file:///elsewhere/a%20b.yaml'));
    const other = run(write(report({ findings: [finding({ location: { file: absolute, line: 1, column: 1, endLine: 1, endColumn: 1 } })] })));
    expect(other.results![0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: pathToFileURL(absolute).href });
  });
});

describe('sarif reporter: hostile plan text', () => {
  const text = write(FULL);
  const theRun = run(text);

  it('stays intact: the messages, justification and segments read back as written (link escapes undone)', () => {
    expect(shown(theRun.results![0]!.message.text)).toBe(`a send at night: ${HOSTILE}`);
    expect(shown(theRun.results![0]!.relatedLocations![0]!.message!.text)).toBe(`the segment ${HOSTILE}`);
    expect(theRun.results![3]!.suppressions![0]!.justification).toBe(`the store opens at 7 ${HOSTILE}`);
    expect(theRun.results![0]!.properties!['segments']).toEqual(['members', HOSTILE]);
  });

  it('cannot make an embedded link: every [ and ] of plan text is escaped, and a backslash too', () => {
    const message = theRun.results![0]!.message.text!;
    expect(message).toContain('\\[click\\](javascript:alert(1)) and \\[here\\](1)');
    expect(message).toContain('back\\\\slash \\\\\\[');
    // no unescaped `[` anywhere: what a viewer would read as the start of a link
    expect(message).not.toMatch(/(?<!\\)(?:\\\\)*\[/);
  });

  it('is escaped as json.ts escapes: no raw control, C1, bidi or line separator character, no ##[, and it parses the same', () => {
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    expect(text).not.toContain('##[');
    expect(text).toContain('#\\u0023[warning]');
    expect(text).toContain('\\u202e');
    expect(text).toContain('\\u0085');
    expect(text).toContain('\\u2028');
    expect(text.split('\n').every((line) => !line.trimStart().startsWith('::'))).toBe(true);
  });
});

describe('sarif reporter: written in pieces', () => {
  it('the pieces join to exactly JSON.stringify(…, null, 2) of the log (escaped as json.ts does), for 0, 1 and several results', () => {
    for (const input of [report(), report({ findings: [finding()] }), FULL]) {
      const text = write(input);
      expect(text).toBe(`${safeJson(JSON.stringify(JSON.parse(text), null, 2))}\n`);
    }
  });

  it('one piece per result: 20,000 findings never become one string', () => {
    const many = report({ findings: Array.from({ length: 20_000 }, (_, index) => finding({ fingerprint: `f${index}` })) });
    let pieces = 0;
    let longest = 0;
    for (const piece of sarif(many, { color: false })) {
      pieces += 1;
      longest = Math.max(longest, piece.length);
    }
    expect(pieces).toBeGreaterThan(20_000);
    expect(longest).toBeLessThan(100_000);
  });
});
