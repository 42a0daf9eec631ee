import type { Problem } from '../findings/finding.js';
import { fileStart } from '../findings/finding.js';
import type { InputFile } from '../files/discover.js';
import { readCsv } from './csv.js';
import { ADAPTERS } from './adapters/index.js';
import { reportFormatHint } from './adapters/reports.js';
import type { Adapter, InputMappingOptions } from './adapters/types.js';
import { decodeText, readFileUpTo } from './text.js';
import { readYaml } from './yaml.js';
import { MAX_CSV_BYTES, MAX_YAML_BYTES } from './limits.js';
import type { Fragment } from './fragment.js';
import type { Directive } from './directives.js';

export { MAX_CSV_BYTES, MAX_YAML_BYTES } from './limits.js';
export const PLAN_SECTIONS = ['segments', 'templates', 'journeys', 'calendar'];

export interface LoadedFile {
  input: InputFile;
  fragments: Fragment[];
  problems: Problem[];
  /** Why the file was passed over, when it is not a plan file (for --debug). */
  skipped?: string;
  /** A file cxlint writes (a JSON report of an earlier run, a suppressions file): the one kind a report may replace. */
  previousReport?: boolean;
  /** Its suppression comments (YAML only: CSV and JSON hold no comments). */
  directives?: Directive[];
}

const isCsv = (file: string): boolean => /\.csv$/i.test(file);

/** The largest file of a kind cxlint's own readers take: CSV exports can be large, YAML is written by hand. */
const ownLimit = (file: string): number => (isCsv(file) ? MAX_CSV_BYTES : MAX_YAML_BYTES);

/**
 * Who reads a file (SPEC 3.5): the reader `inputs[].format` names; else an adapter that its name alone gives (an
 * `.xlsx`, an `.ics`); else, once the text is known, an adapter whose sure sign it bears; else cxlint's own CSV or
 * YAML/JSON reader. Never a guess from a partial match: a sure sign is all or nothing.
 */
interface Choice {
  /** Picked before reading: by the config, or by the name alone. */
  adapter?: Adapter;
  /** Adapters that would take the file if its text bears their sure sign. */
  candidates: Adapter[];
  maxBytes: number;
}

function choose(file: string, options: InputMappingOptions | undefined): Choice {
  const format = options?.format;
  if (format === 'cxlint' || format === 'csv') return { candidates: [], maxBytes: format === 'csv' ? MAX_CSV_BYTES : MAX_YAML_BYTES };
  const named = format ? ADAPTERS.find((adapter) => adapter.name === format) : ADAPTERS.find((adapter) => adapter.handles(file) && !adapter.sureSign);
  if (named) return { adapter: named, candidates: [], maxBytes: named.maxBytes ?? MAX_YAML_BYTES };
  const candidates = ADAPTERS.filter((adapter) => adapter.sureSign && adapter.handles(file));
  return { candidates, maxBytes: Math.max(ownLimit(file), ...candidates.map((adapter) => adapter.maxBytes ?? MAX_YAML_BYTES)) };
}

function looksLikePlan(fragment: Fragment): boolean {
  const value = fragment.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && PLAN_SECTIONS.some((key) => Object.hasOwn(value, key));
}

/**
 * What cxlint itself writes: a JSON report of an earlier run (`{"tool": {"name": "cxlint"}, …}`), a GitLab Code Quality
 * report, or a suppressions file.
 */
function cxlintOutputOf(data: unknown): string | undefined {
  if (Array.isArray(data)) return data.length > 0 && data.every(isCodeQualityIssue) ? 'a cxlint GitLab Code Quality report' : undefined;
  const value = data as { tool?: { name?: unknown }; version?: unknown; suppressions?: unknown } | null;
  if (typeof value?.tool === 'object' && value.tool !== null && value.tool.name === 'cxlint') return 'a cxlint report or timeline';
  if (value?.version === 1 && Array.isArray(value.suppressions)) return 'a cxlint suppressions file';
  return undefined;
}

/**
 * One issue of `-f gitlab`, known by its exact shape: GitLab's format names no tool, and a CI job writes the report
 * beside the plans it checks (`gl-code-quality-report.json`), to be replaced by the next run. A clean run's report,
 * `[]`, could be any tool's empty list: only this run's gitlab report may replace it (cli/check.ts).
 */
function isCodeQualityIssue(item: unknown): boolean {
  const issue = item as { fingerprint?: unknown; location?: { path?: unknown; lines?: { begin?: unknown } } } | null;
  return (
    typeof issue === 'object' &&
    issue !== null &&
    Object.keys(issue).sort().join(',') === 'check_name,description,fingerprint,location,severity' &&
    typeof issue.fingerprint === 'string' &&
    /^[0-9a-f]{32}$/.test(issue.fingerprint) &&
    typeof issue.location?.path === 'string' &&
    typeof issue.location.lines?.begin === 'number'
  );
}

/**
 * What cxlint wrote, known from JSON text alone: a report of an earlier run often lies beside the plan (the examples'
 * expected.json; a CI job's `-o cxlint.json`), and JSON.parse knows it ~100 times faster than yaml reads it with the
 * positions only a plan needs (issue 14: a third of the lease-end example's reading). Anything else is read as YAML.
 */
