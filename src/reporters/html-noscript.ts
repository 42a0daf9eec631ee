// The HTML report as a browser with JavaScript off shows it (docs/report.md, "Without JavaScript"): the header's facts and
// the findings as a plain list, written by the reporter from the findings it already has, inside a <noscript>.
//
// Why a <noscript>, not a page drawn twice: with scripting on, the browser reads a <noscript>'s content as one text node
// (no element, no layout, nothing shown), so the page the script draws is unchanged and no list appears twice; with
// scripting off, it is ordinary markup, styled by the page's own hashed stylesheet, so the CSP needs no other hash. A
// static list that the script removed instead would be laid out, and shown, while a large report's data is read.
import { escapeUTF8 } from 'entities';
import type { Finding, Severity } from '../findings/finding.js';
import { ruleDocUrl } from './rules.js';
import { safeText } from './sanitize.js';
import type { Picture, Report } from './types.js';

/**
 * Findings listed at most, as many as the printed page lists (report/app.tsx): a reader without JavaScript gets what a
 * printed report gives, and a report of 300,000 findings adds a bounded list (about 1 MB) to its data, not a second copy.
 */
export const NOSCRIPT_FINDINGS = 2000;

/** Segments named per finding at most: one finding can concern every segment of a plan, which the data numbers. */
export const NOSCRIPT_SEGMENTS = 20;

/**
 * Plan text as HTML text or a quoted attribute value: made one visible line by safeText (bidi and control characters
 * shown as `<U+202E>`, nothing a terminal obeys, as the page may go to standard output), then `& < > " '` escaped, so
 * that no text can close the <noscript> (`</noscript>`) or open an element.
 */
export function htmlText(text: string): string {
  return escapeUTF8(safeText(text));
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
// The shapes the page's severity badge and marks use, so that the list reads without colour.
const SYMBOL: Record<Severity, string> = { error: '◆', warning: '▲', info: '●' };

const counted = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const badge = (severity: Severity): string => `<span class="severity severity-${severity}"><span aria-hidden="true">${SYMBOL[severity]}</span> ${severity}</span>`;

const fact = (term: string, html: string): string => `<div><dt>${term}</dt><dd>${html}</dd></div>`;

/** The plan's counts as the page's header says them: each calendar occurrence and journey send on a run counted once. */
function planFact({ summary }: Report, { view }: Picture): string {
  const placed = view.segments.reduce((sum, segment) => sum + segment.sends.length, 0) + view.runs.reduce((sum, run) => sum + run.sends.length, 0);
  return `${counted(summary.files, 'file')}, ${counted(summary.segments, 'segment')}, ${counted(summary.sends, 'send')} (rows and journey steps; ${placed} on the timelines), ${counted(view.journeys, 'journey')}`;
}

/** Totals by severity (and suppressed) and by category, counted from the findings as the page counts them. */
function totals({ findings, summary }: Report): string {
  const severities = new Map<Severity, number>();
  const categories = new Map<string, number>();
  for (const { severity, category } of findings) {
    severities.set(severity, (severities.get(severity) ?? 0) + 1);
    categories.set(category, (categories.get(category) ?? 0) + 1);
  }
  const bySeverity = SEVERITIES.map((severity) => `<span class="total">${badge(severity)}: <strong data-testid="total-${severity}">${severities.get(severity) ?? 0}</strong></span>`);
  const byCategory = [...categories.keys()].sort().map((category) => `<span class="total category">${htmlText(category)}: ${categories.get(category)}</span>`);
  return [...bySeverity, `<span class="total">suppressed: ${summary.suppressed}</span>`, ...byCategory].join('\n');
}

function header(report: Report, picture: Picture): string {
  const { config, time, checked, view } = picture;
  const run = `cxlint ${htmlText(report.version)}, <time datetime="${htmlText(time)}">${htmlText(time.replace('T', ' ').slice(0, 16))} UTC</time>`;
  return [
    '<header class="report-header">',
    `<h1>${checked ? 'cxlint report' : 'cxlint timeline'}</h1>`,
    '<p class="noscript-note">JavaScript is off, so this is the report as a plain list: the timelines, the segment picker and the filters need JavaScript.</p>',
    '<dl class="facts">',
    fact('Plan', planFact(report, picture)),
    fact('Horizon', htmlText(view.horizon.text)),
    fact('Config', config === undefined ? 'none (cxlint:recommended)' : htmlText(config)),
    fact('Run', run),
    '</dl>',
    '<div class="totals">',
    checked ? totals(report) : "<span class=\"total\">No rules were run: this is the plan's timeline only (cxlint check -f html draws the findings on it).</span>",
    '</div>',
    '</header>',
    '',
  ].join('\n');
}

const place = (file: string, line: number, column: number): string => htmlText(`${file}:${line}:${column}`);

/** One finding as a list item: severity, place, message and rule, then its segments and related places. */
function item(finding: Finding): string {
  const { file, line, column } = finding.location;
  const lines = [
    `<li class="noscript-finding">${badge(finding.severity)} <span class="where">${place(file, line, column)}</span> <span class="message">${htmlText(finding.message)}</span> (<a href="${htmlText(ruleDocUrl(finding.rule))}">${htmlText(finding.rule)}</a>)`,
  ];
  if (finding.segments.length > 0) {
    const named = finding.segments.slice(0, NOSCRIPT_SEGMENTS).map(htmlText).join(', ');
    const more = finding.segments.length - NOSCRIPT_SEGMENTS;
    lines.push(`<div class="segments">segments: ${named}${more > 0 ? ` and ${more} more` : ''}</div>`);
  }
  if (finding.related.length > 0) {
    lines.push('<ul class="related">');
    for (const related of finding.related) lines.push(`<li>related: <span class="where">${place(related.file, related.line, related.column)}</span> ${htmlText(related.message)}</li>`);
    lines.push('</ul>');
  }
  return `${lines.join('\n')}\n</li>\n`;
}

/** What the list says above the findings: none, all of them, or how many it leaves to the page with JavaScript on. */
function listNote(count: number): string {
  if (count === 0) return '<p class="empty">No problems found.</p>\n';
  if (count <= NOSCRIPT_FINDINGS) return '';
  return `<p>The first ${NOSCRIPT_FINDINGS} of ${count} findings are listed here. The file holds them all: open it with JavaScript on, or run cxlint with another format (-f stylish, -f json).</p>\n`;
}

/** The findings by file, in report order (by file, line, column), one piece per finding. */
function* findingList(findings: Finding[]): Generator<string> {
  yield `<main class="noscript-findings">\n<h2>Findings (${findings.length})</h2>\n${listNote(findings.length)}`;
  let file: string | undefined;
  for (const finding of findings.slice(0, NOSCRIPT_FINDINGS)) {
    const heading = finding.location.file === file ? '' : `${file === undefined ? '' : '</ul>\n</section>\n'}<section>\n<h3>${htmlText(finding.location.file)}</h3>\n<ul>\n`;
    file = finding.location.file;
    yield `${heading}${item(finding)}`;
  }
  yield `${file === undefined ? '' : '</ul>\n</section>\n'}</main>\n`;
}

/** The <noscript> element, in pieces: the header, then (for `cxlint check`) the findings. */
export function* noscript(report: Report, picture: Picture): Generator<string> {
  yield `<noscript>\n<div class="noscript-report">\n${header(report, picture)}`;
  if (picture.checked) yield* findingList(report.findings);
  yield '</div>\n</noscript>\n';
}
