import { existsSync, readFileSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import fg from 'fast-glob';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import configSchema from '../../schemas/config.schema.json' with { type: 'json' };
import { UsageError } from '../errors.js';
import { applySuppressions, readSuppressions } from '../engine/suppressions.js';
import type { PlanResult } from '../engine/lint.js';
import { lintPlan, readPlan } from '../engine/lint.js';
import { PRESETS } from '../engine/presets.js';
import { DEFAULT_IGNORE, DEFAULT_INCLUDE, discoverFiles } from '../files/discover.js';
import { displayPath } from '../files/paths.js';
import { CALENDAR_HEADERS, REQUIRED_CALENDAR_FIELDS, detectDelimiter, normalizeHeader } from '../loaders/csv.js';
import { MAX_CSV_BYTES } from '../loaders/index.js';
import { ADAPTERS } from '../loaders/adapters/index.js';
import { MAX_ICS_BYTES } from '../loaders/adapters/ics.js';
import { MAX_XLSX_BYTES } from '../loaders/adapters/xlsx.js';
import { workbookSheets } from '../loaders/adapters/xlsx-read.js';
import { SFMC_FOLDERS, businessUnitFolder } from '../loaders/adapters/sfmc.js';
import { tdx } from '../loaders/adapters/tdx.js';
import type { InputFormat } from '../loaders/adapters/types.js';
import { decodeText, readFileUpTo } from '../loaders/text.js';
import type { Plan } from '../model/types.js';
import { safeText } from '../reporters/sanitize.js';
import { isValidTimeZone, parseExportDate, readingsOf } from '../time/dates.js';
import type { InitFlags } from './init-options.js';
import { icsColumns } from './init-ics.js';
import type { EntryEvent } from './init-journeys.js';
import { sfmcEntryEvents, tdxEntryEvents } from './init-journeys.js';
import { resolveTarget, writeReport } from './output.js';


const CONFIG_FILE = 'cxlint.config.yaml';
/** Every name a config is found under (config/load.ts): a new cxlint.config.yaml would shadow the others. */
const CONFIG_NAMES = [CONFIG_FILE, '.cxlintrc.yaml', '.cxlintrc.json'];

/**
 * A name from the plan (untrusted) as a YAML double-quoted scalar: JSON's escapes are YAML's, and the characters JSON
 * leaves raw that YAML or a terminal would read as a line break or control are escaped too. The result never holds a
 * line break, so it is safe in a comment as well.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `cxlint init [PATH]`: writes a starter config built from the plan in PATH, then lints the plan with it. */
export async function runInit(given: string | undefined, flags: InitFlags, version: string, debug: ((message: string) => void) | undefined): Promise<number> {
  const cwd = process.cwd();
  const shownFolder = given ?? '.';
  const folder = path.resolve(cwd, shownFolder);
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw new UsageError(`cxlint init takes a folder: ${shownFolder} is not one`);
  const timezone = flags.timezone ?? machineTimeZone();
  if (!isValidTimeZone(timezone)) throw new UsageError(`--timezone: "${timezone}" is not an IANA time zone (e.g. Europe/Paris)`);
  await refuseExisting(folder, shownFolder, flags.force === true);
  const target = await resolveTarget(path.join(shownFolder, CONFIG_FILE), cwd);

  const read = await readWithoutConfig(shownFolder, cwd, debug);
  if (read && read.planFiles.includes(target.path)) throw new UsageError(`Refusing to write ${target.given}: cxlint reads it as a plan file`);
  const plan = read?.plan;
  const csvFiles = await discoverFiles([shownFolder], { cwd, include: DEFAULT_INCLUDE, ignore: DEFAULT_IGNORE, exclude: [] }).catch(() => []);
  const mappings: CsvProposal[] = [];
  const relative = (absolute: string): string => path.relative(folder, absolute).split(path.sep).join('/');
  for (const input of csvFiles.filter((file) => /\.(csv|ics|xlsx)$/i.test(file.absolutePath))) {
    mappings.push(...(await proposeMappings(input.absolutePath, relative(input.absolutePath), plan, timezone)));
  }
  mappings.push(...journeyProposals(csvFiles.map((file) => file.absolutePath), relative, read?.planFiles ?? []));
  const unknown = plan ? unknownNames(plan) : { channels: [], intents: [] };
  const text = configText({ version, timezone, schema: schemaReference(folder), mappings, unknown });
  await writeReport(target, [text]);

  const proposed = mappings.filter((mapping) => mapping.entry).length;
  const toDeclare = unknown.channels.length + unknown.intents.length;
  process.stdout.write(
    `Wrote ${safeText(target.given)}: timezone ${timezone}, ${plural(proposed, 'input mapping')}` +
      `${toDeclare ? `, ${plural(toDeclare, 'channel or intent', 'channels and intents')} to declare (see its comments)` : ''}\n`,
  );
  return checkWith(target.path, shownFolder, cwd);
}

function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** Never over a config without --force; a `.cxlintrc.*` counts too, as the new file would silently take its place. */
async function refuseExisting(folder: string, shown: string, force: boolean): Promise<void> {
  if (force) return;
  for (const name of CONFIG_NAMES) {
    if (!(await lstat(path.join(folder, name)).catch(() => undefined))) continue;
    const where = displayPath(path.join(folder, name), process.cwd());
    throw new UsageError(
      name === CONFIG_FILE
        ? `${where} already exists: not replaced (run cxlint init --force to write a new one over it)`
        : `${where} is the config of ${shown} already; a ${CONFIG_FILE} would take its place (run cxlint init --force to write one anyway)`,
    );
  }
}

/** The plan as the preset reads it; none when the folder holds no plan file yet (init still writes a config). */
async function readWithoutConfig(folder: string, cwd: string, debug: ((message: string) => void) | undefined): Promise<PlanResult | undefined> {
  try {
    return await readPlan({ cwd, paths: [folder], noConfig: true, debug });
  } catch (error) {
    if (error instanceof UsageError && /^No (plan|input) files found/.test(error.message)) return undefined;
    throw error;
  }
}

/**
 * The `$schema` of the modeline: the installed package's schema when a `node_modules/cxlint` is found from the folder
 * up (relative, so that it works offline and matches the installed version), else the schema's `$id`.
 */
function schemaReference(folder: string): string {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const schema = path.join(dir, 'node_modules', 'cxlint', 'schemas', 'config.schema.json');
    if (existsSync(schema)) {
      const relative = path.relative(folder, schema).split(path.sep).join('/');
      return relative.startsWith('.') ? relative : `./${relative}`;
    }
    if (path.dirname(dir) === dir) return configSchema.$id;
  }
}

