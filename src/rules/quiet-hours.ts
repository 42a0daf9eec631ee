import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const quietHours: Rule = {
  id: 'quiet-hours',
  category: 'repeated',
  defaultSeverity: 'warning',
  description: 'A send at a local time inside quiet hours in one of the time zones of the segment.',
  fixable: false,
  check() {},
};
