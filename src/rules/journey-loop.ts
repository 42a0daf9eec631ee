import { locationOf } from '../model/types.js';
import { edgesOf } from '../model/journey-graph.js';
import { components, isCycle, stepsText, successors } from './kit/journey-graph.js';
import type { Rule } from './rule.js';

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
  check(context) {
    for (const journey of context.plan.journeys.values()) {
      const steps = journey.steps;
      const next = (node: number): number[] => successors(steps[node]!);
      const untimed = (node: number): number[] => successors(steps[node]!, true);
      const graph = components(steps.length, next);

      for (const members of components(steps.length, untimed).list) {
        if (!isCycle(members, untimed)) continue;
        const first = steps[members[0]!]!;
        context.report({
          message: `journey ${journey.id} loops through ${stepsText(members.map((i) => steps[i]!))} with no wait: customers would go round it again and again at once`,
          location: locationOf(first.source),
          ids: [journey.id, 'no-wait', ...members.map((i) => steps[i]!.key)],
          campaign: journey.campaign,
        });
      }

      graph.list.forEach((members, component) => {
        if (!isCycle(members, next)) return;
        const leaves = members.some((i) => edgesOf(steps[i]!).some((edge) => edge.to === 'end' || graph.of[edge.to] !== component));
        if (leaves) return;
        const first = steps[members[0]!]!;
        context.report({
          message: `journey ${journey.id} loops through ${stepsText(members.map((i) => steps[i]!))} with no way out: no exit, no end and no step outside the loop, so customers who enter it never leave`,
          location: locationOf(first.source),
          ids: [journey.id, 'no-way-out', ...members.map((i) => steps[i]!.key)],
          campaign: journey.campaign,
        });
      });
    }
  },
};
