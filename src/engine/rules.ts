import type { ResolvedConfig, RuleSetting } from '../config/resolve.js';
import type { Problem } from '../findings/finding.js';
import type { SegmentLineage } from '../findings/finalize.js';
import type { Plan } from '../model/types.js';
import { CHECKS } from '../rules/index.js';
import type { Rule, RuleContext } from '../rules/rule.js';
import type { Timelines } from '../timeline/build.js';
import { RuleCrash } from '../errors.js';
import { deepMerge } from './rule-settings.js';

/** A rule runs when it is on in the config or in any override. */
function enabled(rule: Rule<never>, config: ResolvedConfig): boolean {
  const settings: Array<RuleSetting | undefined> = [config.rules.get(rule.id), ...config.overrides.map((override) => override.rules.get(rule.id))];
  return settings.some((setting) => setting !== undefined && setting.severity !== 'off');
}

function optionsFor(rule: Rule<never>, config: ResolvedConfig, lineage: SegmentLineage) {
  return (segment?: string, campaign?: string): Record<string, unknown> => {
    let options = config.rules.get(rule.id)?.options ?? rule.defaultOptions ?? {};
    // The lineage is walked only when an override of this rule names segments: chains can be thousands deep.
    let ancestors: string[] | undefined;
    for (const override of config.overrides) {
      const setting = override.rules.get(rule.id);
      if (!setting) continue;
      const bySegment = segment !== undefined && (override.segments?.some((id) => (ancestors ??= lineage(segment)).includes(id)) ?? false);
      const byCampaign = campaign !== undefined && (override.campaigns?.includes(campaign) ?? false);
      if (bySegment || byCampaign) options = deepMerge(options, setting.options);
    }
    return options;
  };
}

/** The rules stage: every enabled rule reads the plan and the timelines and reports problems. */
export function runRules(plan: Plan, timelines: Timelines, config: ResolvedConfig, lineage: SegmentLineage): Problem[] {
  const problems: Problem[] = [];
  for (const rule of CHECKS) {
    if (!enabled(rule, config)) continue;
    const context: RuleContext<Record<string, unknown>> = {
      plan,
      timelines,
      options: optionsFor(rule, config, lineage),
      overridden: config.overrides.some((override) => override.rules.has(rule.id)),
      report: (problem) => problems.push(withRule(problem, rule.id)),
    };
    try {
      (rule as Rule<Record<string, unknown>>).check(context);
    } catch (error) {
      throw new RuleCrash(rule.id, error);
    }
  }
  return problems;
}

/**
 * A reported problem with its rule. Object.assign, not `{ ...problem, rule }`: V8 gives every object that spread makes
 * here a hidden class of its own (some 300 bytes), and a dense plan reports a million problems.
 */
function withRule(problem: Omit<Problem, 'rule'>, rule: string): Problem {
  const result: Problem = Object.assign({}, problem, { rule });
  // A message built from many pieces stays a tree of them (32 bytes a piece) until it is read; reading one character
  // makes V8 store it as one flat string, a third of the size, for the rest of the run.
  result.message.charCodeAt(0);
  return result;
}
