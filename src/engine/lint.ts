import { realpath } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { findConfigFile, presetLayer, readConfigChain } from '../config/load.js';
import type { InputMapping, ResolvedConfig } from '../config/resolve.js';
import { applyRuleFlags, resolveConfig } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { Finding, Problem } from '../findings/finding.js';
import { finalizeFindings } from '../findings/finalize.js';
import { DEFAULT_IGNORE, DEFAULT_INCLUDE, discoverFiles } from '../files/discover.js';
import { displayPath } from '../files/paths.js';
import type { CsvOptions } from '../loaders/csv.js';
import { loadFile } from '../loaders/index.js';
import { buildModel } from '../model/build.js';
import type { Plan } from '../model/types.js';
import { lineageOf } from '../model/types.js';
import { validateFragment } from '../validate/validate.js';
import type { DateTime } from 'luxon';
import { parseIsoDate } from '../time/dates.js';
import { zonedDateTime } from '../time/zoned.js';
import type { Timelines } from '../timeline/build.js';
import { buildTimelines } from '../timeline/build.js';
import { runRules } from './rules.js';
import type { ValidFragment } from '../validate/validate.js';

export interface LintOptions {
  cwd: string;
  paths: string[];
  /** `--config FILE`; otherwise the config is found by walking up from `cwd`. */
  configFile?: string;
  /** `--no-config`: the `cxlint:recommended` preset alone. */
  noConfig?: boolean;
  /** `--rule ID:SEVERITY` flags. */
  ruleFlags?: string[];
  debug?: (message: string) => void;
  /** `--from` / `--to` (ISO dates, in the config's zone): the horizon's ends, when not the plan's own. */
  horizon?: { from?: string; to?: string };
}

export interface Summary {
  files: number;
  segments: number;
  sends: number;
}

export interface LintResult {
  findings: Finding[];
  summary: Summary;
  plan: Plan;
  config: ResolvedConfig;
}

export async function loadConfig(options: LintOptions): Promise<ResolvedConfig> {
  if (options.noConfig) return resolveConfig([presetLayer('cxlint:recommended')]);
  const file = options.configFile ?? (await findConfigFile(options.cwd));
  if (!file) return resolveConfig([presetLayer('cxlint:recommended')]);
  const absolute = await realpath(path.resolve(options.cwd, file)).catch(() => {
    throw new UsageError(`No such config file: ${file}`);
  });
  const config = resolveConfig(await readConfigChain(absolute, options.cwd), absolute);
  options.debug?.(`config: ${displayPath(absolute, options.cwd)}`);
  return config;
}

/** Which `inputs[]` mapping applies to each file: the last one that matches, as later config wins. */
async function inputMappings(config: ResolvedConfig): Promise<Map<string, CsvOptions>> {
  const mappings = new Map<string, CsvOptions>();
  for (const input of config.inputs) {
    const files = await fg(input.files, { cwd: input.dir, absolute: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true });
    for (const file of files) mappings.set(await realpath(file).catch(() => file), csvOptions(input));
  }
  return mappings;
}

function csvOptions(input: InputMapping): CsvOptions {
  const { kind, delimiter, dateFormat, timezone, columns } = input;
  return { kind, delimiter, dateFormat, timezone, columns };
}

export interface PlanResult {
  plan: Plan;
  config: ResolvedConfig;
  /** Problems the loading stages found (input rules). */
  problems: Problem[];
  summary: Summary;
}

/** The stages every command shares: files → loaders → validation → model. */
export async function readPlan(options: LintOptions): Promise<PlanResult> {
  const config = await loadConfig(options);
  applyRuleFlags(config, options.ruleFlags ?? []);
  const inputs = await discoverFiles(options.paths.length ? options.paths : ['.'], {
    cwd: options.cwd,
    include: config.include ?? DEFAULT_INCLUDE,
    ignore: [...DEFAULT_IGNORE, ...config.ignore],
    exclude: config.file ? [config.file] : [],
  });
  const mappings = await inputMappings(config);
  const loaded = await Promise.all(inputs.map((input) => loadFile(input, mappings.get(input.absolutePath))));
  const problems: Problem[] = [];
  const fragments: ValidFragment[] = [];
  let files = 0;
  for (const file of loaded) {
    if (file.skipped) {
      options.debug?.(`skipped ${file.input.file}: ${file.skipped}`);
      continue;
    }
    files += 1;
    for (const problem of file.problems) problems.push(problem);
    for (const fragment of file.fragments) {
      const validated = validateFragment(fragment);
      for (const problem of validated.problems) problems.push(problem);
      fragments.push(validated.fragment);
    }
  }
  const model = buildModel(fragments, config.vocabulary);
  for (const problem of model.problems) problems.push(problem);
  const plan = model.plan;
  const sends = plan.sends.length + [...plan.journeys.values()].reduce((count, journey) => count + journey.steps.filter((step) => step.action.kind === 'send').length, 0);
  return { plan, config, problems, summary: { files, segments: plan.segments.size, sends } };
}

function horizonFlags(flags: { from?: string; to?: string }, zone: string): { from?: DateTime; to?: DateTime } {
  return { from: dateFlag('--from', flags.from, zone, false), to: dateFlag('--to', flags.to, zone, true) };
}

function dateFlag(name: string, text: string | undefined, zone: string, endOfDay: boolean): DateTime | undefined {
  if (text === undefined) return undefined;
  const parsed = parseIsoDate(text);
  if ('error' in parsed) throw new UsageError(`${name}: ${parsed.error}`);
  const time = zonedDateTime(parsed.date, zone);
  return endOfDay && !parsed.date.hasTime ? time.endOf('day') : time;
}

/**
 * The timeline stage, with the config's zone, send time and horizon padding, and `--from`/`--to`. Journey paths are
 * enumerated up to `journey-loop`'s `maxPaths` (SPEC 4.5), the limit past which that rule warns.
 */
export function timelinesOf(plan: Plan, config: ResolvedConfig, horizon: LintOptions['horizon']): Timelines {
  const { from, to } = horizonFlags(horizon ?? {}, config.timezone);
  const maxPaths = config.rules.get('journey-loop')?.options.maxPaths;
  return buildTimelines(plan, {
    timezone: config.timezone,
    defaultSendTime: config.defaultSendTime,
    horizonPadding: config.horizonPadding,
    from,
    to,
    maxPaths: typeof maxPaths === 'number' ? maxPaths : undefined,
  });
}

/** The whole `check` pipeline: the plan read, its timelines built, every enabled rule run, findings with the config's severities. */
export async function lint(options: LintOptions): Promise<LintResult> {
  const { plan, config, problems, summary } = await readPlan(options);
  const lineage = (segment: string): string[] => [...lineageOf(plan, segment)];
  const timelines = timelinesOf(plan, config, options.horizon);
  // Not push(...list): a plan with 100,000s of findings would overflow the call stack with that many arguments.
  for (const problem of runRules(plan, timelines, config, lineage)) problems.push(problem);
  return { findings: finalizeFindings(problems, config, lineage), summary, plan, config };
}