/** Channels and intents the plan names that the preset does not know, sorted. */
function unknownNames(plan: Plan): { channels: string[]; intents: string[] } {
  const preset = PRESETS['cxlint:recommended']!;
  const channels = new Set<string>();
  const intents = new Set<string>();
  for (const template of plan.templates.values()) {
    for (const channel of template.channels) channels.add(channel);
    if (template.intent !== undefined) intents.add(template.intent);
  }
  for (const send of plan.sends) if (send.channel !== undefined) channels.add(send.channel);
  for (const segment of plan.segments.values()) for (const channel of segment.consent ?? []) channels.add(channel);
  for (const journey of plan.journeys.values()) {
    for (const step of journey.steps) if (step.action.kind === 'send' && step.action.channel !== undefined) channels.add(step.action.channel);
  }
  const missing = (names: Set<string>, known: object | undefined): string[] => [...names].filter((name) => !Object.hasOwn(known ?? {}, name)).sort();
  return { channels: missing(channels, preset.channels), intents: missing(intents, preset.intents) };
}

// ---------------------------------------------------------------------------------------------------------------------
// CSV files: which headers are not aliases, what they hold, and how the dates are written.

interface CsvProposal {
  file: string;
  /** The `inputs[]` entry, when the file needs one. */
  entry?: { files: string; format?: InputFormat; sheet?: string; timezone?: string; delimiter?: string; dateFormat?: string; columns?: Record<string, string>; events?: Record<string, string> };
  /** What the reader should know: a format left out and why, columns left unmapped, a field still missing. */
  notes: string[];
  /** Entry events no lifecycle event's words match: written commented under `events`, for the team to name. */
  unnamedEvents?: string[];
}

