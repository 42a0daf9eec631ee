import type { Category, Problem, Severity } from '../findings/finding.js';
import type { Plan } from '../model/types.js';
import type { Timelines } from '../timeline/build.js';

/** What every rule declares about itself: the config, `cxlint rules` and the docs read this. */
export interface RuleMeta {
  id: string;
  category: Category;
  /** Severity in `cxlint:recommended`. */
  defaultSeverity: Severity;
  description: string;
  /** JSON Schema of the rule's options; a rule without one takes no options. */
  optionsSchema?: Record<string, unknown>;
  /** Default options in `cxlint:recommended`. */
  defaultOptions?: Record<string, unknown>;
  fixable: boolean;
}

/** Rules of the input category are reported by the loading stages themselves, and can never be turned down. */
export interface InputRule extends RuleMeta {
  category: 'input';
}

/** What a rule's check may read, and how it reports. Rules never re-read files (SPEC 5). */
export interface RuleContext<Options = Record<string, unknown>> {
  plan: Plan;
  timelines: Timelines;
  /** The rule's options, with the config's `overrides` for this segment (or one above it) or campaign applied. */
  options(segment?: string, campaign?: string): Options;
  /** Whether the config's `overrides` set this rule anywhere: when not, `options` is the same for every segment and campaign. */
  overridden: boolean;
  report(problem: Omit<Problem, 'rule'>): void;
}

/** A rule that reads the plan and its timelines. */
export interface Rule<Options = Record<string, unknown>> extends RuleMeta {
  category: Exclude<Category, 'input'>;
  check(context: RuleContext<Options>): void;
}
