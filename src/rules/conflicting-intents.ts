import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const conflictingIntents: Rule = {
  id: 'conflicting-intents',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'Two intents declared incompatible reach a segment within a window.',
  fixable: false,
  check() {},
};
