import type { Finding, Severity } from '../findings/finding.js';
import type { Suppressed } from '../findings/suppress.js';
import type { LintResult } from '../engine/lint.js';
import { displayPath } from '../files/paths.js';
import type { Report } from './types.js';

function count(findings: readonly Finding[], severity: Severity): number {
  let total = 0;
  for (const finding of findings) if (finding.severity === severity) total++;
  return total;
}

/**
 * What every reporter formats, from a run's result once the suppressions file has taken its findings out: the
 * findings shown, every suppressed one (comments' and the file's), and the totals. `cxlint check` and the
 * programmatic API build it the same way, so that a formatter gives the same text from either.
 */
export function reportOf(
  result: Pick<LintResult, 'summary' | 'suppressed' | 'view' | 'config'>,
  recorded: { kept: Finding[]; suppressed: Suppressed[] },
  environment: { version: string; root: string; quiet?: boolean; started?: string },
): Report {
  const findings = environment.quiet ? recorded.kept.filter((finding) => finding.severity === 'error') : recorded.kept;
  const suppressed = [...result.suppressed, ...recorded.suppressed];
  const report: Report = {
    version: environment.version,
    root: environment.root,
    findings,
    suppressed,
    summary: {
      ...result.summary,
      errors: count(findings, 'error'),
      warnings: count(findings, 'warning'),
      infos: count(findings, 'info'),
      suppressed: suppressed.length,
    },
  };
  if (result.view) report.picture = { view: result.view, config: configShown(result, environment.root), time: environment.started ?? runStarted(), checked: true };
  return report;
}

/**
 * When the run started, as the HTML report shows it (ISO 8601): `SOURCE_DATE_EPOCH` (seconds), the reproducible-builds
 * convention, when set, so that a report written twice from one plan is the same file (the README's screenshot is).
 */
export function runStarted(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return new Date(epoch && /^\d{1,12}$/.test(epoch) ? Number(epoch) * 1000 : Date.now()).toISOString();
}

/** The config file as findings name files, or undefined when the preset alone is in force. */
export function configShown(read: { config: { file?: string } }, cwd: string): string | undefined {
  return read.config.file === undefined ? undefined : displayPath(read.config.file, cwd);
}
