import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const stateConflict: Rule = {
  id: 'state-conflict',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'A send at a moment when the states of the segment violate what the template or its intent requires or forbids.',
  fixable: false,
  check() {},
};
