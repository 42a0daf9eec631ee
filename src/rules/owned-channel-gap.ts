import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const ownedChannelGap: Rule = {
  id: 'owned-channel-gap',
  category: 'missing',
  defaultSeverity: 'warning',
  description: 'A campaign reaches a segment only through channels the brand does not own.',
  fixable: false,
  check() {},
};
