import type { Category, Severity } from '../findings/finding.js';

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
