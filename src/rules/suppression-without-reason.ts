import type { RuleMeta } from './rule.js';

/** Reported while the findings are suppressed (src/findings/suppress.ts): a suppression comment must say why. */
export const suppressionWithoutReason: RuleMeta = {
  id: 'suppression-without-reason',
  category: 'content',
  defaultSeverity: 'warning',
  description: 'A cxlint-disable comment that gives no reason after " -- ".',
  fixable: false,
};
