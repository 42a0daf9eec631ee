import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const duplicateMessage: Rule = {
  id: 'duplicate-message',
  category: 'repeated',
  defaultSeverity: 'error',
  description: 'The same message (same template, or the same text under another template id) reaches a segment twice within a window.',
  fixable: false,
  check() {},
};
