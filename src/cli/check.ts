import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { LintOptions, LintResult, PlanResult } from '../engine/lint.js';
import type { SuppressionEntry } from '../engine/suppressions.js';
import { SUPPRESSIONS_FILE, applySuppressions, entriesFor, readSuppressions, recordedContext } from '../engine/suppressions.js';
import { reportOf, runStarted } from '../reporters/report.js';
import { displayPath } from '../files/paths.js';
import { suppressionsText } from '../reporters/suppressions.js';
import { RULES_BY_ID } from '../rules/index.js';
import { lintPlan, readPlan } from '../engine/lint.js';
import type { Finding } from '../findings/finding.js';
import type { Suppressed } from '../findings/suppress.js';
import { FORMAT_NAMES, PRINTS_FINGERPRINTS, REPORTERS } from '../reporters/index.js';
import { useColour } from './colour.js';
import type { OutputSpec, OutputTarget } from './output.js';
import { outputSpecs, refuseClashes, resolveTarget, targetsOf, writeOutput, writeReport } from './output.js';
import { addPlanOptions, collect } from './plan-options.js';

export interface CheckFlags {
  format?: string[];
  output?: string;
  maxWarnings?: string;
  quiet?: boolean;
  rule?: string[];
  config?: string | false;
  color: boolean;
  debug?: boolean;
  from?: string;
  to?: string;
  suppressions?: string;
  suppressAll?: boolean;
  suppressRule?: string[];
  pruneSuppressions?: boolean;
  passOnUnprunedSuppressions?: boolean;
  reportUnusedDisables?: boolean;
}

