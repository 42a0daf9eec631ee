import type { Finding, Severity } from '../findings/finding.js';
import { safeText } from './sanitize.js';
import type { Reporter } from './types.js';

// GitHub Actions workflow commands (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
// one `::error …::message` line per finding becomes an annotation on the file and lines, in the run and the pull request.

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** The message of a command, escaped as @actions/core's `escapeData` does (lib/command.js): %, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a command, escaped as @actions/core's `escapeProperty` does: also `:` and `,`, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The annotation's text: the message, then the segments and related places on lines of their own (the runner shows
 * `%0A` as a line break). Each piece of plan text goes through `safeText` first, so that the only line breaks are these.
 */
export function annotationMessage(finding: Finding): string {
  const lines = [safeText(finding.message)];
  if (finding.segments.length > 0) lines.push(`segments: ${safeText(finding.segments.join(', '))}`);
  for (const related of finding.related) lines.push(`related: ${safeText(`${related.file}:${related.line}:${related.column}`)} ${safeText(related.message)}`);
  return lines.join('\n');
}

/** @actions/core's `AnnotationProperties`, which its `toCommandProperties` turns into `title`, `file`, `line`, `endLine`, `col`, `endColumn`. */
export interface AnnotationProperties {
  title: string;
  file: string;
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
}

/**
 * Where the annotation goes. A range that ends at column 1 of a later line (a YAML item ends where the next begins)
 * ends on the line before. Columns are given only on a one-line range: the runner drops them otherwise
 * (ValidateLinesAndColumns in actions/runner), after a debug message.
 */
export function annotationProperties(finding: Finding): AnnotationProperties {
  const { file, line, column, endColumn } = finding.location;
  const endLine = finding.location.endLine > line && endColumn === 1 ? finding.location.endLine - 1 : Math.max(finding.location.endLine, line);
  const columns = endLine === line ? { startColumn: column, endColumn: Math.max(endColumn, column) } : {};
  return { title: `cxlint (${safeText(finding.rule)})`, file: safeText(file), startLine: line, endLine, ...columns };
}

const PROPERTY_NAMES: ReadonlyArray<[keyof AnnotationProperties, string]> = [
  ['title', 'title'],
  ['file', 'file'],
  ['startLine', 'line'],
  ['endLine', 'endLine'],
  ['startColumn', 'col'],
  ['endColumn', 'endColumn'],
];

/**
 * One workflow command, byte for byte what `core.error(message, properties)` (or warning, notice) prints: the
 * properties in @actions/core's order, one without a value (undefined, 0, '') left out as it does.
 */
export function annotation(finding: Finding): string {
  const properties = annotationProperties(finding);
  const written = PROPERTY_NAMES.flatMap(([key, name]) => {
    const value = properties[key];
    return value === undefined || value === 0 || value === '' ? [] : [`${name}=${escapeProperty(String(value))}`];
  });
  return `::${COMMAND[finding.severity]} ${written.join(',')}::${escapeData(annotationMessage(finding))}`;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * `-f github`: an annotation per finding (error, warning, notice for info), then one plain line of totals. Suppressed
 * findings get no annotation (they were accepted; annotating them would undo the suppression in the pull request):
 * the totals line counts them. It is not a `::notice::`, which would add an annotation to every run that has any.
 */
export const github: Reporter = function* ({ findings, summary }) {
  for (const finding of findings) yield `${annotation(finding)}\n`;
  const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), plural(summary.infos, 'info')];
  yield `cxlint: ${parts.join(', ')}; ${summary.suppressed} suppressed (not annotated)\n`;
};
