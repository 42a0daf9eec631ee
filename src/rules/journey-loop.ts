import type { Journey, Step } from '../model/types.js';
import { locationOf } from '../model/types.js';
import type { JourneyRun } from '../timeline/types.js';
import type { Components } from './journey-graph.js';
import { components, edgesOf, isCycle, stepsText, successors } from './journey-graph.js';
import type { Rule, RuleContext } from './rule.js';

export interface JourneyLoopOptions {
  /** More paths than this from the first step through the journey's branches is a complexity warning. */
  maxPaths: number;
}

const label = (step: Step): string => step.id ?? String(step.index);

/**
 * How many paths the timeline enumerates from the first step to the end, counted on the graph of strongly connected
 * components and capped at `cap`: a branch's options on events each start paths of their own, its other options (on a
 * state, or otherwise) add the most of any of them, as a path takes only the first that holds; a cycle counts as the
 * ways out of it, not as its turns (its turns are the timeline's to unroll, and `truncated` tells when they were too
 * many). Tarjan lists components sinks first, so one pass in that order sees every successor's count before it is
 * needed: linear in the journey's size, however many branches it has.
 */
function countPaths(journey: Journey, graph: Components, cap: number): number {
  const routes = new Array<number>(graph.list.length).fill(0);
  graph.list.forEach((members, component) => {
    let total = 0;
    for (const member of members) {
      let decided = 0;
      for (const edge of edgesOf(journey.steps[member]!)) {
        const count = edge.to === 'end' ? 1 : graph.of[edge.to] === component ? 0 : routes[graph.of[edge.to]!]!;
        if (journey.steps[member]!.action.kind === 'branch' && !edge.assumed) decided = Math.max(decided, count);
        else total = Math.min(cap, total + count);
      }
      total = Math.min(cap, total + decided);
    }
    // A cycle with no way out is one (endless) path: the timeline follows it until the horizon.
    routes[component] = Math.max(1, total);
  });
  return journey.steps.length === 0 ? 0 : routes[graph.of[0]!]!;
}

/** For each journey some run of which had its path enumeration cut (at `maxPaths` or the work limit): the most paths a cut run saw. */
function truncatedJourneys(context: RuleContext<JourneyLoopOptions>): Map<Journey, number> {
  const cut = new Map<Journey, number>();
  const note = (run: JourneyRun): void => {
    if (run.truncated) cut.set(run.journey, Math.max(cut.get(run.journey) ?? 0, run.paths));
  };
  context.timelines.relativeRuns.forEach(note);
  for (const segment of context.plan.segments.keys()) context.timelines.runsFor(segment).forEach(note);
  return cut;
}

/**
 * Loops that trap customers, found on the step graph: a cycle on which no time passes (no `wait` of a positive duration,
 * no `otherwise` after a positive `within`), and a cycle with no way out (no `exit`, no end and no step outside it).
 * Also warns when a journey is too complex for its paths to be enumerated: more than `maxPaths` ways through its
 * branches, or a timeline that had to stop enumerating it.
 */
export const journeyLoop: Rule<JourneyLoopOptions> = {
  id: 'journey-loop',
  category: 'journey',
  defaultSeverity: 'error',
  description: 'A journey cycle with no wait or no way out, or a journey too complex to enumerate.',
  optionsSchema: {
    type: 'object',
    properties: {
      maxPaths: { type: 'integer', minimum: 1, description: 'More paths than this through a journey is a complexity warning.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { maxPaths: 256 },
  fixable: false,
  check(context) {
    const truncated = truncatedJourneys(context);
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
          ids: [journey.id, 'no-wait', ...members.map((i) => label(steps[i]!))],
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
          ids: [journey.id, 'no-way-out', ...members.map((i) => label(steps[i]!))],
          campaign: journey.campaign,
        });
      });

      const { maxPaths } = context.options(journey.entry.segment, journey.campaign);
      const paths = countPaths(journey, graph, maxPaths + 1);
      const cut = truncated.get(journey);
      if (paths <= maxPaths && cut === undefined) continue;
      const why =
        paths > maxPaths
          ? `more than ${maxPaths} paths lead through its branches`
          : `cxlint stopped after ${cut} of its paths (its loops and branches repeat until the horizon)`;
      context.report({
        message: `journey ${journey.id} is too complex to check fully: ${why}; split it into smaller journeys`,
        location: locationOf(journey.source),
        ids: [journey.id, 'complexity'],
        campaign: journey.campaign,
        severity: 'warning',
      });
    }
  },
};