function maxWarnings(text: string | undefined): number {
  if (text === undefined) return Infinity;
  if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings takes a whole number, not "${text}"`);
  return Number(text);
}

/** `cxlint check`: lints the plan, writes each report, and returns the exit code of SPEC 8. */
export async function runCheck(paths: string[], flags: CheckFlags, version: string, debug: ((message: string) => void) | undefined): Promise<number> {
  const specs = outputSpecs(flags.format, flags.output, FORMAT_NAMES, 'stylish');
  const limit = maxWarnings(flags.maxWarnings);
  const options: LintOptions = {
    cwd: process.cwd(),
    paths,
    configFile: typeof flags.config === 'string' ? flags.config : undefined,
    noConfig: flags.config === false,
    ruleFlags: [...(flags.rule ?? []), ...(flags.reportUnusedDisables ? ['unused-suppression:warning'] : [])],
    horizon: { from: flags.from, to: flags.to },
    suppressions: flags.suppressions,
    debug,
  };
  // Findings outside the horizon asked for are not made: which entries match nothing cannot be told.
  if (flags.pruneSuppressions && seesPartOfHorizon(flags)) {
    throw new UsageError('--prune-suppressions drops the entries that no finding matches, so it checks the whole plan: run it without --from and --to');
  }
  const started = runStarted();
  const targets = await targetsOf(specs, options.cwd);
  const read = await readPlan(options);
  const suppressionsTarget = await resolveTarget(displayPath(read.suppressionsFile, options.cwd), options.cwd);
  const cleanReports = await cleanGitlabReports(specs, targets);
  refuseClashes(targets.filter((target) => target !== undefined), read.files.filter((file) => !cleanReports.has(file)), suppressionsTarget);
  const recorded = await readSuppressions(read.suppressionsFile, suppressionsTarget.given);
  const result = lintPlan(read, options.horizon, {
    view: specs.some((spec) => spec.format === 'html'),
    fingerprints: specs.some((spec) => PRINTS_FINGERPRINTS.has(spec.format)) || recorded.length > 0 || recordsSuppressions(flags),
  });
  const report = reportOf(result, await suppressRecorded(result, recorded, read, flags, suppressionsTarget, debug), { version, root: options.cwd, quiet: flags.quiet, started });
  for (const [index, spec] of specs.entries()) {
    const target = targets[index];
    const colour = target === undefined && useColour(process.stdout, !flags.color);
    const pieces = REPORTERS[spec.format](report, { color: colour });
    await writeOutput(target, pieces);
  }
  if (report.summary.warnings > limit) process.stderr.write(`cxlint: too many warnings (${report.summary.warnings}, maximum ${limit})\n`);
  return report.summary.errors > 0 || report.summary.warnings > limit ? 1 : 0;
}

/**
 * The files this run's gitlab reports go to that hold a clean run's GitLab report, `[]`: the one report that may replace
 * such a file, found in the folder (a CI job writes it beside the plans). Any other report over a file of `[]`, which
 * could be another tool's empty list, is refused as over any file the run reads.
 */
async function cleanGitlabReports(specs: OutputSpec[], targets: Array<OutputTarget | undefined>): Promise<Set<string>> {
  const clean = new Set<string>();
  for (const [index, spec] of specs.entries()) {
    const target = targets[index];
    if (spec.format !== 'gitlab' || target?.kind !== 'file') continue;
    const size = (await stat(target.path).catch(() => undefined))?.size ?? Infinity;
    if (size <= 16 && (await readFile(target.path, 'utf8')).trim() === '[]') clean.add(target.path);
  }
  return clean;
}

/** Whether the run checks part of the horizon only (`--from`, `--to`): the findings outside it are not made. */
function seesPartOfHorizon(flags: CheckFlags): boolean {
  return flags.from !== undefined || flags.to !== undefined;
}

/** Whether the run writes the suppressions file: `--suppress-all`, `--suppress-rule` or `--prune-suppressions`. */
function recordsSuppressions(flags: CheckFlags): boolean {
  return flags.suppressAll === true || (flags.suppressRule?.length ?? 0) > 0 || flags.pruneSuppressions === true;
}

/**
 * The suppressions file: `--suppress-all` / `--suppress-rule` record findings in it, `--prune-suppressions` drops the
 * entries no finding matches any more; then the recorded findings are taken out of the report. Entries left that
 * match nothing are a usage error (as in ESLint) unless `--pass-on-unpruned-suppressions`: a fixed problem must leave
 * the file too, or the file would hide it if it came back. What a run records is written first, as ESLint does. A run
 * over part of the horizon (`--from`, `--to`) does not see every finding, so its unmatched entries are no error.
 */
async function suppressRecorded(
  result: LintResult,
  recorded: SuppressionEntry[],
  read: PlanResult,
  flags: CheckFlags,
  target: OutputTarget,
  debug: ((message: string) => void) | undefined,
): Promise<{ kept: Finding[]; suppressed: Suppressed[] }> {
  const shown = target.given;
  const suppressRule = flags.suppressRule ?? [];
  const unknown = suppressRule.filter((rule) => !RULES_BY_ID.has(rule));
  if (unknown.length > 0) throw new UsageError(`--suppress-rule: unknown rule ${unknown.join(', ')}`);
  const toRecord = flags.suppressAll ? result.findings : result.findings.filter((finding) => suppressRule.includes(finding.rule));
  let entries = [...recorded, ...entriesFor(toRecord, read.fingerprintPath)];
  const applied = applySuppressions(result.findings, entries, recordedContext(read));
  if (flags.pruneSuppressions) {
    const gone = new Set(applied.unmatched.map((entry) => entry.fingerprint));
    entries = entries.filter((entry) => !gone.has(entry.fingerprint));
  }
  const text = suppressionsText(entries);
  if (recordsSuppressions(flags) && text !== suppressionsText(recorded)) {
    await writeReport(target, [text]);
    debug?.(`suppressions: ${shown} now records ${new Set(entries.map((entry) => entry.fingerprint)).size} findings`);
  }
  const stale = flags.pruneSuppressions || flags.passOnUnprunedSuppressions || seesPartOfHorizon(flags) ? [] : applied.unmatched;
  if (stale.length > 0) {
    const [count, them] = stale.length === 1 ? ['1 suppression that no longer occurs', 'it'] : [`${stale.length} suppressions that no longer occur`, 'them'];
    throw new UsageError(`${shown} has ${count}: run again with --prune-suppressions to drop ${them} (or --pass-on-unpruned-suppressions)`);
  }
  return { kept: applied.kept, suppressed: applied.suppressed };
}

export function addCheckOptions(command: Command): Command {
  return addPlanOptions(command)
    .option('-f, --format <name[:file]>', 'output format (stylish, json, sarif, junit, github, gitlab, markdown, html), optionally to a file; repeatable', collect)
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--max-warnings <n>', 'exit with 1 when there are more warnings than this')
    .option('--quiet', 'report errors only')
    .option('--rule <id:severity>', 'set a rule severity (off, info, warning, error); repeatable', collect)
    .option('--no-color', 'no colour in the output')
    .option('--suppressions <file>', `the suppressions file (default: ${SUPPRESSIONS_FILE} next to the config)`)
    .option('--suppress-all', 'record every current finding in the suppressions file; they are not reported again')
    .option('--suppress-rule <id>', "record the current findings of one rule in the suppressions file; repeatable", collect)
    .option('--prune-suppressions', 'drop the entries of the suppressions file that no finding matches any more')
    .option('--pass-on-unpruned-suppressions', 'do not fail when the suppressions file has entries that match nothing')
    .option('--report-unused-disables', 'report cxlint-disable comments that suppress nothing (unused-suppression)');
}
