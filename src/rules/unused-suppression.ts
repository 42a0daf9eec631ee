import type { RuleMeta } from './rule.js';

/** Reported while the findings are suppressed (src/findings/suppress.ts); off unless `--report-unused-disables` or the config turns it on. */
export const unusedSuppression: RuleMeta = {
  id: 'unused-suppression',
  category: 'content',
  defaultSeverity: 'off',
  description: 'A cxlint-disable comment that suppresses nothing for a rule it names.',
  fixable: false,
};
