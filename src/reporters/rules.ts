/** Where cxlint lives: SARIF's `informationUri`, and the base of the rules' doc pages in reports read away from the repository. */
export const REPOSITORY = 'https://github.com/cxlint/cxlint';

/** A rule's doc page as an absolute URL (SARIF's `helpUri`, Markdown links): `docs/rules/<id>.md` in the repository. */
export const ruleDocUrl = (id: string): string => `${REPOSITORY}/blob/main/docs/rules/${encodeURIComponent(id)}.md`;

import type { RuleMeta } from '../rules/rule.js';

/** What `cxlint rules` says about one rule; `-f json` prints an array of these, in this order and shape. */
export interface RuleListing {
  id: string;
  category: string;
  /** Severity in `cxlint:recommended`. */
  severity: string;
  fixable: boolean;
  description: string;
  /** The rule's doc page in the repository, as a URL: the docs are not in the installed package, so a path would lead nowhere. */
  docs: string;
}

export function ruleListing(rules: readonly RuleMeta[]): RuleListing[] {
  return rules.map((rule) => ({
    id: rule.id,
    category: rule.category,
    severity: rule.defaultSeverity,
    fixable: rule.fixable,
    description: rule.description,
    docs: ruleDocUrl(rule.id),
  }));
}

/** `cxlint rules` for people: one aligned line per rule, under a header. */
export function rulesText(listing: RuleListing[]): string {
  const header = ['rule', 'category', 'default', 'fixable', 'description', 'docs'];
  const rows = listing.map((rule) => [rule.id, rule.category, rule.severity, rule.fixable ? 'yes' : 'no', rule.description, rule.docs]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]): string => row.map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column]!) : cell)).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** `cxlint rules -f json`: a stable array of `RuleListing` objects, for tools. */
export function rulesJson(listing: RuleListing[]): string {
  return `${JSON.stringify(listing, null, 2)}\n`;
}
