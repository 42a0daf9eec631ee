import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const journeyLoop: Rule = {
  id: 'journey-loop',
  category: 'journey',
  defaultSeverity: 'error',
  description: 'A journey cycle with no wait or no way out, or a journey too complex to enumerate.',
  fixable: false,
  check() {},
};
