import type { Finding } from '../findings/finding.js';
import type { Summary } from '../findings/finding.js';
import type { Suppressed } from '../findings/suppress.js';
import type { PlanView } from '../timeline/plan-view-data.js';

export interface ReportSummary extends Summary {
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
}

export interface Report {
  version: string;
  /** The absolute folder the findings' file paths are relative to (the working folder): SARIF's `%SRCROOT%`. */
  root: string;
  findings: Finding[];
  /** Findings a suppression took out of `findings`: SARIF lists them with their `suppressions[]`; the other formats count them. */
  suppressed: Suppressed[];
  summary: ReportSummary;
  /** What the HTML report draws besides the findings; the CLI adds it only when that format is asked for. */
  picture?: Picture;
}

export interface Picture {
  view: PlanView;
  /** The config file as the findings name files, or undefined for the `cxlint:recommended` preset alone. */
  config?: string;
  /** When the run started, ISO 8601. */
  time: string;
  /** False for `cxlint timeline`, which runs no rule: the page says the plan was not checked. */
  checked: boolean;
}

export interface ReporterOptions {
  color: boolean;
}

/**
 * A reporter only formats findings: it never reads files or changes what was found. It gives its text in pieces,
 * so that a report of a million findings is written without ever being one string (V8 caps strings at 512 MB).
 */
export type Reporter = (report: Report, options: ReporterOptions) => Iterable<string>;
