/** A place in an input file. Lines and columns are 1-based; `file` is relative to the working folder, with `/`. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * The place as a spreadsheet's user names it, for a place in a workbook sheet: a cell (`B12`) or a row (`row 12`).
   * A finding there says it first in its message, since `file:line:column` is not how a sheet is read.
   */
  sheetRef?: string;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Category = 'input' | 'repeated' | 'contradictory' | 'missing' | 'journey' | 'content';

export interface RelativeTime {
  event: string;
  /** ISO 8601 duration from the event; negative before it (`-P180D`). */
  offset: string;
}

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** What a stage reports before the config decides its severity. */
export interface Problem {
  rule: string;
  message: string;
  location: Location;
  /** Segments whose timelines show the problem (empty for problems in the files themselves). */
  segments?: readonly string[];
  /** Local date-time of the send at fault, ISO 8601 with offset. */
  at?: string;
  /** Instead of `at`, on a journey's relative timeline (no date known): the entry event and the offset from it (`P1D`). */
  after?: RelativeTime;
  related?: RelatedLocation[];
  /** Ids of the things involved; with the rule, file and segments they make the fingerprint. */
  ids?: string[];
  /** The campaign involved, for `overrides` by campaign. */
  campaign?: string;
  /** Severity this problem must have whatever the config says (a warning where the rule is an error). */
  severity?: Severity;
}

export interface Finding extends Required<Omit<Problem, 'campaign' | 'severity' | 'at' | 'after'>> {
  severity: Severity;
  category: Category;
  at?: string;
  after?: RelativeTime;
  /** Stable across runs (SPEC 9); `''` when the run asked for none (`LintPlanOptions.fingerprints`). */
  fingerprint: string;
}

/** The position of a whole file, for problems that have no better place. */
export function fileStart(file: string): Location {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** What a run read: plan files, segments and sends (rows and journey send steps). */
export interface Summary {
  files: number;
  segments: number;
  sends: number;
}
