import type { Finding, Severity } from '../findings/finding.js';
import { safeJson, safeText } from './sanitize.js';
import type { Reporter } from './types.js';

// GitLab's Code Quality report (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): a JSON
// array of issues, a subset of the Code Climate spec, shown in the merge-request widget (and, on some tiers, the diff).

/** The five severities GitLab knows, lowest first. */
export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** One issue, with exactly the fields GitLab reads (all of them required by GitLab). */
export interface CodeQualityIssue {
  /** Shown in the widget. */
  description: string;
  /** The rule id. */
  check_name: string;
  /** Unique per issue: GitLab compares the head's and the base's reports by it, and shows one issue per fingerprint. */
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: {
    /** Relative to the repository root. */
    path: string;
    lines: { begin: number };
  };
}

/**
 * cxlint's severities on GitLab's scale. An error fails the run, but it is a plan problem, not a broken build: `major`,
 * leaving `critical` and `blocker` unused, as most linters' Code Quality formatters do (so that a security scanner's
 * issues still rank above a plan's).
 */
export const SEVERITY: Readonly<Record<Severity, CodeQualitySeverity>> = { error: 'major', warning: 'minor', info: 'info' };

export function codeQualityIssue(finding: Finding): CodeQualityIssue {
  const segments = finding.segments.length > 0 ? ` (segments: ${finding.segments.join(', ')})` : '';
  return {
    description: safeText(`${finding.message}${segments}`),
    check_name: finding.rule,
    fingerprint: finding.fingerprint,
    severity: SEVERITY[finding.severity],
    location: { path: finding.location.file, lines: { begin: finding.location.line } },
  };
}

/**
 * `-f gitlab`: the Code Quality report, an issue per finding, indented as JSON.stringify(…, null, 2) and given one issue
 * at a time. Suppressed findings are left out: they were accepted, and the format has no place for them. Strings are
 * escaped as the JSON report's are (`safeJson`); the description is also one line of visible text (`safeText`).
 */
export const gitlab: Reporter = function* ({ findings }) {
  if (findings.length === 0) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (const [index, finding] of findings.entries()) {
    const text = safeJson(JSON.stringify(codeQualityIssue(finding), null, 2)).replace(/\n/g, '\n  ');
    yield `  ${text}${index < findings.length - 1 ? ',' : ''}\n`;
  }
  yield ']\n';
};
