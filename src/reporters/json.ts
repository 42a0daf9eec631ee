import type { Finding } from '../findings/finding.js';
import { safeJson } from './sanitize.js';
import type { Reporter } from './types.js';

function findingJson(finding: Finding): unknown {
  return {
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
    ...(finding.after ? { after: finding.after } : {}),
    related: finding.related,
    fingerprint: finding.fingerprint,
  };
}

/** The JSON report of SPEC 9 (fields may be added, never removed or renamed), indented as JSON.stringify(…, null, 2). */
export const json: Reporter = function* ({ version, findings, summary }) {
  const { errors, warnings, infos, suppressed, files, segments, sends } = summary;
  const head = JSON.stringify({ tool: { name: 'cxlint', version }, summary: { errors, warnings, infos, suppressed, files, segments, sends }, findings: [] }, null, 2);
  if (findings.length === 0) {
    yield `${head}\n`;
    return;
  }
  yield `${head.slice(0, head.lastIndexOf('[]'))}[\n`;
  for (const [index, finding] of findings.entries()) {
    const text = safeJson(JSON.stringify(findingJson(finding), null, 2)).replace(/\n/g, '\n    ');
    yield `    ${text}${index < findings.length - 1 ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
};
