import * as core from '@actions/core';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { annotation, annotationMessage, annotationProperties, escapeData, escapeProperty, github } from '../../src/reporters/github.js';
import { safeText } from '../../src/reporters/sanitize.js';
import { cleanWorkspaces, cxlint } from '../cli/run.js';
import { HOSTILE, finding, hostileFinding, leaseEnd, report } from './ci-fixtures.js';

afterAll(cleanWorkspaces);

// @actions/core keeps its escaping private (lib/command.js is not in the package's exports map): the oracle is its public
// `error`/`warning`/`notice`, which write the command line to process.stdout; the test catches that write.
function oracle(call: () => void): string {
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    call();
  } finally {
    process.stdout.write = write;
  }
  return written.join('');
}

const CORE = { error: core.error, warning: core.warning, info: core.notice } as const;

/** What @actions/core prints for this finding, given the text and place cxlint means to show. */
function coreLine(f: Finding): string {
  return oracle(() => CORE[f.severity](annotationMessage(f), annotationProperties(f)));
}

/**
 * The runner's parser of a workflow command (actions/runner ActionCommand.TryParseV2): after leading white space, `::`,
 * the command up to a space, properties `k=v` split at `,`, the data after the next `::`; then unescaped.
 */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } | undefined {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith('::')) return undefined;
  const end = trimmed.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = trimmed.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const equals = pair.indexOf('=');
      properties[pair.slice(0, equals)] = pair.slice(equals + 1).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    }
  }
  const data = trimmed.slice(end + 2).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  return { command, properties, data };
}

