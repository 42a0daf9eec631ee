import type { Category, RelativeTime, Severity } from '../findings/finding.js';
import type { PlanView } from '../timeline/plan-view-data.js';
import type { ReportSummary } from './types.js';

/**
 * What the HTML report's page reads from its `<script type="application/json">` element: the report's findings and
 * the plan's timelines, as the reporter serialises them (src/reporters/html.ts) and the page's script (report/) draws
 * them. Files and segments are numbered (indices into `plan.files` and `plan.segments`), as 60,000 findings name a few.
 */
export interface PageData {
  tool: { name: 'cxlint'; version: string };
  /** When the run started, ISO 8601. */
  time: string;
  /** False when the page comes from `cxlint timeline`, which runs no rule. */
  checked: boolean;
  /** The config file, absent for the `cxlint:recommended` preset alone. */
  config?: string;
  summary: ReportSummary;
  /** A rule's doc page is this followed by `<rule>.md`. */
  docs: string;
  findings: FindingView[];
  plan: PlanView;
}

export interface FindingView {
  rule: string;
  severity: Severity;
  category: Category;
  message: string;
  file: number;
  line: number;
  column: number;
  segments: number[];
  at?: string;
  after?: RelativeTime;
  /** `[file, line, column, message]`. */
  related?: Array<[number, number, number, string]>;
}
