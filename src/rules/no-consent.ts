import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const noConsent: Rule = {
  id: 'no-consent',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'A marketing send on a channel the segment did not consent to, or to a suppressed segment.',
  fixable: false,
  check() {},
};