/** Lines as the runner reads them (.NET ReadLine: CR, LF or CRLF end a line). */
const runnerLines = (text: string): string[] => text.replace(/\n$/, '').split(/\r\n|\r|\n/);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('github: escaping is @actions/core’s', () => {
  it('escapeData and escapeProperty give what @actions/core writes, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('%', '\r', '\n', ':', ',', '=', 'a', ' ', '#', '[') }), (data, property) => {
        const expected = oracle(() => core.notice(data, { title: property, file: 'f' }));
        const title = property === '' ? '' : `title=${escapeProperty(property)},`;
        expect(`::notice ${title}file=f::${escapeData(data)}\n`).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('each annotation is byte for byte what core.error/warning/notice print for the same text and place', () => {
    const findings = [finding(), finding({ severity: 'warning' }), finding({ severity: 'info', segments: [], related: [] }), ...HOSTILE.map((text, index) => hostileFinding(text, index, (['error', 'warning', 'info'] as const)[index % 3]))];
    for (const f of findings) expect(`${annotation(f)}\n`).toBe(coreLine(f));
  });

  it('writes ::error, ::warning and ::notice with file, lines, columns and the title cxlint (rule)', () => {
    const f = finding({ severity: 'info', segments: ['lessees', 'lessees-2026-06'], location: { file: 'calendar.yaml', line: 6, column: 5, endLine: 6, endColumn: 12 } });
    expect(annotation(f)).toBe(
      '::notice title=cxlint (duplicate-message),file=calendar.yaml,line=6,endLine=6,col=5,endColumn=12::welcome-email (welcome, email) is sent twice%0Asegments: lessees, lessees-2026-06%0Arelated: calendar.yaml:2:5 the earlier send',
    );
    expect(annotation(finding()).startsWith('::error ')).toBe(true);
    expect(annotation(finding({ severity: 'warning' })).startsWith('::warning ')).toBe(true);
  });

  it('the message is the finding’s, its segments and related places, each made visible and one line', () => {
    const f = finding({ message: 'red \u001b[31mtext\u001b[0m\nnext \u202e', segments: ['a\nb', 'c'], related: [{ file: 'x\u0085.yaml', line: 2, column: 3, message: '##[error]x' }] });
    expect(annotationMessage(f)).toBe('red <U+001B>[31mtext<U+001B>[0m next <U+202E>\nsegments: a b, c\nrelated: x<U+0085>.yaml:2:3 #\u200b#[error]x');
  });

  it('columns only on a one-line range (the runner drops them otherwise); a range ending at column 1 ends the line before', () => {
    const at = (line: number, column: number, endLine: number, endColumn: number) => annotationProperties(finding({ location: { file: 'f.yaml', line, column, endLine, endColumn } }));
    expect(at(6, 5, 6, 31)).toEqual({ title: 'cxlint (duplicate-message)', file: 'f.yaml', startLine: 6, endLine: 6, startColumn: 5, endColumn: 31 });
    expect(at(6, 5, 10, 1)).toEqual({ title: 'cxlint (duplicate-message)', file: 'f.yaml', startLine: 6, endLine: 9 });
    expect(at(6, 5, 7, 1)).toEqual({ title: 'cxlint (duplicate-message)', file: 'f.yaml', startLine: 6, endLine: 6, startColumn: 5, endColumn: 5 });
    expect(at(6, 5, 8, 4)).toEqual({ title: 'cxlint (duplicate-message)', file: 'f.yaml', startLine: 6, endLine: 8 });
  });
});

describe('github: no plan text can start a command', () => {
  const check = (findings: Finding[]): void => {
    const text = [...github(report(findings), { color: false })].join('');
    const lines = runnerLines(text);
    // one line per finding and the totals: plan text added none
    expect(lines).toHaveLength(findings.length + 1);
    for (const [index, f] of findings.entries()) {
      const line = lines[index]!;
      expect(line).not.toContain('##[');
      expect(line).not.toMatch(CONTROL);
      const parsed = parseCommand(line)!;
      expect(parsed.command).toBe({ error: 'error', warning: 'warning', info: 'notice' }[f.severity]);
      // The runner reads back exactly the properties cxlint wrote: no property was cut short or added by plan text.
      const place = annotationProperties(f);
      const expected = { title: `cxlint (${f.rule})`, file: safeText(f.location.file), line: place.startLine, endLine: place.endLine, col: place.startColumn, endColumn: place.endColumn };
      expect(parsed.properties).toEqual(Object.fromEntries(Object.entries(expected).flatMap(([key, value]) => (value === undefined || value === "" ? [] : [[key, String(value)]]))));
      expect(place.startLine).toBe(f.location.line);
      expect(parsed.data).toBe(annotationMessage(f));
    }
    const last = lines.at(-1)!;
    expect(parseCommand(last)).toBeUndefined();
    expect(last).not.toContain('##[');
  };

  it('the hostile texts stay inside their annotation, visible and harmless', () => {
    const findings = HOSTILE.map((text, index) => hostileFinding(text, index));
    check(findings);
    const text = [...github(report(findings), { color: false })].join('');
    expect(text).toContain('<U+202E>');
    expect(text).not.toContain('\u001b');
    expect(text).toContain('#\u200b#[error]');
  });

  it('for any text made of command syntax, controls and line breaks', () => {
    const unit = fc.constantFrom(':', ':', ',', '=', '%', '#', '#', '[', ']', '\r', '\n', ' ', '\t', 'a', '0', 'A', 'D', '\u001b', '\u0085', '\u009b', '\u202e', '\u2028', '\u200b');
    const piece = fc.string({ unit, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, piece, piece, fc.constantFrom('error', 'warning', 'info') as fc.Arbitrary<Finding['severity']>), { minLength: 1, maxLength: 5 }), (rows) => {
        check(
          rows.map(([message, file, segment, severity], index) =>
            finding({ severity, message, segments: [segment], related: [{ file, line: 1, column: 1, message }], location: { file, line: index + 1, column: 1, endLine: index + 1, endColumn: 2 }, fingerprint: `f${index}` }),
          ),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('github: suppressed findings', () => {
  it('get no annotation; the totals line counts them', () => {
    const kept = finding();
    const hidden = finding({ message: 'accepted', fingerprint: 'f2' });
    const text = [...github(report([kept], [{ finding: hidden, kind: 'external' }, { finding: hidden, kind: 'inSource', justification: 'ok' }]), { color: false })].join('');
    expect(text).not.toContain('accepted');
    expect(text.split('\n').filter((line) => line.startsWith('::'))).toHaveLength(1);
    expect(text.endsWith('cxlint: 1 error, 0 warnings, 0 infos; 2 suppressed (not annotated)\n')).toBe(true);
  });

  it('no findings: only the totals line, no annotation', () => {
    expect([...github(report([]), { color: false })].join('')).toBe('cxlint: 0 errors, 0 warnings, 0 infos; 0 suppressed (not annotated)\n');
  });
});

describe('github: cxlint check -f github:FILE on examples/lease-end', () => {
  it('writes one annotation per finding of the example, then the totals', () => {
    const root = leaseEnd();
    const run = cxlint(['check', '-f', 'github:annotations.txt'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = fs.readFileSync(path.join(root, 'annotations.txt'), 'utf8').split('\n');
    expect(lines[0]).toBe(
      '::error title=cxlint (state-conflict),file=calendar.yaml,line=6,endLine=9::upgrade-discounts (upsell, email) on 2026-07-05 09:00 CDT requires lease=active, but lease=ended since 2026-06-30 for segment lessees-2026-06%0Asegments: lessees-2026-06%0Arelated: segments.yaml:13:18 lease_end on 2026-06-30',
    );
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(4);
    expect(lines.slice(-2)).toEqual(['cxlint: 4 errors, 0 warnings, 0 infos; 0 suppressed (not annotated)', '']);
  });
});
