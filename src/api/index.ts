// The programmatic API (`import { lint, formatters } from 'cxlint'`): the pipeline `cxlint check` runs, for teams that
// build their own tooling. It reads plan files and never writes one: recording or pruning suppressions stays a
// command-line act, reviewed in a diff.
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import type { LintOptions as EngineOptions } from '../engine/lint.js';
import { lintPlan, lintTexts, readPlan } from '../engine/lint.js';
import { applySuppressions, readSuppressions, recordedContext } from '../engine/suppressions.js';
import { reportOf } from '../reporters/report.js';
import { displayPath } from '../files/paths.js';
import type { SeveritySetting } from '../findings/finding.js';
import type { FormatName } from '../reporters/index.js';
import { FORMAT_NAMES, REPORTERS } from '../reporters/index.js';
import type { Report } from '../reporters/types.js';
import { UsageError } from '../errors.js';

export { UsageError };
export type { Category, Finding, Location, RelatedLocation, RelativeTime, Severity, SeveritySetting } from '../findings/finding.js';
export type { Suppressed } from '../findings/suppress.js';
export type { Report, ReportSummary } from '../reporters/types.js';
export type { FormatName } from '../reporters/index.js';

/** The version of cxlint, as `cxlint --version` prints it and every report records it. */
export const version: string = packageJson.version;

export interface LintOptions {
  /** The folder paths are relative to and the config is looked for from (as the working folder of `cxlint check`). Default: `process.cwd()`. */
  cwd?: string;
  /** A config file (`--config`), or `false` for the recommended preset alone (`--no-config`). Default: found from the paths. */
  config?: string | false;
  /** Severities by rule id, over the config's (`--rule ID:SEVERITY`). */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** The horizon's first day (`--from`, an ISO date in the config's zone). */
  from?: string;
  /** The horizon's last day (`--to`). */
  to?: string;
  /** The suppressions file (`--suppressions`). Default: `cxlint-suppressions.json` next to the config. */
  suppressions?: string;
  /** Errors only (`--quiet`). */
  quiet?: boolean;
  /** Also compute the timelines as data, which `formatters.html` draws (the CLI does when `-f html` is asked for). */
  html?: boolean;
}

/**
 * Lints the plan files under `paths` (files, folders or globs; default the whole `cwd`) as `cxlint check` does, and
 * returns the report every formatter takes. Findings in the suppressions file are in `report.suppressed`; entries of
 * that file that match no finding are left alone (the command line fails on them, to have them pruned).
 *
 * Throws a `UsageError` where `cxlint check` exits 2: no plan files, a broken config, an unknown rule.
 */
export async function lint(paths: readonly string[] = [], options: LintOptions = {}): Promise<Report> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const engineOptions: EngineOptions = {
    cwd,
    paths: [...paths],
    configFile: typeof options.config === 'string' ? options.config : undefined,
    noConfig: options.config === false,
    ruleFlags: Object.entries(options.rules ?? {}).map(([rule, severity]) => `${rule}:${severity}`),
    horizon: { from: options.from, to: options.to },
    suppressions: options.suppressions,
  };
  const read = await readPlan(engineOptions);
  const result = lintPlan(read, engineOptions.horizon, { view: options.html });
  const entries = await readSuppressions(read.suppressionsFile, displayPath(read.suppressionsFile, cwd));
  const recorded = applySuppressions(result.findings, entries, recordedContext(read));
  return reportOf(result, recorded, { version, root: cwd, quiet: options.quiet });
}

/**
 * Lints plan files given as text (`{ 'calendar.yaml': '…' }`), with a config given as the text of a
 * `cxlint.config.yaml` or the recommended preset: nothing is read from disk, so an editor can lint unsaved buffers.
 */
export function lintText(files: Readonly<Record<string, string>>, options: { config?: string; from?: string; to?: string } = {}): Report {
  const result = lintTexts({ ...files }, { config: options.config, horizon: { from: options.from, to: options.to } });
  return reportOf(result, { kept: result.findings, suppressed: [] }, { version, root: '.' });
}

/** Formats a report as `cxlint check -f NAME` writes it. `color` adds terminal colours to `stylish`. */
export type Formatter = (report: Report, options?: { color?: boolean }) => string;

function formatter(name: FormatName): Formatter {
  const reporter = REPORTERS[name];
  return (report, options = {}) => {
    if (name === 'html' && !report.picture) throw new UsageError("formatters.html draws the plan's timelines: lint with { html: true }");
    return [...reporter(report, { color: options.color ?? false })].join('');
  };
}

/** Every output format of `cxlint check -f`, by name. */
export const formatters: Readonly<Record<FormatName, Formatter>> = Object.freeze(
  Object.fromEntries(FORMAT_NAMES.map((name) => [name, formatter(name)])) as Record<FormatName, Formatter>,
);
