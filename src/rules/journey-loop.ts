import type { Journey } from '../model/types.js';
import { locationOf } from '../model/types.js';
import { cyclesOf, leadsOut, stepGraph, stepsText } from './kit/journey-graph.js';
import type { Found, Rule } from './rule.js';

/** A finding at the first step of a cycle, naming its steps: `kind` tells the two faults of one cycle apart. */
function loop(journey: Journey, members: number[], kind: 'no-wait' | 'no-way-out', why: string): Found {
  const steps = members.map((index) => journey.steps[index]!);
  return {
    message: `journey ${journey.id} loops through ${stepsText(steps)} ${why}`,
    location: locationOf(steps[0]!.source),
    ids: [journey.id, kind, ...steps.map((step) => step.key)],
    campaign: journey.campaign,
  };
}

/**
 * Loops that trap customers, found on the step graph: a cycle on which no time passes (no `wait` of a positive duration,
 * no `otherwise` after a positive `within`), and a cycle with no way out (no `exit`, no end and no step outside it).
 * A journey too complex to enumerate is journey-complexity's.
 */
export const journeyLoop: Rule = {
  id: 'journey-loop',
  category: 'journey',
  defaultSeverity: 'error',
  description: 'A journey cycle with no wait on it, or with no way out.',
  fixable: false,
  create({ report }) {
    return {
      onJourney(journey) {
        for (const members of cyclesOf(stepGraph(journey, true))) {
          report(loop(journey, members, 'no-wait', 'with no wait: customers would go round it again and again at once'));
        }
        const graph = stepGraph(journey);
        for (const members of cyclesOf(graph)) {
          if (leadsOut(journey, graph, members)) continue;
          report(loop(journey, members, 'no-way-out', 'with no way out: no exit, no end and no step outside the loop, so customers who enter it never leave'));
        }
      },
    };
  },
};
