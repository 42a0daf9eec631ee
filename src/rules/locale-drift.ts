import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const localeDrift: Rule = {
  id: 'locale-drift',
  category: 'content',
  defaultSeverity: 'warning',
  description: 'Locale variants of one template disagree on placeholders, offer codes or numbers.',
  fixable: false,
  check() {},
};