const ALIASES = new Map(Object.entries(CALENDAR_HEADERS).flatMap(([field, names]) => names.map((name) => [normalizeHeader(name), field] as const)));

/** What each adapter's files need said (docs/adapters.md): the files it reads by their name need only a note. */
const ADAPTER_NOTES: Partial<Record<InputFormat, string>> = {
  ics: 'an iCalendar calendar: each event names its template and segment on lines of its description (template: ID), or map properties under columns (docs/adapters.md#icalendar-ics)',
  mailchimp: 'a Mailchimp campaign report, known by its header: its times have no zone, so timezone is the account\'s (check it)',
  klaviyo: 'a Klaviyo campaign report, known by its header: its times have no zone, so timezone is the account\'s (check it)',
};

/** The entry of a file an adapter reads: its format said outright, and for a report the zone its times are in. */
function adapterProposal(file: string, format: InputFormat, timezone: string): CsvProposal {
  const entry: NonNullable<CsvProposal['entry']> = { files: fg.escapePath(file), format };
  if (format === 'mailchimp' || format === 'klaviyo') entry.timezone = timezone;
  return { file, entry, notes: [ADAPTER_NOTES[format] ?? ''] };
}

/**
 * The journey adapters' files (docs/adapters.md): each business unit retrieved by sfmc-devtools, each tdx journey file.
 * They are read without a mapping, known by their place or their `type: journey`; the entry proposed names the format,
 * maps each entry event to the lifecycle event its words name (the others are written commented, for the team to name),
 * and says in its comments what only the team can say (the intents, the states, the locale).
 */
function journeyProposals(files: string[], relative: (absolute: string) => string, planFiles: string[]): CsvProposal[] {
  const units = [...new Set(files.flatMap((file) => businessUnitFolder(relative(file)) ?? []))].sort();
  const journeysOf = (unit: string): string[] => files.filter((file) => businessUnitFolder(relative(file)) === unit && SFMC_JOURNEY.test(relative(file)));
  const tdxFiles = planFiles.filter((file) => /\.ya?ml$/i.test(file) && tdx.sureSign(readIfSmall(file)));
  return [...units.map((unit) => sfmcProposal(unit, journeysOf(unit))), ...tdxFiles.map((file) => tdxProposal(relative(file), tdxEntryEvents(file)))];
}

/** A journey file of a retrieved business unit (`interaction/` before mcdev 5.0), as sfmc.ts reads them. */
const SFMC_JOURNEY = /\/(journey|interaction)\/[^/]+\.\1-meta\.json$/;

/**
 * A business unit: its files are under `<unit>/<type>/`, so the unit's folder is the one above a journey's. The entry's
 * glob names the folders of the files the adapter reads (sfmc.ts): the others (assets, events) are read beside them,
 * and `format: sfmc` on them would count them as plan files that give nothing.
 */
function sfmcProposal(unit: string, journeys: string[]): CsvProposal {
  const events = journeys.length ? sfmcEntryEvents(path.dirname(path.dirname(journeys[0]!)), journeys) : [];
  return {
    file: `${unit}/`,
    entry: { files: `${fg.escapePath(unit)}/{${SFMC_FOLDERS.join(',')}}/*-meta.json`, format: 'sfmc', ...mappedEvents(events) },
    unnamedEvents: unnamedEvents(events),
    notes: [
      'a business unit retrieved by sfmc-devtools, read as it is (docs/adapters.md#salesforce-marketing-cloud-sfmc-devtools);',
      eventsNote('ENTRY_EVENT_KEY', 'entry event key', events),
      'say what SFMC does not: intents: {"ASSET_FOLDER_OR_KEY": intent}, states: {"DATA_EXTENSION.FIELD": state} for the contact',
      'fields journeys update, locale: LOCALE of the assets\' texts',
    ],
  };
}

function tdxProposal(file: string, events: EntryEvent[]): CsvProposal {
  return {
    file,
    entry: { files: fg.escapePath(file), format: 'tdx', ...mappedEvents(events) },
    unnamedEvents: unnamedEvents(events),
    notes: [
      'a Treasure Data journey, read as it is (docs/adapters.md#treasure-data-journeys-tdx);',
      eventsNote('SEGMENT', 'entry segment', events),
      'say what it does not: channels: {CONNECTION: channel}, intents: {ACTIVATION: intent}',
    ],
  };
}

