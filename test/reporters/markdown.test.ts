import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { SUMMARY_LIMIT, markdown, markdownReporter, markdownText } from '../../src/reporters/markdown.js';

const RULE_DOCS = 'https://github.com/cxlint/cxlint/blob/main/docs/rules/';
import { safeText } from '../../src/reporters/sanitize.js';
import type { Report } from '../../src/reporters/types.js';
import { cleanWorkspaces, cxlint } from '../cli/run.js';
import { HOSTILE, finding, hostileFinding, leaseEnd, report } from './ci-fixtures.js';

afterAll(cleanWorkspaces);

// No CommonMark/GFM renderer is installed (none in node_modules; none added for this), so the escaping is proved on the
// text's structure, by the CommonMark spec: a backslash before ASCII punctuation is that character as text (§2.4), an
// entity is its character as text (§2.5). Text made only of such escapes, entities and characters that are not ASCII
// punctuation cannot open a link, image, HTML tag, code span, emphasis, heading, list, table cell or autolink; and it
// reads back to the text it was made from.
const PUNCT = '!-\\/:-@\\[-`{-~';
const ESCAPED_ONLY = new RegExp(`^(?:\\\\[${PUNCT}]|&(?:amp|lt|gt);|@\u200b|[^${PUNCT}\\n\\r])*$`);
const decode = (text: string): string =>
  text.replace(new RegExp(`\\\\([${PUNCT}])|&(amp|lt|gt);|@\u200b`, 'g'), (_match, escaped: string | undefined, entity: string | undefined) =>
    escaped ?? (entity ? { amp: '&', lt: '<', gt: '>' }[entity]! : '@'),
  );

const render = (r: Report, limit = SUMMARY_LIMIT): string => [...markdownReporter(limit)(r, { color: false })].join('');

/** `|` not escaped by a backslash (an even run of backslashes before it): the column separators GFM sees. */
const separators = (line: string): number => [...line.matchAll(/(\\*)\|/g)].filter((match) => match[1]!.length % 2 === 0).length;

