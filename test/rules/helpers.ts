import { lintTexts } from '../../src/engine/lint.js';
import type { Finding, RelativeTime } from '../../src/findings/finding.js';
import { sharedPlaces } from '../one-finding.js';

/** A finding as rule tests compare it: where, how bad, what it says, which segments, and when (`at`, or `after` on a relative run). */
export interface Brief {
  rule: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  segments: readonly string[];
  at?: string;
  after?: RelativeTime;
}

export function brief(finding: Finding): Brief {
  const { rule, severity, message, segments, location, at, after } = finding;
  return { rule, file: location.file, line: location.line, column: location.column, severity, message, segments, ...(at ? { at } : {}), ...(after ? { after } : {}) };
}

/**
 * Lints a plan made of the given files (name → text) in memory, as `cxlint check .` would in a folder of them.
 * A `cxlint.config.yaml` among the files is the config; without one, the recommended preset alone. One problem
 * reported twice by any rule (SPEC 5) fails the test.
 */
export async function lintFiles(files: Record<string, string>, options: { from?: string; to?: string } = {}): Promise<Finding[]> {
  const { 'cxlint.config.yaml': config, ...plan } = files;
  const { findings } = lintTexts(plan, { config, horizon: options });
  const twice = sharedPlaces(findings);
  if (twice.length > 0) throw new Error(`one problem, several findings:\n${twice.join('\n')}`);
  return findings;
}

/** The findings of one rule, briefly; throws if the plan has input problems, which would make the test meaningless. */
export async function findingsOf(rule: string, files: Record<string, string>, options: { from?: string; to?: string } = {}): Promise<Brief[]> {
  const findings = await lintFiles(files, options);
  const input = findings.filter((finding) => finding.category === 'input');
  if (input.length > 0) throw new Error(`the test plan has input problems:\n${input.map((f) => `${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`).join('\n')}`);
  return findings.filter((finding) => finding.rule === rule).map(brief);
}
