import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const conflictingOffers: Rule = {
  id: 'conflicting-offers',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'Two messages carry the same offer id with a different value, code or validity while both are live.',
  fixable: false,
  check() {},
};
