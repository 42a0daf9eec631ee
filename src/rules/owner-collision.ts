import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const ownerCollision: Rule = {
  id: 'owner-collision',
  category: 'repeated',
  defaultSeverity: 'warning',
  description: 'Two different owners (teams or agencies) message one segment within a short gap.',
  fixable: false,
  check() {},
};
