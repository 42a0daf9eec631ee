import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const journeyUnreachableStep: Rule = {
  id: 'journey-unreachable-step',
  category: 'journey',
  defaultSeverity: 'warning',
  description: 'A journey step no path reaches.',
  fixable: false,
  check() {},
};
