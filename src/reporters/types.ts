import type { Finding } from '../findings/finding.js';
import type { Summary } from '../engine/lint.js';

export interface ReportSummary extends Summary {
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
}

export interface Report {
  version: string;
  findings: Finding[];
  summary: ReportSummary;
}

export interface ReporterOptions {
  color: boolean;
}

/** A reporter only formats findings: it never reads files or changes what was found. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