function cxlintOutputInJson(text: string): string | undefined {
  if (!/^\s*[{[]/.test(text)) return undefined;
  try {
    return cxlintOutputOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * A table with none of the calendar columns, found in a folder, not named and not mapped by the config: a spreadsheet
 * of another kind (a budget) is passed over, as non-plan YAML is. One with some calendar columns is a broken export,
 * and says so.
 */
function passedOver(input: InputFile, options: InputMappingOptions | undefined, noCalendarColumns: boolean | undefined, why: string): LoadedFile | undefined {
  return noCalendarColumns && !input.explicit && !options ? { input, fragments: [], problems: [], skipped: why } : undefined;
}

/** Reads one input file into plan fragments that keep positions; every problem is a finding, never an exception. */
export async function loadFile(input: InputFile, options: InputMappingOptions | undefined): Promise<LoadedFile> {
  // The whole path: an adapter may know its files by the folders they lie in (sfmc-devtools' retrieve/…).
  const choice = choose(input.absolutePath, options);
  const read = await readFileUpTo(input.file, input.absolutePath, choice.maxBytes).catch((error: NodeJS.ErrnoException) => error);
  if (read instanceof Error) {
    const message = `cannot read the file (${read.code ?? read.message})`;
    return { input, fragments: [], problems: [{ rule: 'invalid-input', message, location: { file: input.file, line: 1, column: 1, endLine: 1, endColumn: 1 } }] };
  }
  if ('problem' in read) return { input, fragments: [], problems: [read.problem] };
  // A workbook is a zip: never text, and its library is loaded (and awaited) only when one is read.
  if (choice.adapter?.binary) {
    const { noCalendarColumns, ...output } = await choice.adapter.read({ ...input, bytes: read.bytes, options: options ?? {} });
    return passedOver(input, options, noCalendarColumns, 'a workbook whose first sheet has none of the calendar columns') ?? { input, ...output };
  }
  return loadChosen(input, read.bytes, options, choice);
}

/**
 * One input file's bytes, given in memory (an editor's buffer), into plan fragments that keep positions. Synchronous:
 * only text formats are read this way; a binary format (a workbook) is read from disk by `loadFile`.
 */
export function loadBytes(input: InputFile, bytes: Uint8Array, options: InputMappingOptions | undefined): LoadedFile {
  const choice = choose(input.absolutePath, options);
  if (choice.adapter?.binary) {
    const message = `${choice.adapter.name} files are binary: they are read from disk (cxlint check), not given as text`;
    return { input, fragments: [], problems: [{ rule: 'invalid-input', message, location: fileStart(input.file), ids: [message] }] };
  }
  return loadChosen(input, bytes, options, choice);
}

function loadChosen(input: InputFile, bytes: Uint8Array, options: InputMappingOptions | undefined, choice: Choice): LoadedFile {
  const decoded = decodeText(input.file, bytes, choice.maxBytes);
  if ('problem' in decoded) return { input, fragments: [], problems: [decoded.problem] };
  const text = decoded.text;
  const adapter = choice.adapter ?? choice.candidates.find((candidate) => candidate.sureSign?.(text, input.file));
  if (adapter) {
    if (!adapter.binary) return { input, ...adapter.read({ ...input, bytes, text, options: options ?? {} }) };
  }
  if (isCsv(input.file) || options?.format === 'csv') {
    // A report whose header is not exactly the tool's (a column deleted) is read here: without a format, name the one
    // that reads it.
    const hint = options?.format === undefined ? { missingColumnsHint: () => reportFormatHint(text) } : {};
    const csv = { ...options, kind: options?.kind ?? 'calendar', ...hint };
    const { fragment, problems, noCalendarColumns } = readCsv(input.file, text, csv);
    return passedOver(input, options, noCalendarColumns, 'a CSV file with none of the calendar columns') ?? { input, fragments: fragment ? [fragment] : [], problems };
  }
  // What cxlint wrote (a report, a timeline, a suppressions file) is never a plan, though a timeline has `segments`.
  const written = input.explicit ? undefined : cxlintOutputInJson(text);
  if (written) return { input, fragments: [], problems: [], skipped: written, previousReport: true };
  const { fragments, problems, directives } = readYaml(input.file, text);
  const output = problems.length === 0 && !input.explicit ? fragments.map((fragment) => cxlintOutputOf(fragment.value)).find((kind) => kind !== undefined) : undefined;
  if (output) return { input, fragments: [], problems, skipped: output, previousReport: true };
  if (problems.length > 0 || fragments.length === 0 || fragments.some(looksLikePlan)) return { input, fragments, problems, directives };
  if (!input.explicit) return { input, fragments: [], problems, skipped: 'no segments, templates, journeys or calendar section' };
  const location = fragments[0]?.positions.get('')?.value ?? { file: input.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const message = `not a cxlint plan file: it has none of the sections ${PLAN_SECTIONS.join(', ')}`;
  return { input, fragments: [], problems: [{ rule: 'invalid-input', severity: 'warning', message, location }] };
}
