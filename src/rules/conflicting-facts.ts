import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const conflictingFacts: Rule = {
  id: 'conflicting-facts',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'Two messages that can reach one segment assert the same fact with different values or from different sources.',
  fixable: false,
  check() {},
};
