import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { stringify } from 'yaml';
import type { ConfigLayer } from '../config/load.js';
import { byPlace, configChainFromText, findConfigFile, presetLayer, readConfigChain } from '../config/load.js';
import { PRESETS } from './presets.js';
import type { InputMapping, ResolvedConfig } from '../config/resolve.js';
import { applyRuleFlags, resolveConfig, resolveLayers } from '../config/resolve.js';
import { UsageError, collectUsageError } from '../errors.js';
import type { Finding, Problem, Summary } from '../findings/finding.js';
import { finalizeFindings, mergeFindings } from '../findings/finalize.js';
import type { Suppressed } from '../findings/suppress.js';
import { directiveProblems, suppressInline } from '../findings/suppress.js';
import type { Directive } from '../loaders/directives.js';
import { DEFAULT_IGNORE, DEFAULT_INCLUDE, discoverFiles } from '../files/discover.js';
import { displayPath } from '../files/paths.js';
import type { InputMappingOptions } from '../loaders/adapters/types.js';
import type { LoadedFile } from '../loaders/index.js';
import { loadBytes, loadFile } from '../loaders/index.js';
import { buildModel } from '../model/build.js';
import type { Plan } from '../model/types.js';
import { validateFragment } from '../validate/validate.js';
import type { DateTime } from 'luxon';
import { parseIsoDate } from '../time/dates.js';
import { zonedDateTime } from '../time/zoned.js';
import type { Timelines } from '../timeline/build.js';
import { buildTimelines } from '../timeline/build.js';
import type { PlanView } from '../timeline/plan-view-data.js';
import { planView } from '../timeline/plan-view.js';
import { configReferenceProblems } from './config-references.js';
import { completeRuleSettings, deepMerge } from './rule-settings.js';
import { SUPPRESSIONS_FILE, suppressionsPath } from './suppressions.js';
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
  /** `--suppressions FILE`. */
  suppressions?: string;
}

export interface LintResult {
  /** What the report shows: every finding no suppression took out. */
  findings: Finding[];
  /** Findings an inline suppression comment took out. */
  suppressed: Suppressed[];
  summary: Summary;
  plan: Plan;
  config: ResolvedConfig;
  /** The timelines as data for the HTML report; only when asked for (`LintPlanOptions.view`). */
  view?: PlanView;
}

export interface LintPlanOptions {
  /** Also return the timelines as data (`planView`): the HTML report draws them. The other formats do without. */
  view?: boolean;
  /**
   * Give each finding its fingerprint (the default). `check` asks for none when no report it writes prints them and
   * no suppressions file is in use: hashing loads node:crypto, which a small check need not (docs/performance.md).
   */
  fingerprints?: boolean;
}

interface LoadedConfig {
  config: ResolvedConfig;
  /** Every config file read: the one found or named, and the files of its `extends` chain. */
  files: string[];
}

/**
 * The config of the paths linted, found as ESLint finds it per file: walking up from each PATH's folder (from the
 * working folder when none is given). `cxlint check client/` from a parent folder reads `client/cxlint.config.yaml`.
 * Two PATHs under different configs (or one under a config and one under none) cannot be linted as one plan.
 */
