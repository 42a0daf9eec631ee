import { createHash } from 'node:crypto';
import type { ResolvedConfig, RuleSetting } from '../config/resolve.js';
import { RULES_BY_ID } from '../rules/index.js';
import type { Finding, Problem } from './finding.js';

/** Ancestors of a segment, itself first: overrides name a segment and apply to those below it too. */
export type SegmentLineage = (segment: string) => string[];

/** The setting of a rule for one problem: the config's, unless an override names one of its segments or its campaign. */
export function settingFor(config: ResolvedConfig, problem: Problem, lineage: SegmentLineage): RuleSetting | undefined {
  let setting = config.rules.get(problem.rule);
  for (const override of config.overrides) {
    const bySegment = override.segments?.some((segment) => (problem.segments ?? []).some((own) => lineage(own).includes(segment)));
    const byCampaign = problem.campaign !== undefined && override.campaigns?.includes(problem.campaign);
    const ruleOverride = override.rules.get(problem.rule);
    if (ruleOverride && (bySegment || byCampaign)) setting = ruleOverride;
  }
  return setting;
}

function fingerprint(problem: Problem): string {
  const parts = [problem.rule, problem.location.file, ...(problem.ids ?? [problem.message]), '|', ...(problem.segments ?? [])];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function compare(a: Finding, b: Finding): number {
  const x = a.location;
  const y = b.location;
  if (x.file !== y.file) return x.file < y.file ? -1 : 1;
  return x.line - y.line || x.column - y.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** Gives problems their configured severity, drops the ones turned off, and sorts them by file, line, column, rule. */
export function finalizeFindings(problems: Problem[], config: ResolvedConfig, lineage: SegmentLineage): Finding[] {
  const findings = new Map<string, Finding>();
  for (const problem of problems) {
    const rule = RULES_BY_ID.get(problem.rule);
    if (!rule) throw new Error(`internal: a problem names the unregistered rule ${problem.rule}`);
    const severity = problem.severity ?? settingFor(config, problem, lineage)?.severity ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    const { location } = problem;
    const finding: Finding = {
      rule: problem.rule,
      severity,
      category: rule.category,
      message: problem.message,
      location,
      segments: [...(problem.segments ?? [])].sort(),
      related: problem.related ?? [],
      ids: problem.ids ?? [],
      fingerprint: fingerprint(problem),
    };
    if (problem.at) finding.at = problem.at;
    const key = [finding.rule, location.file, location.line, location.column, finding.message].join('\u0000');
    if (!findings.has(key)) findings.set(key, finding);
  }
  return [...findings.values()].sort(compare);
}
