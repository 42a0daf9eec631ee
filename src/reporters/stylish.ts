import { Chalk } from 'chalk';
import type { Finding, Severity } from '../findings/finding.js';
import { safeText } from './sanitize.js';
import type { Reporter } from './types.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.location.file) ?? groups.set(finding.location.file, []).get(finding.location.file)!;
    group.push(finding);
  }
  return groups;
}

/** The default terminal report, as ESLint's: grouped by file, `line:col  severity  message  rule`, then a summary. */
export const stylish: Reporter = function* ({ findings, summary }, { color }) {
  const paint = new Chalk({ level: color ? 1 : 0 });
  const severityText: Record<Severity, string> = { error: paint.red('error'), warning: paint.yellow('warning'), info: paint.blue('info') };
  let first = true;
  for (const [file, group] of groupByFile(findings)) {
    yield `${first ? '' : '\n'}${paint.underline(safeText(file))}\n`;
    first = false;
    const width = group.reduce((widest, f) => Math.max(widest, `${f.location.line}:${f.location.column}`.length), 0);
    // One piece per finding: a file of 300,000 findings is never one string.
    for (const finding of group) {
      const position = `${finding.location.line}:${finding.location.column}`.padEnd(width);
      const severity = severityText[finding.severity] + ' '.repeat('warning'.length - finding.severity.length);
      let text = `  ${paint.dim(position)}  ${severity}  ${safeText(finding.message)}  ${paint.dim(finding.rule)}\n`;
      const indent = ' '.repeat(width + 4);
      if (finding.segments.length > 0) text += `${indent}${paint.dim('segments:')} ${safeText(finding.segments.join(', '))}\n`;
      for (const related of finding.related) {
        text += `${indent}${paint.dim('related:')} ${safeText(`${related.file}:${related.line}:${related.column}`)} ${safeText(related.message)}\n`;
      }
      yield text;
    }
  }
  const total = summary.errors + summary.warnings + summary.infos;
  const counted = `${summary.files} ${summary.files === 1 ? 'file' : 'files'}, ${plural(summary.segments, 'segment')}, ${plural(summary.sends, 'send')}`;
  if (total === 0) {
    yield `${paint.green(`✔ no problems (${counted} checked)`)}\n`;
  } else {
    const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning')];
    if (summary.infos > 0) parts.push(plural(summary.infos, 'info'));
    const mark = summary.errors > 0 ? paint.red.bold : paint.yellow.bold;
    yield `\n${mark(`✖ ${plural(total, 'problem')} (${parts.join(', ')})`)}${paint.dim(` in ${counted}`)}\n`;
  }
  if (summary.suppressed > 0) yield `${paint.dim(`${summary.suppressed} suppressed`)}\n`;
};
