import type { ResolvedConfig } from '../config/resolve.js';
import type { Problem } from '../findings/finding.js';
import type { Plan } from '../model/types.js';
import { Suggestions } from '../shared/did-you-mean.js';

/** The campaigns of a plan: those its templates, calendar sends and journeys name. */
function campaignsOf(plan: Plan): Set<string> {
  const campaigns = new Set<string>();
  for (const { campaign } of [...plan.templates.values(), ...plan.sends, ...plan.journeys.values()]) if (campaign !== undefined) campaigns.add(campaign);
  return campaigns;
}

/**
 * An override naming a segment or campaign the plan does not have applies nowhere: most likely a typo
 * (`segments: [parris]`), which would otherwise pass without a word. Each such name is a warning (not the error an
 * unknown reference in the plan is: the plan itself is sound, and a shared config may name segments of other plans),
 * at the name in the config file, with a did-you-mean. Known only once the plan is built, so the engine checks it.
 */
export function configReferenceProblems(config: ResolvedConfig, plan: Plan): Problem[] {
  const problems: Problem[] = [];
  const suggestions = new Suggestions();
  const campaigns = campaignsOf(plan);
  const lists = [
    { list: 'segments', kind: 'segment', known: plan.segments, lacks: 'the plan has no such segment' },
    { list: 'campaigns', kind: 'campaign', known: campaigns, lacks: 'no template, calendar send or journey has it' },
  ] as const;
  for (const override of config.overrides) {
    for (const { list, kind, known, lacks } of lists) {
      (override[list] ?? []).forEach((name, index) => {
        if (known.has(name)) return;
        const hint = suggestions.suggest(name, known);
        const message = `unknown ${kind} "${name}" in overrides: ${lacks}${hint ? `; did you mean "${hint}"?` : ''}`;
        problems.push({ rule: 'unknown-reference', severity: 'warning', message, location: override.locationOf(list, index), ids: ['override', kind, name] });
      });
    }
  }
  return problems;
}
