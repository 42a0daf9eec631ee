import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const unansweredReply: Rule = {
  id: 'unanswered-reply',
  category: 'missing',
  defaultSeverity: 'error',
  description: 'A message that asks for a reply has no reply handling.',
  fixable: false,
  check() {},
};
