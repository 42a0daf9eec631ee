// Suppressions (SPEC 10): inline comments and the suppressions file take findings out of the report, and say which.
import type { Directive } from '../loaders/directives.js';
import { RULES_BY_ID } from '../rules/index.js';
import { Suggestions } from '../shared/did-you-mean.js';
import type { Finding, Problem } from './finding.js';

/** A finding left out of the report, and why: an inline comment (`inSource`) or the suppressions file (`external`), as SARIF names them. */
export interface Suppressed {
  finding: Finding;
  kind: 'inSource' | 'external';
  justification?: string;
}

/** The rules about suppressions themselves: no comment can silence what is said of comments. */
export const SUPPRESSION_RULES = new Set(['suppression-without-reason', 'unused-suppression']);

const suppressible = (finding: Finding): boolean => finding.category !== 'input' && !SUPPRESSION_RULES.has(finding.rule);

/** What is wrong with the suppression comments themselves: a rule that does not exist, none named, no reason given. */
export function directiveProblems(directives: readonly Directive[]): Problem[] {
  const problems: Problem[] = [];
  // One budget and one answer per distinct name, however many comments a file holds.
  const suggestions = new Suggestions();
  for (const directive of directives) {
    const { location, kind } = directive;
    if (directive.rules.length === 0) {
      const message = `cxlint-${kind} names no rule: name the rules it suppresses, e.g. "# cxlint-${kind} duplicate-message -- reason"`;
      problems.push({ rule: 'invalid-input', severity: 'warning', message, location, ids: [kind, 'no-rule'] });
    }
    for (const rule of directive.rules) {
      if (RULES_BY_ID.has(rule)) continue;
      const hint = suggestions.suggest(rule, RULES_BY_ID);
      const message = `cxlint-${kind} names an unknown rule "${rule}"${hint ? ` (did you mean ${hint}?)` : ''}`;
      problems.push({ rule: 'unknown-reference', message, location, ids: [kind, rule] });
    }
    if (directive.reason === undefined && directive.rules.length > 0) {
      const message = `cxlint-${kind} ${directive.rules.join(', ')} gives no reason: say why after " -- ", so that a reviewer knows why the finding is accepted`;
      problems.push({ rule: 'suppression-without-reason', message, location, ids: [kind, ...directive.rules] });
    }
  }
  return problems;
}

/**
 * The directive that covers each finding it covers: per file and rule, findings and directives are swept together in
 * line order, keeping the directive that reaches furthest among those begun, so that a file of many comments and many
 * findings costs a sort, not a comparison of every pair.
 */
function coveringDirectives(findings: Finding[], byFileAndRule: Map<string, Directive[]>): Map<Finding, Directive> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.location.file}\u0000${finding.rule}`;
    if (suppressible(finding) && byFileAndRule.has(key)) (groups.get(key) ?? groups.set(key, []).get(key)!).push(finding);
  }
  const covering = new Map<Finding, Directive>();
  for (const [key, group] of groups) {
    const directives = [...byFileAndRule.get(key)!].sort((a, b) => a.firstLine - b.firstLine);
    group.sort((a, b) => a.location.line - b.location.line);
    let next = 0;
    let widest: Directive | undefined;
    for (const finding of group) {
      const { line } = finding.location;
      for (; next < directives.length && directives[next]!.firstLine <= line; next += 1) {
        if (!widest || directives[next]!.lastLine > widest.lastLine) widest = directives[next];
      }
      if (widest && widest.lastLine >= line) covering.set(finding, widest);
    }
  }
  return covering;
}

/**
 * Takes out of the findings those an inline comment covers (same file, the finding's line among the lines the comment
 * covers, its rule named). Returns what is left, what was suppressed, and each rule of each comment that suppressed
 * nothing (for `unused-suppression`).
 */
export function suppressInline(findings: Finding[], directives: readonly Directive[]): { kept: Finding[]; suppressed: Suppressed[]; unused: Problem[] } {
  if (directives.length === 0) return { kept: findings, suppressed: [], unused: [] };
  // Directives by file and rule: a finding looks only at those that name its rule in its file.
  const byFileAndRule = new Map<string, Directive[]>();
  for (const directive of directives) {
    for (const rule of directive.rules) {
      const key = `${directive.location.file}\u0000${rule}`;
      (byFileAndRule.get(key) ?? byFileAndRule.set(key, []).get(key)!).push(directive);
    }
  }
  const covering = coveringDirectives(findings, byFileAndRule);
  /** The rules each directive suppressed something of. */
  const used = new Map<Directive, Set<string>>();
  const kept: Finding[] = [];
  const suppressed: Suppressed[] = [];
  for (const finding of findings) {
    const directive = covering.get(finding);
    if (!directive) {
      kept.push(finding);
      continue;
    }
    (used.get(directive) ?? used.set(directive, new Set()).get(directive)!).add(finding.rule);
    suppressed.push({ finding, kind: 'inSource', ...(directive.reason !== undefined ? { justification: directive.reason } : {}) });
  }
  const unused = directives.flatMap((directive) =>
    directive.rules
      .filter((rule) => RULES_BY_ID.has(rule) && !used.get(directive)?.has(rule))
      .map((rule): Problem => ({ rule: 'unused-suppression', message: `cxlint-${directive.kind} ${rule} suppresses nothing: remove it, or the rule name from it`, location: directive.location, ids: [directive.kind, rule] })),
  );
  return { kept, suppressed, unused };
}