async function configForPaths(paths: string[], cwd: string): Promise<string | undefined> {
  const found = new Map<string | undefined, string>();
  for (const given of paths.length ? paths : ['.']) {
    const absolute = path.resolve(cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    const folder = info?.isDirectory() ? absolute : path.dirname(absolute);
    const file = await findConfigFile(folder);
    if (!found.has(file)) found.set(file, given);
  }
  if (found.size > 1) {
    const which = [...found].map(([file, given]) => `${given} (${file ? displayPath(file, cwd) : 'no config'})`);
    throw new UsageError(`The paths are under different configs: ${which.join(' and ')}; lint them in separate runs, or name one config with -c`);
  }
  return [...found.keys()][0];
}

export async function loadConfig(options: LintOptions): Promise<LoadedConfig> {
  if (options.noConfig) return { config: resolveConfig([presetLayer('cxlint:recommended', PRESETS)]), files: [] };
  const file = options.configFile ?? (await configForPaths(options.paths, options.cwd));
  if (!file) return { config: resolveConfig([presetLayer('cxlint:recommended', PRESETS)]), files: [] };
  const absolute = await realpath(path.resolve(options.cwd, file)).catch(() => {
    throw new UsageError(`No such config file: ${file}`);
  });
  const layers = await readConfigChain(absolute, options.cwd, PRESETS);
  const config = checkedConfig(layers, absolute);
  options.debug?.(`config: ${displayPath(absolute, options.cwd)}`);
  return { config, files: layers.flatMap((layer) => layer.file ?? []) };
}

/** The config of its layers; when any value is in error, every error of the config, rule settings included, at once. */
function checkedConfig(layers: ConfigLayer[], file?: string): ResolvedConfig {
  const { config, errors } = resolveLayers(layers, file);
  if (errors.length > 0) throw new UsageError(byPlace([...errors, ...ruleSettingErrors(config).flatMap((text) => text.split('\n'))]).join('\n'));
  return config;
}

/**
 * What is wrong with a config's rule settings (unknown rules, bad options), asked when its other values are in error
 * too: a config's errors are told in one run, not one kind per run.
 */
function ruleSettingErrors(config: ResolvedConfig): string[] {
  const errors: string[] = [];
  collectUsageError(errors, () => completeRuleSettings(config));
  return errors;
}

/** The config in force, presets expanded and rules complete, as YAML: what `--debug` shows. */
function configText(config: ResolvedConfig): string {
  const settings = (rules: ResolvedConfig['rules']) => Object.fromEntries([...rules].map(([id, { severity, options }]) => [id, Object.keys(options).length ? [severity, options] : severity]));
  const { timezone, defaultSendTime, horizonPadding, include, ignore, vocabulary } = config;
  return stringify({
    timezone,
    defaultSendTime,
    horizonPadding,
    ...(include ? { include } : {}),
    ignore,
    inputs: config.inputs.map(({ dir: _dir, ...input }) => input),
    channels: Object.fromEntries(vocabulary.channels),
    intents: Object.fromEntries(vocabulary.intents),
    lifecycle: Object.fromEntries(vocabulary.lifecycle),
    rules: settings(config.rules),
    overrides: config.overrides.map(({ rules, ...override }) => ({ ...override, rules: settings(rules) })),
  }).trimEnd();
}

/**
 * How each file is read: every `inputs[]` mapping that matches it, in order, later ones winning field by field and
 * adding their keys to the earlier ones' maps (`events`, `intents`, `columns` …), as later config wins. So an entry
 * that names one more event for one file (what cxlint's own hints write) keeps what a broader entry says of it.
 * Entries that name different sheets of one workbook are each a reading of their own (a calendar tab, a segments tab),
 * with what the entries that name no sheet say.
 */
async function inputMappings(config: ResolvedConfig): Promise<Map<string, InputMappingOptions[]>> {
  const matching = new Map<string, InputMappingOptions[]>();
  for (const input of config.inputs) {
    // Relative matches, joined here: fast-glob's absolute paths turn a `\` of a file's name into `/`.
    const matches = await fg(input.files, { cwd: input.dir, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true });
    for (const match of matches) {
      const file = path.join(input.dir, match);
      const real = await realpath(file).catch(() => file);
      (matching.get(real) ?? matching.set(real, []).get(real)!).push(mappingOptions(input));
    }
  }
  const readings = new Map<string, InputMappingOptions[]>();
  for (const [file, entries] of matching) readings.set(file, readingsOf(file, entries));
  return readings;
}

/**
 * The readings of one file from the entries that match it, in order: one, or for a workbook one per sheet the entries
 * name (only a workbook has sheets: `sheet` on a broad entry means nothing to the other files it matches).
 */
function readingsOf(file: string, entries: InputMappingOptions[]): InputMappingOptions[] {
  const merged = (kept: InputMappingOptions[]): InputMappingOptions => kept.reduce((earlier, entry) => deepMerge(earlier, entry) as InputMappingOptions);
  const all = merged(entries);
  const sheets = [...new Set(entries.flatMap((entry) => entry.sheet ?? []))];
  const workbook = /\.xlsx$/i.test(file) || all.format === 'xlsx';
  if (sheets.length <= 1 || !workbook) return [all];
  return sheets.map((sheet) => merged(entries.filter((entry) => entry.sheet === undefined || entry.sheet === sheet)));
}

/** How to read a file: the mapping without where its globs are (every other field is the schema's, passed on as is). */
function mappingOptions(input: InputMapping): InputMappingOptions {
  const { files: _globs, dir: _folder, ...options } = input;
  return options;
}

export interface PlanResult {
  plan: Plan;
  config: ResolvedConfig;
  /** Problems the loading stages found (input rules). */
  problems: Problem[];
  summary: Summary;
  /**
   * Absolute paths of the files the run read: the config chain, every plan file, and the other files found and
   * skipped (package.json). A report must never replace one; only a previous cxlint report is not among them.
   */
  files: string[];
  /** Turns a file as findings show it (relative to the working folder) into the path fingerprints hash. */
  fingerprintPath: (file: string) => string;
  /** The folder fingerprint paths are relative to: the config's, else the working folder. */
  projectRoot: string;
  /** Absolute paths of the plan files read. */
  planFiles: string[];
  /** Where the suppressions file is (it may not exist). */
  suppressionsFile: string;
  /** The suppression comments of the plan files. */
  directives: Directive[];
}

/** Without a config, fingerprints count from the repository (the nearest folder up with a `.git`), else the working folder. */
async function repositoryRoot(cwd: string): Promise<string> {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (await stat(path.join(dir, '.git')).catch(() => undefined)) return dir;
    if (path.dirname(dir) === dir) return cwd;
  }
}

