import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const missingMessage: Rule = {
  id: 'missing-message',
  category: 'missing',
  defaultSeverity: 'error',
  description: 'An expected message does not come in time after (or before) an event.',
  fixable: false,
  check() {},
};
