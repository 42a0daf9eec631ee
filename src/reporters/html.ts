import { SCRIPT, SCRIPT_HASH, STYLE, STYLE_HASH } from '../generated/report-page.js';
import type { Finding } from '../findings/finding.js';
import { noscript } from './html-noscript.js';
import type { FindingView, PageData } from './page-data.js';
import { REPOSITORY } from './rules.js';
import { safeJson } from './sanitize.js';
import type { Reporter } from './types.js';

// Inside a <script> element only `</script` (and `<!--`, which changes how the parser looks for it) can end it; JSON
// escapes for `<` and `>` leave neither, and `&` is escaped too so that the text means the same in any HTML context.
// Each escape is inside a JSON string (the structure of JSON has none of these characters), so the text parses to the
// same value.
const SCRIPT_UNSAFE = /[<>&]/g;

/**
 * JSON that can stand inside a `<script type="application/json">` element: no plan text can close the element. It is
 * also safe JSON for a terminal or CI log (safeJson: C1 controls, bidi controls, line separators, `##[`), where a page
 * written to standard output (`-f html`) goes first.
 */
export function scriptJson(value: unknown): string {
  return safeJson(JSON.stringify(value)).replace(SCRIPT_UNSAFE, (character) => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/**
 * The page may run only its own script and use only its own style (by hash), and may fetch, connect to, frame or
 * submit to nothing: a report opened from disk makes no network request, even if some plan text became markup.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src '${SCRIPT_HASH}'`,
  `style-src '${STYLE_HASH}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Findings are written a thousand at a time: 60,000 of them never make one string. */
const CHUNK = 1000;

/**
 * `-f html`: one self-contained page (docs/report.md). The reporter only serialises: the findings, numbered against the
 * plan's files and segments, and the timelines the engine computed; the page's script (report/, bundled into
 * src/generated/report-page.js by the build) lays them out in the browser. Before them, a <noscript> holds the header
 * and the findings as a plain list for a browser with JavaScript off (src/reporters/html-noscript.ts).
 */
export const html: Reporter = function* (report) {
  const picture = report.picture;
  // The CLI adds the picture whenever this format is asked for; a report without it is a bug, not bad input.
  if (!picture) throw new Error('the html format needs the plan view (Report.picture)');
  const plan = { ...picture.view, files: [...picture.view.files] };
  const fileIndex = new Map(plan.files.map((file, index) => [file, index]));
  const fileOf = (file: string): number => fileIndex.get(file) ?? fileIndex.set(file, plan.files.push(file) - 1).get(file)!;
  const segmentIndex = new Map(plan.segments.map((segment, index) => [segment.id, index]));
  const findingView = (finding: Finding): FindingView => {
    const view: FindingView = {
      rule: finding.rule,
      severity: finding.severity,
      category: finding.category,
      message: finding.message,
      file: fileOf(finding.location.file),
      line: finding.location.line,
      column: finding.location.column,
      segments: finding.segments.flatMap((id) => segmentIndex.get(id) ?? []),
    };
    if (finding.at) view.at = finding.at;
    if (finding.after) view.after = finding.after;
    if (finding.related.length) view.related = finding.related.map((related) => [fileOf(related.file), related.line, related.column, related.message]);
    return view;
  };
  // The findings go first, as they add the files they name to the plan's table, which is written after them.
  const data: Omit<PageData, 'findings' | 'plan'> = {
    tool: { name: 'cxlint', version: report.version },
    time: picture.time,
    checked: picture.checked,
    ...(picture.config === undefined ? {} : { config: picture.config }),
    summary: report.summary,
    docs: `${REPOSITORY}/blob/main/docs/rules/`,
  };
  yield '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n';
  yield `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">\n`;
  yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n';
  yield `<title>cxlint report</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`;
  yield* noscript(report, picture);
  yield `<script type="application/json" id="cxlint-data">${scriptJson(data).slice(0, -1)},"findings":[`;
  for (let start = 0; start < report.findings.length; start += CHUNK) {
    const chunk = report.findings.slice(start, start + CHUNK).map((finding) => scriptJson(findingView(finding)));
    yield `${start ? ',' : ''}${chunk.join(',')}`;
  }
  yield `],"plan":${scriptJson(plan)}}</script>\n`;
  yield `<script>${SCRIPT}</script>\n</body>\n</html>\n`;
};
