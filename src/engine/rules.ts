import type { ResolvedConfig, RuleSetting } from '../config/resolve.js';
import type { Problem } from '../findings/finding.js';
import type { SegmentTree } from '../model/tree.js';
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

/**
 * A rule's options for a segment and a campaign: the config's, with the overrides that name the segment (or one above
 * it) or the campaign merged over them in order. Rules ask this of every segment, so whether an override's segments
 * cover a segment is told by the numbered tree, not by walking up a chain that can be thousands deep.
 */
function optionsFor(rule: Rule<never>, config: ResolvedConfig, tree: SegmentTree) {
  const overrides = config.overrides.flatMap((override) => {
    const setting = override.rules.get(rule.id);
    return setting ? [{ setting, covers: override.segments ? tree.anyContains(override.segments) : undefined, campaigns: override.campaigns }] : [];
  });
  return (segment?: string, campaign?: string): Record<string, unknown> => {
    let options = config.rules.get(rule.id)?.options ?? rule.defaultOptions ?? {};
    for (const { setting, covers, campaigns } of overrides) {
      const bySegment = segment !== undefined && (covers?.(segment) ?? false);
      const byCampaign = campaign !== undefined && (campaigns?.includes(campaign) ?? false);
      if (bySegment || byCampaign) options = deepMerge(options, setting.options);
    }
    return options;
  };
}

/** The rules stage: every enabled rule reads the plan and the timelines and reports problems. */
export function runRules(plan: Plan, timelines: Timelines, config: ResolvedConfig): Problem[] {
  const problems: Problem[] = [];
  for (const rule of CHECKS) {
    if (!enabled(rule, config)) continue;
    const context: RuleContext<Record<string, unknown>> = {
      plan,
      timelines,
      options: optionsFor(rule, config, plan.tree),
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
