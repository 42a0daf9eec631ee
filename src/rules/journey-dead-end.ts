import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const journeyDeadEnd: Rule = {
  id: 'journey-dead-end',
  category: 'journey',
  defaultSeverity: 'error',
  description: 'Customers can get stuck in a journey.',
  fixable: false,
  check() {},
};