/** The stages every command shares: files → loaders → validation → model. */
export async function readPlan(options: LintOptions): Promise<PlanResult> {
  const { config, files: configFiles } = await loadConfig(options);
  applyRuleFlags(config, options.ruleFlags ?? []);
  completeRuleSettings(config);
  if (options.debug) for (const line of configText(config).split('\n')) options.debug(`  ${line}`);
  // Fingerprints hold paths relative to the project (the config's folder), so that a run from elsewhere matches them.
  const projectRoot = config.file ? path.dirname(config.file) : await repositoryRoot(options.cwd);
  const suppressionsFile = suppressionsPath(options.suppressions, options.cwd, projectRoot);
  const inputs = await discoverFiles(options.paths.length ? options.paths : ['.'], {
    cwd: options.cwd,
    include: config.include ?? DEFAULT_INCLUDE,
    ignore: [...DEFAULT_IGNORE, ...config.ignore],
    exclude: config.file ? [config.file] : [],
  });
  const mappings = await inputMappings(config);
  const loaded = await Promise.all(inputs.flatMap((input) => (mappings.get(input.absolutePath) ?? [undefined]).map((reading) => loadFile(input, reading))));
  const read = planOf(loaded, config, options);
  const fingerprintPath = (file: string): string => displayPath(path.resolve(options.cwd, file), projectRoot);
  // The suppressions file is written by cxlint: found in the folder and skipped as no plan, it may be replaced.
  const suppressionsReal = await realpath(suppressionsFile).catch(() => suppressionsFile);
  const files = read.files.filter((file) => file !== suppressionsReal || read.planFiles.includes(file));
  return { ...read, files: [...configFiles, ...files], fingerprintPath, projectRoot, suppressionsFile };
}

/**
 * Lints plan files given as text, with a config given as text (or the recommended preset): no file is read, so an
 * editor can lint its buffers and a rule's tests need no folder. Files are named as findings show them.
 */
export function lintTexts(files: Record<string, string>, options: { config?: string; horizon?: LintOptions['horizon'] } & LintPlanOptions = {}): LintResult {
  const layers = options.config === undefined ? [presetLayer('cxlint:recommended', PRESETS)] : configChainFromText('cxlint.config.yaml', options.config, PRESETS);
  const config = checkedConfig(layers);
  completeRuleSettings(config);
  const inputs = Object.keys(files)
    .sort()
    .map((file) => ({ absolutePath: file, file, explicit: false }));
  const loaded = inputs.map((input) => loadBytes(input, Buffer.from(files[input.file]!), undefined));
  const read = planOf(loaded, config, { paths: inputs.map((input) => input.file) });
  return lintPlan({ ...read, fingerprintPath: (file) => file, projectRoot: '.', suppressionsFile: SUPPRESSIONS_FILE }, options.horizon, options);
}

