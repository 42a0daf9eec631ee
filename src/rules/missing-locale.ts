import type { Rule } from './rule.js';

// Not implemented yet: the metadata is registered so that configs, presets and `cxlint rules` know the rule.
export const missingLocale: Rule = {
  id: 'missing-locale',
  category: 'missing',
  defaultSeverity: 'error',
  description: 'A template lacks content for a locale of a segment it reaches.',
  fixable: false,
  check() {},
};
