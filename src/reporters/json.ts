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
    // Left out when undefined, as JSON.stringify leaves out such fields: one object literal, no spread of another.
    at: finding.at || undefined,
    after: finding.after || undefined,
    related: finding.related,
    fingerprint: finding.fingerprint,
  };
}

/**
 * Findings stringified at once: pieces of a few dozen KiB. JSON.stringify returns a tree of parts, which V8 copies
 * flat before it can be cut or encoded; a megabyte's tree is much slower to copy than small ones (500 findings a
 * batch took 2.5 times as long as 20).
 */
const BATCH = 20;

/** The JSON report of SPEC 9 (fields may be added, never removed or renamed), indented as JSON.stringify(…, null, 2). */
export const json: Reporter = function* ({ version, findings, summary }) {
  const { errors, warnings, infos, suppressed, files, segments, sends } = summary;
  const head = JSON.stringify({ tool: { name: 'cxlint', version }, summary: { errors, warnings, infos, suppressed, files, segments, sends }, findings: [] }, null, 2);
  if (findings.length === 0) {
    yield `${head}\n`;
    return;
  }
  yield `${head.slice(0, head.lastIndexOf('[]'))}[\n`;
  // Findings are stringified in batches, inside an object at the report's depth, so that JSON.stringify indents them
  // as the whole report would be (no re-indenting); the batch's text is cut out of that object.
  for (let start = 0; start < findings.length; start += BATCH) {
    const batch = findings.slice(start, start + BATCH).map(findingJson);
    const text = JSON.stringify({ findings: batch }, null, 2);
    const elements = text.slice(text.indexOf('[') + 2, text.lastIndexOf(']') - 3);
    yield `${safeJson(elements)}${start + BATCH < findings.length ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
};
