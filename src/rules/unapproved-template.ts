import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const unapprovedTemplate: Rule = {
  id: 'unapproved-template',
  category: 'content',
  defaultSeverity: 'warning',
  description: 'A send of a template whose status is draft or review.',
  fixable: false,
  check() {},
};
