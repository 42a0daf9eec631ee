import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const undefinedPlaceholder: Rule = {
  id: 'undefined-placeholder',
  category: 'content',
  defaultSeverity: 'error',
  description: 'A placeholder that is not a field of the customer profile.',
  fixable: false,
  check() {},
};
