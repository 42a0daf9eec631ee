import type { Finding, Severity } from '../findings/finding.js';
import type { Suppressed } from '../findings/suppress.js';
import type { LintResult } from '../engine/lint.js';
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
  result: Pick<LintResult, 'summary' | 'suppressed'>,
  recorded: { kept: Finding[]; suppressed: Suppressed[] },
  environment: { version: string; root: string; quiet?: boolean },
): Report {
  const findings = environment.quiet ? recorded.kept.filter((finding) => finding.severity === 'error') : recorded.kept;
  const suppressed = [...result.suppressed, ...recorded.suppressed];
  return {
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
}
