import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const channelParity: Rule = {
  id: 'channel-parity',
  category: 'missing',
  defaultSeverity: 'warning',
  description: 'A campaign on one channel of a group is missing on the others.',
  fixable: false,
  check() {},
};
