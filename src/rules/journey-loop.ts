import type { Journey } from '../model/types.js';
import { locationOf } from '../model/types.js';
import { cyclesOf, leadsOut, stepGraph, stepsText } from './kit/journey-graph.js';
import type { Found, Rule } from './rule.js';

const NO_WAIT = 'with no wait: customers would go round it again and again at once';
const NO_WAY_OUT = 'with no way out: no exit, no end and no step outside the loop, so customers who enter it never leave';

/** A finding at the first step of a cycle, naming its steps: `kind` tells apart the defects a cycle can have. */
function loop(journey: Journey, members: number[], kind: string, why: string): Found {
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
 * One loop is one finding (SPEC 5): a cycle with no way out names the cycles with no wait inside it (a cycle with no
 * wait lies inside one cycle of the whole graph), and one that is both says both. A journey too complex to enumerate
 * is journey-complexity's.
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
        const graph = stepGraph(journey);
        const trapped = new Map<number, number[]>();
        for (const members of cyclesOf(graph)) if (!leadsOut(journey, graph, members)) trapped.set(graph.of[members[0]!]!, members);
        const timeless = new Map<number, number[][]>();
        for (const members of cyclesOf(stepGraph(journey, true))) {
          const component = graph.of[members[0]!]!;
          if (trapped.has(component)) (timeless.get(component) ?? timeless.set(component, []).get(component)!).push(members);
          else report(loop(journey, members, 'no-wait', NO_WAIT));
        }
        for (const [component, members] of trapped) {
          const inside = timeless.get(component) ?? [];
          if (inside.length === 1 && inside[0]!.length === members.length) {
            report(loop(journey, members, 'no-wait-no-way-out', 'with no wait and no way out: customers would go round it again and again at once, and never leave'));
            continue;
          }
          const loops = inside.map((cycle) => `; inside it, ${stepsText(cycle.map((index) => journey.steps[index]!))} ${cycle.length > 1 ? 'loop' : 'loops'} ${NO_WAIT}`);
          report(loop(journey, members, inside.length ? 'no-way-out-no-wait' : 'no-way-out', `${NO_WAY_OUT}${loops.join('')}`));
        }
      },
    };
  },
};
