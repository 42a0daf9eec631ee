import type { Journey, Plan } from '../model/types.js';
import { edgesOf } from '../model/journey-graph.js';
import { locationOf, stepName } from '../model/types.js';
import { segmentsText } from './kit/sends.js';
import type { Rule } from './rule.js';

/** The segments that can enter a journey: its entry segment and every segment below it (SPEC 5), sorted. */
function entrants(plan: Plan, journey: Journey): string[] {
  return plan.tree.subtree(journey.entry.segment).sort();
}

/**
 * Where customers can get stuck in a journey, read from its steps:
 * - a branch with no `otherwise` option: a customer for whom no option holds stays at the branch for ever;
 * - a `wait: {until: {event}}` on an event that never happens to anyone who can enter: the event is not the journey's
 *   entry event, and neither the entry segment nor any segment below it has a date for it (own or inherited). Branches
 *   do not count: a branch assumes the event only on its own path, and a customer who never does it (never replies,
 *   never clicks) would wait for ever.
 * A `next` that names no step is an `unknown-reference` error at that very `next` (always on, with a did-you-mean),
 * and the journey is not built: no journey rule reports its consequences.
 */
export const journeyDeadEnd: Rule = {
  id: 'journey-dead-end',
  category: 'journey',
  defaultSeverity: 'error',
  description: 'Customers can get stuck in a journey.',
  fixable: false,
  create({ plan, report }) {
    return {
      onJourney(journey) {
        let segments: string[] | undefined;
        for (const step of journey.steps) {
          const action = step.action;
          if (action.kind === 'branch' && !edgesOf(step).some((edge) => edge.kind === 'otherwise')) {
            report({
              message: `the branch at ${stepName(step)} of journey ${journey.id} has no otherwise: customers for whom none of its options holds are stuck there`,
              location: locationOf(step.source),
              ids: [step.key, 'no-otherwise'],
              campaign: journey.campaign,
            });
          }
          if (action.kind === 'wait' && action.until) {
            const event = action.until.event;
            if (event === journey.entry.event) continue;
            segments ??= entrants(plan, journey);
            if (segments.length === 0 || segments.some((id) => plan.segments.get(id)!.events.has(event))) continue;
            report({
              message: `${stepName(step)} of journey ${journey.id} waits until ${event}, but ${segmentsText(segments)} ${segments.length === 1 ? 'has' : 'have'} no date for it and it is not the entry event: customers wait there for ever`,
              location: locationOf(step.source),
              segments,
              ids: [step.key, 'never', event],
              campaign: journey.campaign,
            });
          }
        }
      },
    };
  },
};
