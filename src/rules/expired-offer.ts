import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const expiredOffer: Rule = {
  id: 'expired-offer',
  category: 'contradictory',
  defaultSeverity: 'error',
  description: 'A send outside its offer validity period.',
  fixable: false,
  check() {},
};
