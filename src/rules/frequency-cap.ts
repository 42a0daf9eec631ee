import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const frequencyCap: Rule = {
  id: 'frequency-cap',
  category: 'repeated',
  defaultSeverity: 'error',
  description: 'More marketing messages to a segment than the limits allow in a rolling window.',
  fixable: false,
  check() {},
};
