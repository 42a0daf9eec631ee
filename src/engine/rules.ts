import { settingsOf } from '../config/overrides.js';
import type { ResolvedConfig, RuleSetting } from '../config/resolve.js';
import type { Problem } from '../findings/finding.js';
import type { SegmentTree } from '../model/tree.js';
import type { Plan } from '../model/types.js';
import { CHECKS } from '../rules/index.js';
import type { CheckedTimeline, Checks, Found, Rule, RuleContext, SendFault } from '../rules/rule.js';
import type { Timelines } from '../timeline/build.js';
import type { TimelineEntry } from '../timeline/types.js';
import { RuleCrash } from '../errors.js';
import { CausedFault, FoundProblems, sendFaultsFound } from './found.js';
import { reportAtPlace } from '../rules/kit/by-place.js';
import { deepMerge } from './rule-settings.js';
import type { Unit } from './walk.js';
import { campaignsOf, partsBy, timelinesToCheck } from './walk.js';

type Options = Record<string, unknown>;

/** A rule runs when it is on in the config or in any override. */
function enabled(rule: Rule<never>, config: ResolvedConfig): boolean {
  const settings: Array<RuleSetting | undefined> = [config.rules.get(rule.id), ...config.overrides.map((override) => override.rules.get(rule.id))];
  return settings.some((setting) => setting !== undefined && setting.severity !== 'off');
}

/** A rule's options for a segment and a campaign: the config's, with the overrides that apply merged over them in order. */
function optionsFor(rule: Rule<never>, config: ResolvedConfig, tree: SegmentTree) {
  const { base, overrides } = settingsOf(config, rule.id, tree);
  return (segment?: string, campaign?: string): Options => {
    let options = base?.options ?? rule.defaultOptions ?? {};
    for (const { setting, applies } of overrides) if (applies(segment === undefined ? [] : [segment], campaign)) options = deepMerge(options, setting.options);
    return options;
  };
}

/** One enabled rule in a run: its context, its problems so far, and the hooks it is called on. */
class RuleRun {
  readonly problems: FoundProblems;
  readonly context: RuleContext<Options>;
  /** Whether the config's `overrides` set this rule anywhere: when not, its options are the same everywhere. */
  private readonly overridden: boolean;
  /** Its options when no override sets it, read once. */
  private sameEverywhere?: Options;
  private readonly rule: Rule<Options>;
  private readonly checks: Checks<Options>;

  constructor(rule: Rule<never>, plan: Plan, timelines: Timelines, config: ResolvedConfig) {
    this.rule = rule as Rule<Options>;
    this.problems = new FoundProblems(rule.id);
    this.overridden = config.overrides.some((override) => override.rules.has(rule.id));
    this.context = { plan, timelines, options: optionsFor(rule, config, plan.tree), report: (found) => this.problems.add(found, found.segments ?? []) };
    this.checks = this.call(() => this.rule.create(this.context));
  }

  /** Calls a hook; a rule that throws is named in the error (exit 2), the run does not go on. */
  call<T>(hook: () => T): T {
    try {
      return hook();
    } catch (error) {
      throw new RuleCrash(this.rule.id, error);
    }
  }

  /** Every template, then every journey, for the rules that look at them. */
  checkItems(): void {
    const { checks, context } = this;
    if (checks.onTemplate) for (const template of context.plan.templates.values()) this.call(() => checks.onTemplate!(template));
    if (checks.onJourney) for (const journey of context.plan.journeys.values()) this.call(() => checks.onJourney!(journey));
  }

  checkTimeline(unit: Unit): void {
    const { checks } = this;
    if (unit.inBoth) {
      // Only the rules whose problems an overlap alone can make; nothing is split: the unit stands for the customers in both.
      if (checks.onTimeline && checks.readsOverlaps) this.call(() => checks.onTimeline!(new RuleTimeline(this, unit, unit.segments)));
      return;
    }
    if (!checks.onTimeline && !checks.onSend) return;
    for (const timeline of this.timelinesOf(unit)) {
      if (checks.onTimeline) this.call(() => checks.onTimeline!(timeline));
      if (checks.onSend) this.checkSends(timeline);
    }
  }

