import type { Finding, Severity } from '../findings/finding.js';
import { safeText } from './sanitize.js';
import type { Report, Reporter } from './types.js';
import { ruleDocUrl } from './rules.js';

/** Where a rule's doc page is read on the web (the repository of package.json's homepage); `docs/rules/<id>.md` below it. */

/**
 * GitHub refuses a step summary over 1 MiB (1,048,576 bytes); the report stops short of it, leaving room for a line of
 * the user's own and for the closing line that says how many findings were left out.
 */
export const SUMMARY_LIMIT = 1_000_000;

// Every ASCII punctuation character may be backslash-escaped in CommonMark, and is then plain text: escaping all of them
// leaves no emphasis, link, image, code span, heading, list, table cell, block quote, thematic break, autolink, math
// (`$`) or strikethrough that plan text could start. `&`, `<` and `>` become entities instead (HTML blocks and inline
// HTML start at `<`; an entity is text too). GitHub links @mentions after rendering, whatever the escaping: a zero-width
// space after `@` keeps plan text from notifying anyone.
const PUNCTUATION = /[!"#$%'()*+,\-./:;=?[\\\]^_`{|}~]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Plan text as Markdown that renders to exactly that text (made visible and one line by `safeText`), in a paragraph, a list item or a table cell. */
export function markdownText(text: string): string {
  return safeText(text)
    .replace(PUNCTUATION, '\\$&')
    .replace(/[&<>]/g, (character) => ENTITY[character]!)
    .replace(/@/g, '@\u200b');
}

const ruleLink = (rule: string): string => `[${markdownText(rule)}](${ruleDocUrl(rule)})`;

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const MARK: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

function totals({ summary }: Report): string {
  const total = summary.errors + summary.warnings + summary.infos;
  const checked = `${plural(summary.files, 'file')}, ${plural(summary.segments, 'segment')}, ${plural(summary.sends, 'send')} checked`;
  const suppressed = `${summary.suppressed} suppressed`;
  if (total === 0) return `✅ **No problems** (${checked}; ${suppressed})\n`;
  const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), plural(summary.infos, 'info')];
  return `${summary.errors > 0 ? '❌' : '⚠️'} **${plural(total, 'problem')}** (${parts.join(', ')}; ${suppressed}) in ${checked}\n`;
}

interface RuleCount {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
}

/** A row per rule that found something (reported or suppressed): most findings first, then by id. */
function ruleTable({ findings, suppressed }: Report): string {
  const counts = new Map<string, RuleCount>();
  const countOf = (rule: string): RuleCount => counts.get(rule) ?? counts.set(rule, { error: 0, warning: 0, info: 0, suppressed: 0 }).get(rule)!;
  for (const finding of findings) countOf(finding.rule)[finding.severity] += 1;
  for (const { finding } of suppressed) countOf(finding.rule).suppressed += 1;
  if (counts.size === 0) return '';
  const size = (count: RuleCount): number => count.error + count.warning + count.info;
  const rows = [...counts].sort(([a, x], [b, y]) => size(y) - size(x) || y.suppressed - x.suppressed || (a < b ? -1 : a > b ? 1 : 0));
  const lines = ['| rule | errors | warnings | infos | suppressed |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const [rule, count] of rows) lines.push(`| ${ruleLink(rule)} | ${count.error} | ${count.warning} | ${count.info} | ${count.suppressed} |`);
  return `\n${lines.join('\n')}\n`;
}

/** One finding as a list item: severity, place, message and rule, then its segments and related places on lines below. */
function item(finding: Finding): string {
  const { line, column } = finding.location;
  const lines = [`- ${MARK[finding.severity]} **${finding.severity}** ${line}:${column} ${markdownText(finding.message)} (${ruleLink(finding.rule)})`];
  if (finding.segments.length > 0) lines.push(`  segments: ${markdownText(finding.segments.join(', '))}`);
  for (const related of finding.related) lines.push(`  related: ${markdownText(`${related.file}:${related.line}:${related.column}`)} ${markdownText(related.message)}`);
  // Two spaces before a line break keep the lines of one item apart when rendered.
  return `${lines.join('  \n')}\n`;
}

/**
 * The Markdown report for a job summary or a pull-request comment, at most `limit` bytes of UTF-8: the totals and the
 * table per rule always, then the findings by file until the next one would not fit, then a line saying how many were
 * left out.
 */
export function markdownReporter(limit: number): Reporter {
  return function* (report) {
    const head = `## cxlint\n\n${totals(report)}${ruleTable(report)}`;
    yield head;
    let used = byteLength(head);
    // Room kept for the closing line: its longest form, with the largest count a report can hold.
    const reserve = byteLength(cutLine(Number.MAX_SAFE_INTEGER));
    let file: string | undefined;
    for (const [index, finding] of report.findings.entries()) {
      const heading = finding.location.file === file ? '' : `\n### ${markdownText(finding.location.file)}\n\n`;
      const text = `${heading}${item(finding)}`;
      const size = byteLength(text);
      if (used + size + reserve > limit) {
        yield cutLine(report.findings.length - index);
        return;
      }
      file = finding.location.file;
      used += size;
      yield text;
    }
  };
}

function cutLine(left: number): string {
  return `\n**${left} more ${left === 1 ? 'finding' : 'findings'} not shown**: GitHub limits a step summary to 1 MiB; the full list is in the other reports (\`-f json\`).\n`;
}

/** `-f markdown`: the report cut to stay under GitHub's step-summary limit. */
export const markdown: Reporter = markdownReporter(SUMMARY_LIMIT);
