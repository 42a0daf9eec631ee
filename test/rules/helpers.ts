import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lint } from '../../src/engine/lint.js';
import type { Finding } from '../../src/findings/finding.js';

/** A finding as rule tests compare it: where, how bad, what it says, and which segments. */
export interface Brief {
  rule: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  segments: string[];
}

export function brief(finding: Finding): Brief {
  const { rule, severity, message, segments, location } = finding;
  return { rule, file: location.file, line: location.line, column: location.column, severity, message, segments };
}

/**
 * Lints a plan made of the given files (name → text) in a temporary folder, as `cxlint check .` run there would.
 * A `cxlint.config.yaml` among the files is used as the config; without one, the recommended preset alone.
 */
export async function lintFiles(files: Record<string, string>, options: { from?: string; to?: string } = {}): Promise<Finding[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cxlint-rule-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const hasConfig = Object.keys(files).includes('cxlint.config.yaml');
    const result = await lint({ cwd: dir, paths: ['.'], noConfig: !hasConfig, configFile: hasConfig ? path.join(dir, 'cxlint.config.yaml') : undefined, horizon: options });
    return result.findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The findings of one rule, briefly; throws if the plan has input problems, which would make the test meaningless. */
export async function findingsOf(rule: string, files: Record<string, string>, options: { from?: string; to?: string } = {}): Promise<Brief[]> {
  const findings = await lintFiles(files, options);
  const input = findings.filter((finding) => finding.category === 'input');
  if (input.length > 0) throw new Error(`the test plan has input problems:\n${input.map((f) => `${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`).join('\n')}`);
  return findings.filter((finding) => finding.rule === rule).map(brief);
}