/** The loaded files validated and merged into the plan: the stages after reading, shared by files on disk and in memory. */
function planOf(loaded: LoadedFile[], config: ResolvedConfig, options: Pick<LintOptions, 'paths' | 'debug'>): Omit<PlanResult, 'fingerprintPath' | 'projectRoot' | 'suppressionsFile'> {
  const problems: Problem[] = [];
  const directives: Directive[] = [];
  const fragments: ValidFragment[] = [];
  // A workbook read sheet by sheet is one file.
  const planFiles = new Set<string>();
  // Other tools' files in the folder (package.json, a CI workflow) are not linted, but no report may replace them.
  const othersRead: string[] = [];
  for (const file of loaded) {
    if (file.skipped) {
      options.debug?.(`skipped ${file.input.file}: ${file.skipped}${file.previousReport ? '' : ' (add it to ignore: in cxlint.config.yaml not to read it at all)'}`);
      if (!file.previousReport) othersRead.push(file.input.absolutePath);
      continue;
    }
    planFiles.add(file.input.absolutePath);
    for (const problem of file.problems) problems.push(problem);
    for (const directive of file.directives ?? []) directives.push(directive);
    for (const fragment of file.fragments) {
      const validated = validateFragment(fragment);
      for (const problem of validated.problems) problems.push(problem);
      fragments.push(validated.fragment);
    }
  }
  if (planFiles.size === 0) throw noPlanFiles(options.paths, loaded.length);
  const model = buildModel(fragments, config.vocabulary);
  for (const problem of model.problems) problems.push(problem);
  const plan = model.plan;
  for (const problem of configReferenceProblems(config, plan)) problems.push(problem);
  const sends = plan.sends.length + [...plan.journeys.values()].reduce((count, journey) => count + journey.steps.filter((step) => step.action.kind === 'send').length, 0);
  const summary = { files: planFiles.size, segments: plan.segments.size, sends };
  for (const problem of directiveProblems(directives)) problems.push(problem);
  return { plan, config, problems, summary, files: [...planFiles, ...othersRead], planFiles: [...planFiles], directives };
}

/** Every file found was YAML or JSON of another tool (a CI workflow, package.json): as for an empty folder, nothing to lint. */
function noPlanFiles(paths: string[], skipped: number): UsageError {
  const where = paths.length ? paths.join(', ') : '.';
  return new UsageError(
    `No plan files found in ${where}: ${skipped} file${skipped === 1 ? '' : 's'} read, none a plan (YAML/JSON with a segments, templates, journeys ` +
      'or calendar section, or a CSV calendar export; --debug lists them). Point cxlint at a folder of plan files, or set "include" in cxlint.config.yaml.',
  );
}

function horizonFlags(flags: { from?: string; to?: string }, zone: string): { from?: DateTime; to?: DateTime } {
  const from = dateFlag('--from', flags.from, zone, false);
  const to = dateFlag('--to', flags.to, zone, true);
  if (from && to && from > to) throw new UsageError(`--from ${flags.from} is after --to ${flags.to}: the horizon would be empty`);
  return { from, to };
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
 * enumerated up to `journey-complexity`'s `maxPaths` (SPEC 4.5), the limit past which that rule warns.
 */
export function timelinesOf(plan: Plan, config: ResolvedConfig, horizon: LintOptions['horizon']): Timelines {
  const { from, to } = horizonFlags(horizon ?? {}, config.timezone);
  const maxPaths = config.rules.get('journey-complexity')?.options.maxPaths;
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
  return lintPlan(await readPlan(options), options.horizon);
}

/** The stages after the plan is read: its timelines built, every enabled rule run, findings with the config's severities. */
export function lintPlan({ plan, config, problems, summary, fingerprintPath, directives }: PlanResult, horizon: LintOptions['horizon'], options: LintPlanOptions = {}): LintResult {
  const timelines = timelinesOf(plan, config, horizon);
  const rulesFound = runRules(plan, timelines, config);
  // Read once, in this order, by finalize: the rules' problems are made as it reads them.
  const found = (function* () {
    yield* problems;
    yield* timelines.problems;
    yield* rulesFound;
  })();
  const pathOf = options.fingerprints === false ? undefined : fingerprintPath;
  const { kept, suppressed, unused } = suppressInline(finalizeFindings(found, config, plan.tree, pathOf), directives);
  // Whether a comment suppressed anything is known only now: its findings join the others in report order.
  const findings = mergeFindings(kept, finalizeFindings(unused, config, plan.tree, pathOf));
  const result: LintResult = { findings, suppressed, summary, plan, config };
  if (options.view) result.view = planView(timelines);
  return result;
}