  /** The unit's segments split by the rule's options (an override may name one segment of a group, or a campaign) and `splitBy`. */
  private timelinesOf(unit: Unit): Array<CheckedTimeline<Options>> {
    const splitBy = this.checks.splitBy;
    // One segment is one part: most groups of a large plan are a segment alone.
    if (unit.segments.length === 1 || (!splitBy && !this.overridden)) return [new RuleTimeline(this, unit, unit.segments)];
    const { plan } = this.context;
    const campaigns = this.overridden ? campaignsOf(unit) : [];
    const keyOf = (segment: string): string =>
      JSON.stringify([splitBy ? this.call(() => splitBy(plan.segments.get(segment)!)) : '', campaigns.map((campaign) => this.context.options(segment, campaign))]);
    return partsBy(unit.segments, keyOf).map((segments) => new RuleTimeline(this, unit, segments));
  }

  /** The rule's options when no override sets it (the same for every segment and campaign, read once); else undefined. */
  optionsEverywhere(): Options | undefined {
    return this.overridden ? undefined : (this.sameEverywhere ??= this.context.options());
  }

  private checkSends(timeline: CheckedTimeline<Options>): void {
    const faults: Array<{ entry: TimelineEntry; fault: SendFault }> = [];
    const { checks } = this;
    // One guarded call for the whole timeline, not one per send: a closure each was millions of them on a large plan.
    this.call(() => {
      for (const entry of timeline.entries) {
        const fault = checks.onSend!(entry, timeline);
        if (fault) faults.push({ entry, fault });
      }
    });
    for (const found of sendFaultsFound(faults, this.context.plan.templates, timeline.segments)) {
      if (found instanceof CausedFault) reportAtPlace(timeline, found);
      else timeline.report(found);
    }
  }
}

/**
 * A timeline as one rule checks it. Made for every rule on every timeline (10,000 timelines and 24 rules are 240,000 of
 * them): one object whose methods are the rule run's, not closures of its own; its options' cache only when asked for.
 */
class RuleTimeline implements CheckedTimeline<Options> {
  readonly segment;
  readonly entries;
  readonly run?: CheckedTimeline<Options>['run'];
  readonly inBoth?: CheckedTimeline<Options>['inBoth'];
  private cache?: Map<string | undefined, Options>;

  constructor(
    private readonly ruleRun: RuleRun,
    unit: Unit,
    readonly segments: string[],
  ) {
    this.segment = ruleRun.context.plan.segments.get(segments[0]!)!;
    this.entries = unit.entries;
    if (unit.run) this.run = unit.run;
    if (unit.inBoth) this.inBoth = unit.inBoth;
  }

  options(campaign?: string): Options {
    const everywhere = this.ruleRun.optionsEverywhere();
    if (everywhere) return everywhere;
    const cache = (this.cache ??= new Map());
    return cache.get(campaign) ?? cache.set(campaign, this.ruleRun.context.options(this.segments[0], campaign)).get(campaign)!;
  }

  report(found: Found): Found {
    return this.ruleRun.problems.add(found, found.segments ?? this.segments);
  }
}

/**
 * The rules stage. The engine walks the plan once for every enabled rule: each template, each journey, then each
 * timeline to check (built once, checked by every rule before the next is built), and collects what the rules find.
 * The problems are made as the caller reads them: a caller that makes each a finding keeps no list of them.
 */
export function runRules(plan: Plan, timelines: Timelines, config: ResolvedConfig): Iterable<Problem> {
  const runs = CHECKS.filter((rule) => enabled(rule, config)).map((rule) => new RuleRun(rule, plan, timelines, config));
  for (const run of runs) run.checkItems();
  for (const unit of timelinesToCheck(timelines)) {
    for (const run of runs) run.checkTimeline(unit);
  }
  return (function* () {
    for (const run of runs) yield* run.problems.drain();
  })();
}
