import type { Reporter } from './types.js';

/** The JSON report of SPEC 9: fields may be added, never removed or renamed. */
export const json: Reporter = ({ version, findings, summary }) =>
  `${JSON.stringify(
    {
      tool: { name: 'cxlint', version },
      summary: {
        errors: summary.errors,
        warnings: summary.warnings,
        infos: summary.infos,
        suppressed: summary.suppressed,
        files: summary.files,
        segments: summary.segments,
        sends: summary.sends,
      },
      findings: findings.map((finding) => ({
        rule: finding.rule,
        severity: finding.severity,
        category: finding.category,
        message: finding.message,
        file: finding.location.file,
        line: finding.location.line,
        column: finding.location.column,
        endLine: finding.location.endLine,
        endColumn: finding.location.endColumn,
        segments: finding.segments,
        ...(finding.at ? { at: finding.at } : {}),
        related: finding.related,
        fingerprint: finding.fingerprint,
      })),
    },
    null,
    2,
  )}\n`;
