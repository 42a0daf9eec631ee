import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { LintOptions } from '../engine/lint.js';
import { lintPlan, readPlan } from '../engine/lint.js';
import type { Finding } from '../findings/finding.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { REPORTERS } from '../reporters/index.js';
import type { Report } from '../reporters/types.js';
import { useColour } from './colour.js';
import type { OutputTarget } from './output.js';
import { refuseClashes, resolveTarget, writeReport, writeToStdout } from './output.js';
import { addPlanOptions, collect } from './plan-options.js';

export interface CheckFlags {
  format: string[];
  output?: string;
  maxWarnings?: string;
  quiet?: boolean;
  rule: string[];
  config?: string | false;
  color: boolean;
  debug?: boolean;
  from?: string;
  to?: string;
}

interface OutputSpec {
  format: string;
  file?: string;
}

function outputSpecs(flags: CheckFlags): OutputSpec[] {
  const specs = (flags.format.length ? flags.format : ['stylish']).map((spec): OutputSpec => {
    const separator = spec.indexOf(':');
    const format = separator === -1 ? spec : spec.slice(0, separator);
    const file = separator === -1 ? undefined : spec.slice(separator + 1);
    if (!REPORTERS[format]) {
      const hint = didYouMean(format, Object.keys(REPORTERS));
      throw new UsageError(`Unknown format "${format}"${hint ? `; did you mean "${hint}"?` : ''} (formats: ${Object.keys(REPORTERS).join(', ')})`);
    }
    if (file === '') throw new UsageError(`-f ${spec}: give a file after the colon, or leave the colon out`);
    return { format, file };
  });
  const toStdout = specs.filter((spec) => spec.file === undefined);
  if (flags.output !== undefined) {
    if (toStdout.length !== 1) throw new UsageError('-o names the file of one format; with several, write -f NAME:FILE for each');
    toStdout[0]!.file = flags.output;
  } else if (toStdout.length > 1) {
    throw new UsageError('Only one format can go to standard output; give the others a file, e.g. -f json:report.json');
  }
  return specs;
}

function maxWarnings(text: string | undefined): number {
  if (text === undefined) return Infinity;
  if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings takes a whole number, not "${text}"`);
  return Number(text);
}

function count(findings: Finding[], severity: Finding['severity']): number {
  return findings.filter((finding) => finding.severity === severity).length;
}

async function targetsOf(specs: OutputSpec[], cwd: string): Promise<Array<OutputTarget | undefined>> {
  return Promise.all(specs.map((spec) => (spec.file === undefined ? undefined : resolveTarget(spec.file, cwd))));
}

/** `cxlint check`: lints the plan, writes each report, and returns the exit code of SPEC 8. */
export async function runCheck(paths: string[], flags: CheckFlags, version: string, debug: (message: string) => void): Promise<number> {
  const specs = outputSpecs(flags);
  const limit = maxWarnings(flags.maxWarnings);
  const options: LintOptions = {
    cwd: process.cwd(),
    paths,
    configFile: typeof flags.config === 'string' ? flags.config : undefined,
    noConfig: flags.config === false,
    ruleFlags: flags.rule,
    horizon: { from: flags.from, to: flags.to },
    debug,
  };
  const targets = await targetsOf(specs, options.cwd);
  const read = await readPlan(options);
  refuseClashes(targets.filter((target) => target !== undefined), read.files);
  const result = lintPlan(read, options.horizon);
  const findings = flags.quiet ? result.findings.filter((finding) => finding.severity === 'error') : result.findings;
  const report: Report = {
    version,
    findings,
    summary: { ...result.summary, errors: count(findings, 'error'), warnings: count(findings, 'warning'), infos: count(findings, 'info'), suppressed: 0 },
  };
  for (const [index, spec] of specs.entries()) {
    const target = targets[index];
    const colour = target === undefined && useColour(process.stdout, !flags.color);
    const pieces = REPORTERS[spec.format]!(report, { color: colour });
    if (target === undefined) await writeToStdout(pieces);
    else await writeReport(target, pieces);
  }
  return report.summary.errors > 0 || report.summary.warnings > limit ? 1 : 0;
}

export function addCheckOptions(command: Command): Command {
  return addPlanOptions(command)
    .option('-f, --format <name[:file]>', 'output format (stylish, json), optionally to a file; repeatable', collect, [])
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--max-warnings <n>', 'exit with 1 when there are more warnings than this')
    .option('--quiet', 'report errors only')
    .option('--rule <id:severity>', 'set a rule severity (off, info, warning, error); repeatable', collect, [])
    .option('--no-color', 'no colour in the output');
}