/** The entry events whose lifecycle event init could tell, as the entry's `events`. */
function mappedEvents(events: EntryEvent[]): { events?: Record<string, string> } {
  const mapped = events.filter((event) => event.lifecycle !== undefined);
  return mapped.length ? { events: Object.fromEntries(mapped.map((event) => [event.key, event.lifecycle!])) } : {};
}

const unnamedEvents = (events: EntryEvent[]): string[] => events.filter((event) => event.lifecycle === undefined).map((event) => event.key);

/** What the comments say of `events`: what to write when no entry event was found, else how to read the lines below. */
function eventsNote(key: string, what: string, events: EntryEvent[]): string {
  if (events.length === 0) return `events: {${key}: lifecycle_event} for the lifecycle event each ${what} stands for;`;
  const unnamed = events.some((event) => event.lifecycle === undefined) ? ' one left commented matches none: write its own;' : '';
  return `events: each ${what} with the lifecycle event its words name (check them);${unnamed}`;
}

/** A plan file's text for a sure sign (plan files are at most MAX_YAML_BYTES, checked when they were read). */
function readIfSmall(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A file's text, or why it cannot be read (check reports it too). */
async function textOf(file: string, absolute: string, maxBytes: number): Promise<{ text: string } | { problem: { message: string } }> {
  const read = await readFileUpTo(file, absolute, maxBytes);
  return 'bytes' in read ? decodeText(file, read.bytes, maxBytes) : read;
}

/**
 * An iCalendar file's entry: its format, and the columns of the segment and template when its events do not name them
 * as the adapter reads by default (init-ics.ts).
 */
async function icsProposal(absolute: string, file: string, plan: Plan | undefined, timezone: string): Promise<CsvProposal> {
  const proposal = adapterProposal(file, 'ics', timezone);
  const decoded = await textOf(file, absolute, MAX_ICS_BYTES);
  if ('problem' in decoded) return { ...proposal, notes: [...proposal.notes, `not read: ${decoded.problem.message}`] };
  const { columns, notes } = icsColumns(decoded.text, plan);
  if (Object.keys(columns).length) proposal.entry!.columns = columns;
  return { ...proposal, notes: [...proposal.notes, ...notes] };
}

/** The entries a calendar file needs: none, one, or one per sheet of a workbook that holds calendar columns. */
async function proposeMappings(absolute: string, file: string, plan: Plan | undefined, timezone: string): Promise<CsvProposal[]> {
  if (/\.ics$/i.test(file)) return [await icsProposal(absolute, file, plan, timezone)];
  if (/\.xlsx$/i.test(file)) return workbookProposals(absolute, file, plan);
  const decoded = await textOf(file, absolute, MAX_CSV_BYTES);
  if ('problem' in decoded) return [{ file, notes: [`not read: ${decoded.problem.message}`] }];
  const report = ADAPTERS.find((adapter) => adapter.sureSign?.(decoded.text, file));
  if (report) return [adapterProposal(file, report.name, timezone)];
  const delimiter = detectDelimiter(decoded.text.replace(/^\uFEFF/, ''));
  let records: string[][];
  try {
    records = parse(decoded.text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return [{ file, notes: [`not read (${error.code}): cxlint check shows where`] }];
  }
  const proposal = proposalOfRecords(file, records, plan);
  if (proposal.entry && delimiter !== ',') proposal.entry.delimiter = delimiter;
  return [proposal];
}

/**
 * A workbook's entries: one for each sheet whose header holds calendar columns, naming it (`sheet:`), with its columns
 * and date format as for a CSV file; a sheet of something else (notes, a budget) gets none.
 */
async function workbookProposals(absolute: string, file: string, plan: Plan | undefined): Promise<CsvProposal[]> {
  const read = await readFileUpTo(file, absolute, MAX_XLSX_BYTES);
  const workbook = 'bytes' in read ? await workbookSheets(read.bytes) : { problem: read.problem.message };
  if ('problem' in workbook) return [{ file, notes: [`not read: ${workbook.problem}`] }];
  const proposals = workbook.sheets.map(({ name, rows }) => ({ name, proposal: proposalOfRecords(file, rows, plan) }));
  // A sheet with every calendar column is the plan; one with some (a change log's Date) is only when none has all.
  const complete = proposals.filter(({ proposal }) => proposal.calendar === 'complete');
  const calendars = complete.length ? complete : proposals.filter(({ proposal }) => proposal.calendar === 'partial');
  if (calendars.length === 0) {
    const names = workbook.sheets.map(({ name }) => yamlString(name)).join(', ');
    return [{ file, notes: [`an Excel workbook with no sheet of calendar columns (${names}): cxlint check skips it as another kind of spreadsheet`] }];
  }
  return calendars.map(({ name, proposal }) => ({
    file: `${file}, sheet ${name}`,
    entry: { ...proposal.entry, files: fg.escapePath(file), format: 'xlsx' as const, sheet: name },
    notes: [`a sheet of an Excel workbook, read as a calendar CSV`, ...proposal.notes],
  }));
}

/**
 * A calendar table's entry, from its header and cells: the columns that are no alias mapped by what their cells hold,
 * the date format read from the dates; `calendar` says whether it has the calendar columns (none, some, or all that a
 * send needs). No entry when the aliases and ISO dates need none.
 */
function proposalOfRecords(file: string, records: string[][], plan: Plan | undefined): CsvProposal & { calendar: 'none' | 'partial' | 'complete' } {
  const [headers = [], ...rows] = records;
  const cellsOf = (index: number): string[] => rows.map((row) => (row[index] ?? '').trim()).filter((cell) => cell !== '');
  const fields = new Map<string, number>();
  headers.forEach((header, index) => {
    const field = ALIASES.get(normalizeHeader(header));
    if (field && !fields.has(field)) fields.set(field, index);
  });
  const columns: Record<string, string> = {};
  const unmapped: string[] = [];
  headers.forEach((header, index) => {
    if (ALIASES.has(normalizeHeader(header))) return;
    const field = fieldOfCells(cellsOf(index), plan, (candidate) => !fields.has(candidate));
    if (field === undefined) {
      unmapped.push(header);
      return;
    }
    fields.set(field, index);
    columns[field] = header;
  });
  const notes: string[] = [];
  const required = REQUIRED_CALENDAR_FIELDS.filter((field) => fields.has(field));
  if (required.length === 0) return { file, notes: ['no calendar column recognised: cxlint check skips it as another kind of spreadsheet'], calendar: 'none' };
  const missing = REQUIRED_CALENDAR_FIELDS.filter((field) => !fields.has(field));
  if (missing.length) notes.push(`no column found for ${missing.join(', ')}: map it under columns by hand`);
  const dates = fields.has('date') ? dateFormatOf(cellsOf(fields.get('date')!)) : {};
  if (dates.note) notes.push(dates.note);
  if (unmapped.length) notes.push(`columns left unmapped (cxlint ignores them): ${unmapped.map(yamlString).join(', ')}`);
  const calendar = missing.length ? 'partial' : 'complete';
  if (Object.keys(columns).length === 0 && dates.format === undefined) return { file, notes, calendar };
  const entry: NonNullable<CsvProposal['entry']> = { files: fg.escapePath(file) };
  if (dates.format) entry.dateFormat = dates.format;
  if (Object.keys(columns).length) entry.columns = columns;
  return { file, entry, notes, calendar };
}

/**
 * The field a column that is no alias holds, read from its cells: every cell must be a segment id (or several), a
 * template id, a channel, … of the plan. The first field not already given by another column wins.
 */
function fieldOfCells(cells: string[], plan: Plan | undefined, free: (field: string) => boolean): string | undefined {
  if (cells.length === 0) return undefined;
  const every = (test: (cell: string) => boolean): boolean => cells.every(test);
  const channels = new Set([...Object.keys(PRESETS['cxlint:recommended']!.channels ?? {}), ...(plan ? unknownNames(plan).channels : [])]);
  const templates = [...(plan?.templates.values() ?? [])];
  const campaigns = new Set([...templates.map((template) => template.campaign), ...(plan?.sends ?? []).map((send) => send.campaign)]);
  const owners = new Set([...templates.map((template) => template.owner), ...(plan?.sends ?? []).map((send) => send.owner)]);
  const tests: Array<[string, (cell: string) => boolean]> = [
    ['date', (cell) => 'date' in parseExportDate(cell, undefined) || readingsOf(cell.trim()).size > 0],
    ['segment', (cell) => cell.split(/[;|]/).every((id) => plan?.segments.has(id.trim()) === true)],
    ['template', (cell) => plan?.templates.has(cell) === true],
    ['channel', (cell) => channels.has(cell)],
    ['time', (cell) => /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(cell)],
    ['timezone', (cell) => cell.includes('/') && isValidTimeZone(cell)],
    ['repeat', (cell) => /^(FREQ=|daily$|weekly$|monthly$)/i.test(cell)],
    ['campaign', (cell) => campaigns.has(cell)],
    ['owner', (cell) => owners.has(cell)],
  ];
  return tests.find(([field, test]) => free(field) && every(test))?.[0];
}

/**
 * The one format that reads every date that is not ISO 8601, among those that read some of them; none (with the reason)
 * when zero or several do: `03/04/2026` alone fits both day-first and month-first, and cxlint never guesses.
 */
function dateFormatOf(cells: string[]): { format?: string; note?: string } {
  const others = cells.filter((cell) => !('date' in parseExportDate(cell, undefined)));
  if (others.length === 0) return {};
  const candidates = new Set(others.flatMap((cell) => [...readingsOf(cell.trim()).values()]));
  const fitting = [...candidates].filter((format) => others.every((cell) => 'date' in parseExportDate(cell, format)));
  if (fitting.length === 1) return { format: fitting[0] };
  if (fitting.length === 0) {
    return { note: `dateFormat left out: no day-month-year, month-day-year or year-month-day format reads every date (e.g. ${yamlString(others[0]!)}); set it by hand` };
  }
  const example = others.find((cell) => fitting.every((format) => 'date' in parseExportDate(cell, format))) ?? others[0]!;
  return { note: `dateFormat left out: every date fits ${fitting.join(' and ')} (e.g. ${yamlString(example)} is ambiguous); set the one your tool exports` };
}

// ---------------------------------------------------------------------------------------------------------------------
// The text of the config.

interface ConfigParts {
  version: string;
  timezone: string;
  schema: string;
  mappings: CsvProposal[];
  unknown: { channels: string[]; intents: string[] };
}

/**
 * The config's text, built by hand to hold comments where they help, with every name from the plan quoted by
 * `yamlString`. It is parsed back before it is written: the data must be what was meant (no name can inject a key),
 * and so must the commented vocabulary block once uncommented.
 */
export function configText({ version, timezone, schema, mappings, unknown }: ConfigParts): string {
  const lines = [
    `# yaml-language-server: $schema=${schema}`,
    `# Written by cxlint init (cxlint ${version}) from the files found here; every field: docs/formats.md#the-config-file`,
    'extends: cxlint:recommended',
    `timezone: ${yamlString(timezone)}`,
  ];
  const data: Record<string, unknown> = { extends: 'cxlint:recommended', timezone };
  const entries = mappings.filter((mapping) => mapping.entry);
  if (entries.length) lines.push('inputs:');
  for (const mapping of mappings) {
    const indent = entries.length ? '  ' : '';
    lines.push(`${indent}# ${yamlString(mapping.file)}${mapping.entry ? '' : ': needs no mapping'}`);
    for (const note of mapping.notes) lines.push(`${indent}#   ${note}`);
    const entry = mapping.entry;
    if (!entry) continue;
    lines.push(`  - files: ${yamlString(entry.files)}`);
    if (entry.format) lines.push(`    format: ${entry.format}`);
    if (entry.sheet !== undefined) lines.push(`    sheet: ${yamlString(entry.sheet)}`);
    if (entry.timezone) lines.push(`    timezone: ${yamlString(entry.timezone)}`);
    if (entry.delimiter) lines.push(`    delimiter: ${yamlString(entry.delimiter)}`);
    if (entry.dateFormat) lines.push(`    dateFormat: ${yamlString(entry.dateFormat)}`);
    if (entry.columns) {
      lines.push('    columns:');
      for (const [field, header] of Object.entries(entry.columns)) lines.push(`      ${field}: ${yamlString(header)}`);
    }
    lines.push(...eventLines(entry.events ?? {}, mapping.unnamedEvents ?? []));
  }
  if (entries.length) data.inputs = entries.map((mapping) => mapping.entry);
  const vocabulary = vocabularyBlock(unknown);
  lines.push(...vocabulary.lines);
  const text = `${lines.join('\n')}\n`;
  if (!isDeepStrictEqual(parseYaml(text), data) || !isDeepStrictEqual(parseYaml(vocabulary.uncommented) ?? {}, vocabulary.data)) {
    throw new Error('cxlint init built a config that does not read back as intended');
  }
  return text;
}

/**
 * An entry's `events`: each event mapped, then each left to the team as a commented line that reads as one of them once
 * uncommented (under a commented `events:` when none is mapped). The lifecycle events are the preset's names, no quoting needed.
 */
function eventLines(mapped: Record<string, string>, unnamed: string[]): string[] {
  if (Object.keys(mapped).length + unnamed.length === 0) return [];
  return [
    Object.keys(mapped).length ? '    events:' : '    # events:',
    ...Object.entries(mapped).map(([key, event]) => `      ${yamlString(key)}: ${event}`),
    ...unnamed.map((key) => `    #   ${yamlString(key)}: LIFECYCLE_EVENT`),
  ];
}

/** The channels and intents to declare, as a commented block: the user decides whether each is owned, marketing. */
function vocabularyBlock({ channels, intents }: ConfigParts['unknown']): { lines: string[]; uncommented: string; data: Record<string, unknown> } {
  if (channels.length + intents.length === 0) return { lines: [], uncommented: '', data: {} };
  const block: string[] = [];
  const data: Record<string, Record<string, object>> = {};
  if (channels.length) {
    block.push('channels:', ...channels.map((name) => `  ${yamlString(name)}: {owned: true}`));
    data.channels = Object.fromEntries(channels.map((name) => [name, { owned: true }]));
  }
  if (intents.length) {
    block.push('intents:', ...intents.map((name) => `  ${yamlString(name)}: {marketing: true}`));
    data.intents = Object.fromEntries(intents.map((name) => [name, { marketing: true }]));
  }
  return {
    lines: [
      '# The plan uses these channels and intents, which cxlint:recommended does not know (unknown-reference errors).',
      '# Uncomment them to declare them, with owned: false for a channel others run and marketing: false for a',
      '# service intent (`cxlint vocabulary` lists the known ones):',
      ...block.map((line) => `# ${line}`),
    ],
    uncommented: block.join('\n'),
    data,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Then `check`, with the new config: one line of findings, and what to do next.

async function checkWith(config: string, folder: string, cwd: string): Promise<number> {
  let read: PlanResult;
  try {
    read = await readPlan({ cwd, paths: [folder], configFile: config });
  } catch (error) {
    if (!(error instanceof UsageError && /^No (plan|input) files found/.test(error.message))) throw error;
    process.stdout.write('No plan files yet: add them (YAML, JSON or CSV) and run cxlint check.\n');
    return 0;
  }
  const result = lintPlan(read, undefined);
  const recorded = await readSuppressions(read.suppressionsFile, displayPath(read.suppressionsFile, cwd));
  const findings = applySuppressions(result.findings, recorded, {
    pathOf: read.fingerprintPath,
    readFiles: new Set(read.planFiles.map(read.fingerprintPath)),
    exists: (file: string) => existsSync(path.join(read.projectRoot, file)),
  }).kept;
  const count = (severity: string): number => findings.filter((finding) => finding.severity === severity).length;
  const counts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), plural(count('info'), 'info', 'infos')];
  process.stdout.write(`cxlint check: ${counts.join(', ')} in ${plural(read.summary.files, 'plan file')}\n`);
  const command = `cxlint check${folder === '.' ? '' : ` ${shellWord(folder)}`}`;
  process.stdout.write(
    findings.length
      ? `Next: fix them, or run ${command} --suppress-all to record today's findings so that only new ones are reported.\n`
      : `Next: run ${command} in CI.\n`,
  );
  return 0;
}

const shellWord = (word: string): string => (/^[\w./@+-]+$/.test(word) ? word : `'${safeText(word).replace(/'/g, `'\\''`)}'`);
