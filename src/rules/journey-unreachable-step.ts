import { locationOf, stepName } from '../model/types.js';
import { reachable } from './kit/journey-graph.js';
import type { Rule } from './rule.js';

/**
 * A step no path from the first step reaches (breadth first over each step's `next` and each branch option's `next`):
 * what it sends is never sent, what it sets is never set. Usually a typo in a `next`, or a branch option that jumps over
 * the step. One finding per step, at the step.
 */
export const journeyUnreachableStep: Rule = {
  id: 'journey-unreachable-step',
  category: 'journey',
  defaultSeverity: 'warning',
  description: 'A journey step no path reaches.',
  fixable: false,
  create({ report }) {
    return {
      onJourney(journey) {
        const seen = reachable(journey);
        for (const step of journey.steps) {
          if (seen[step.index]) continue;
          report({
            message: `${stepName(step)} of journey ${journey.id} is never reached: no step or branch option leads to it`,
            location: locationOf(step.source),
            ids: [step.key],
            campaign: journey.campaign,
          });
        }
      },
    };
  },
};