describe('markdown: plan text is text', () => {
  it('every hostile text is escapes, entities and plain characters only, and reads back to what safeText shows', () => {
    for (const text of HOSTILE) {
      const escaped = markdownText(text);
      expect(escaped).toMatch(ESCAPED_ONLY);
      expect(decode(escaped)).toBe(safeText(text));
    }
  });

  it('for any text', () => {
    const unit = fc.oneof(fc.constantFrom('[', ']', '(', ')', '<', '>', '&', '|', '#', '-', '=', '`', '*', '_', '~', '\\', '!', ':', '@', '$', '\n', '\r', ' ', '\u202e', '\u001b'), fc.string({ unit: 'grapheme', maxLength: 1 }));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        const escaped = markdownText(text);
        expect(escaped).toMatch(ESCAPED_ONLY);
        expect(decode(escaped)).toBe(safeText(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('the named attacks: links, HTML, tables, headings, thematic breaks, code spans', () => {
    expect(markdownText('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('&lt;img src\\=x onerror\\=alert\\(1\\)&gt;');
    expect(markdownText('| a | b |')).toBe('\\| a \\| b \\|');
    expect(markdownText('# heading')).toBe('\\# heading');
    expect(markdownText('---')).toBe('\\-\\-\\-');
    expect(markdownText('`code`')).toBe('\\`code\\`');
    expect(markdownText('a\nb\r\nc')).toBe('a b c');
    expect(markdownText('&amp; www.evil.example https://evil.example @team')).toBe('&amp;amp\\; www\\.evil\\.example https\\:\\/\\/evil\\.example @\u200bteam');
    expect(markdownText('\u001b[31mred \u202e')).toBe('&lt;U\\+001B&gt;\\[31mred &lt;U\\+202E&gt;');
  });
});

describe('markdown: the report', () => {
  it('totals with the suppressed count, a table per rule with links to the docs, findings grouped by file', () => {
    const findings: Finding[] = [
      finding({ location: { file: 'calendar.yaml', line: 6, column: 5, endLine: 6, endColumn: 9 } }),
      finding({ severity: 'warning', rule: 'quiet-hours', message: 'sent at 02:00', segments: [], related: [], location: { file: 'calendar.yaml', line: 9, column: 5, endLine: 9, endColumn: 9 } }),
      finding({ severity: 'info', rule: 'quiet-hours', message: 'sent at 23:00', segments: [], related: [], location: { file: 'journeys.yaml', line: 3, column: 7, endLine: 3, endColumn: 9 } }),
    ];
    const hidden = finding({ rule: 'frequency-cap', fingerprint: 'h' });
    const text = render(report(findings, [{ finding: hidden, kind: 'external' }, { finding: hidden, kind: 'inSource' }]));
    expect(text).toBe(
      [
        '## cxlint',
        '',
        '❌ **3 problems** (1 error, 1 warning, 1 info; 2 suppressed) in 3 files, 2 segments, 5 sends checked',
        '',
        '| rule | errors | warnings | infos | suppressed |',
        '| --- | ---: | ---: | ---: | ---: |',
        `| [quiet\\-hours](${RULE_DOCS}quiet-hours.md) | 0 | 1 | 1 | 0 |`,
        `| [duplicate\\-message](${RULE_DOCS}duplicate-message.md) | 1 | 0 | 0 | 0 |`,
        `| [frequency\\-cap](${RULE_DOCS}frequency-cap.md) | 0 | 0 | 0 | 2 |`,
        '',
        '### calendar\\.yaml',
        '',
        `- ❌ **error** 6:5 welcome\\-email \\(welcome\\, email\\) is sent twice ([duplicate\\-message](${RULE_DOCS}duplicate-message.md))  `,
        '  segments: lessees  ',
        '  related: calendar\\.yaml\\:2\\:5 the earlier send',
        `- ⚠️ **warning** 9:5 sent at 02\\:00 ([quiet\\-hours](${RULE_DOCS}quiet-hours.md))`,
        '',
        '### journeys\\.yaml',
        '',
        `- ℹ️ **info** 3:7 sent at 23\\:00 ([quiet\\-hours](${RULE_DOCS}quiet-hours.md))`,
        '',
      ].join('\n'),
    );
    expect(RULE_DOCS).toBe('https://github.com/cxlint/cxlint/blob/main/docs/rules/');
  });

  it('no findings: one line, the suppressed count included', () => {
    const hidden = finding();
    expect(render(report([], [{ finding: hidden, kind: 'external' }]))).toBe(
      `## cxlint\n\n✅ **No problems** (3 files, 2 segments, 5 sends checked; 1 suppressed)\n\n| rule | errors | warnings | infos | suppressed |\n| --- | ---: | ---: | ---: | ---: |\n| [duplicate\\-message](${RULE_DOCS}duplicate-message.md) | 0 | 0 | 0 | 1 |\n`,
    );
    expect(render(report([]))).toBe('## cxlint\n\n✅ **No problems** (3 files, 2 segments, 5 sends checked; 0 suppressed)\n');
  });

  it('with hostile text everywhere, the only structure is cxlint’s: its headings, its table, its list, its links', () => {
    const findings = HOSTILE.map((text, index) => hostileFinding(text, index, (['error', 'warning', 'info'] as const)[index % 3]));
    const text = render(report(findings));
    const lines = text.split('\n');
    const files = new Set(findings.map((f) => f.location.file)).size;
    expect(lines.filter((line) => line.startsWith('#'))).toHaveLength(1 + files);
    expect(lines.filter((line) => line.startsWith('### '))).toHaveLength(files);
    expect(lines.filter((line) => line.startsWith('- '))).toHaveLength(findings.length);
    for (const line of lines) {
      expect(line).toMatch(/^(|## cxlint|❌ \*\*|\| |### |- (❌|⚠️|ℹ️) \*\*(error|warning|info)\*\* \d+:\d+ |  segments: |  related: )/);
      if (line.startsWith('| ')) expect(separators(line)).toBe(6);
      else expect(separators(line)).toBe(0);
    }
    // no raw HTML, no link but cxlint's own to the rule docs
    expect(text).not.toContain('<');
    expect(text.split('](').length - 1).toBe(findings.length + 1);
    expect([...text.matchAll(/\]\(([^)]*)\)/g)].every((match) => match[1]!.startsWith(RULE_DOCS))).toBe(true);
    expect(text).not.toContain('javascript:');
    expect(text).not.toContain('\u001b');
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u2028\u2029\r]/);
  });
});

describe('markdown: under GitHub’s 1 MiB step-summary limit', () => {
  const many = (count: number, size: number): Report =>
    report(Array.from({ length: count }, (_, index) => finding({ message: `${'x'.repeat(size)} ${index}`, fingerprint: `f${index}`, location: { file: `f${index % 7}.yaml`, line: index + 1, column: 1, endLine: index + 1, endColumn: 2 } })));

  it('cuts before the finding that would not fit, and says how many are left out', () => {
    for (const limit of [2_000, 5_000, 20_000]) {
      const r = many(200, 100);
      const text = render(r, limit);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(limit);
      const shown = text.split('\n').filter((line) => line.startsWith('- ')).length;
      const cut = /\n\*\*(\d+) more findings not shown\*\*: GitHub limits a step summary to 1 MiB; the full list is in the other reports \(`-f json`\)\.\n$/.exec(text);
      expect(cut).not.toBeNull();
      expect(shown + Number(cut![1])).toBe(200);
      expect(shown).toBeGreaterThan(0);
    }
  });

  it('the default limit holds a large report under 1 MiB (multi-byte text counted in bytes)', () => {
    const r = many(20_000, 60);
    for (const f of r.findings) f.message = `é€😀${f.message}`;
    const text = [...markdown(r, { color: false })].join('');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(SUMMARY_LIMIT).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(text)).toBeGreaterThan(SUMMARY_LIMIT - 1_000);
    expect(text).toMatch(/\*\*\d+ more findings not shown\*\*/);
  });

  it('a report that fits is not cut', () => {
    const text = render(many(50, 100));
    expect(text).not.toContain('not shown');
    expect(text.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(50);
  });
});

describe('markdown: cxlint check -f github -f markdown:$GITHUB_STEP_SUMMARY on examples/lease-end', () => {
  it('annotations on standard output, the summary in the (existing, empty) summary file', () => {
    const root = leaseEnd();
    const summary = path.join(root, 'step_summary');
    fs.writeFileSync(summary, '');
    const run = cxlint(['check', '-f', 'github', '-f', `markdown:${summary}`], { cwd: root, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error '))).toHaveLength(4);
    const text = fs.readFileSync(summary, 'utf8');
    expect(text.startsWith('## cxlint\n\n❌ **4 problems** (4 errors, 0 warnings, 0 infos; 0 suppressed) in 4 files, 2 segments, 5 sends checked\n')).toBe(true);
    expect(text).toContain(`| [state\\-conflict](${RULE_DOCS}state-conflict.md) | 2 | 0 | 0 | 0 |`);
    expect(text.split('\n').filter((line) => line.startsWith('### '))).toEqual(['### calendar\\.yaml', '### journeys\\.yaml']);
    expect(text.split('\n').filter((line) => line.startsWith('- ❌ **error** '))).toHaveLength(4);
  });
});
