import type { Problem } from '../findings/finding.js';
import type { InputFile } from '../files/discover.js';
import type { CsvOptions } from './csv.js';
import { readCsv } from './csv.js';
import { decodeText, MAX_CSV_BYTES, MAX_YAML_BYTES, readFileUpTo } from './text.js';
import { readYaml } from './yaml.js';
import type { Fragment } from './fragment.js';
import type { Directive } from './directives.js';
import { ADAPTERS } from './adapters/index.js';

export { MAX_CSV_BYTES, MAX_YAML_BYTES } from './text.js';
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

function looksLikePlan(fragment: Fragment): boolean {
  const value = fragment.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && PLAN_SECTIONS.some((key) => Object.hasOwn(value, key));
}

/** What cxlint itself writes: a JSON report of an earlier run (`{"tool": {"name": "cxlint"}, …}`), or a suppressions file. */
function cxlintOutputOf(fragment: Fragment): string | undefined {
  const value = fragment.value as { tool?: { name?: unknown }; version?: unknown; suppressions?: unknown } | null;
  if (typeof value?.tool === 'object' && value.tool !== null && value.tool.name === 'cxlint') return 'a cxlint report or timeline';
  if (value?.version === 1 && Array.isArray(value.suppressions)) return 'a cxlint suppressions file';
  return undefined;
}

/** Reads one input file into plan fragments that keep positions; every problem is a finding, never an exception. */
export async function loadFile(input: InputFile, csv: CsvOptions | undefined): Promise<LoadedFile> {
  const maxBytes = isCsv(input.file) ? MAX_CSV_BYTES : MAX_YAML_BYTES;
  const read = await readFileUpTo(input.file, input.absolutePath, maxBytes).catch((error: NodeJS.ErrnoException) => error);
  if (read instanceof Error) {
    const message = `cannot read the file (${read.code ?? read.message})`;
    return { input, fragments: [], problems: [{ rule: 'invalid-input', message, location: { file: input.file, line: 1, column: 1, endLine: 1, endColumn: 1 } }] };
  }
  if ('problem' in read) return { input, fragments: [], problems: [read.problem] };
  return loadBytes(input, read.bytes, csv);
}

/** One input file's bytes, read from disk or given in memory, into plan fragments that keep positions. */
export function loadBytes(input: InputFile, bytes: Uint8Array, csv: CsvOptions | undefined): LoadedFile {
  const decoded = decodeText(input.file, bytes, isCsv(input.file) ? MAX_CSV_BYTES : MAX_YAML_BYTES);
  if ('problem' in decoded) return { input, fragments: [], problems: [decoded.problem] };
  // Another tool's format, named by the config's inputs[].format or known by its path and a sure sign (SPEC 3.5).
  const format = (csv as { format?: string } | undefined)?.format;
  const adapter = format !== undefined ? ADAPTERS.find((known) => known.name === format) : ADAPTERS.find((known) => known.handles(input.absolutePath) && (known.sureSign?.(decoded.text, input.file) ?? true));
  if (adapter) {
    const { fragments, problems } = adapter.read({ ...input, bytes, options: csv ?? {} });
    return { input, fragments, problems };
  }
  if (isCsv(input.file)) {
    const { fragment, problems, noCalendarColumns } = readCsv(input.file, decoded.text, csv ?? { kind: 'calendar' });
    // Found in a folder, not named and not mapped by the config: a spreadsheet of another kind is passed over, as
    // non-plan YAML is. One with some calendar columns is a broken export, and says so.
    if (noCalendarColumns && !input.explicit && !csv) return { input, fragments: [], problems: [], skipped: 'a CSV file with none of the calendar columns' };
    return { input, fragments: fragment ? [fragment] : [], problems };
  }
  const { fragments, problems, directives } = readYaml(input.file, decoded.text);
  // What cxlint wrote (a report, a timeline, a suppressions file) is never a plan, though a timeline has `segments`.
  const output = problems.length === 0 && !input.explicit ? fragments.map(cxlintOutputOf).find((kind) => kind !== undefined) : undefined;
  if (output) return { input, fragments: [], problems, skipped: output, previousReport: true };
  if (problems.length > 0 || fragments.length === 0 || fragments.some(looksLikePlan)) return { input, fragments, problems, directives };
  if (!input.explicit) return { input, fragments: [], problems, skipped: 'no segments, templates, journeys or calendar section' };
  const location = fragments[0]?.positions.get('')?.value ?? { file: input.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const message = `not a cxlint plan file: it has none of the sections ${PLAN_SECTIONS.join(', ')}`;
  return { input, fragments: [], problems: [{ rule: 'invalid-input', severity: 'warning', message, location }] };
}
