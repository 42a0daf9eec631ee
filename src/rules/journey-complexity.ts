import type { Journey, Plan } from '../model/types.js';
import { locationOf } from '../model/types.js';
import { edgesOf } from '../model/journey-graph.js';
import type { Timelines } from '../timeline/build.js';
import type { JourneyRun } from '../timeline/types.js';
import type { Components } from './kit/journey-graph.js';
import { stepGraph } from './kit/journey-graph.js';
import type { Rule } from './rule.js';

export interface JourneyComplexityOptions {
  /** More paths than this from the first step through the journey's branches is reported; the timeline enumerates at most this many. */
  maxPaths: number;
}

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
        if (edge.kind === 'state' || edge.kind === 'otherwise') decided = Math.max(decided, count);
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
function truncatedJourneys(plan: Plan, timelines: Timelines): Map<Journey, number> {
  const cut = new Map<Journey, number>();
  const note = (run: JourneyRun): void => {
    if (run.truncated) cut.set(run.journey, Math.max(cut.get(run.journey) ?? 0, run.paths));
  };
  timelines.relativeRuns.forEach(note);
  for (const segment of plan.segments.keys()) timelines.runsFor(segment).forEach(note);
  return cut;
}

/**
 * A journey too complex for its paths to be enumerated: more than `maxPaths` ways through its branches, or a timeline
 * that had to stop enumerating it. Its own rule, apart from journey-loop, so that each has the severity a user sets.
 */
export const journeyComplexity: Rule<JourneyComplexityOptions> = {
  id: 'journey-complexity',
  category: 'journey',
  defaultSeverity: 'warning',
  description: 'A journey with too many paths for cxlint (or a reviewer) to follow every one.',
  optionsSchema: {
    type: 'object',
    properties: {
      maxPaths: { type: 'integer', minimum: 1, description: 'More paths than this through a journey is reported; the timeline enumerates at most this many per journey run.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { maxPaths: 256 },
  fixable: false,
  create({ plan, timelines, options, report }) {
    const truncated = truncatedJourneys(plan, timelines);
    return {
      onJourney(journey) {
        const { maxPaths } = options(journey.entry.segment, journey.campaign);
        const paths = countPaths(journey, stepGraph(journey), maxPaths + 1);
        const cut = truncated.get(journey);
        if (paths <= maxPaths && cut === undefined) return;
        const why =
          paths > maxPaths
            ? `more than ${maxPaths} paths lead through its branches`
            : `cxlint stopped after ${cut} of its paths (its loops and branches repeat until the horizon)`;
        report({
          message: `journey ${journey.id} is too complex to check fully: ${why}; split it into smaller journeys`,
          location: locationOf(journey.source),
          ids: [journey.id, 'complexity'],
          campaign: journey.campaign,
        });
      },
    };
  },
};
