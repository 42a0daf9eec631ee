import type { BranchOption, Journey, Step } from '../model/types.js';
import { edgesOf, millisOf } from '../model/journey-graph.js';
import { locationOf } from '../model/types.js';
import type { SendEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import { ProblemsBySegment } from './kit/reporting.js';
import { segmentsText, sendKey, sendLocation, sendWhen } from './kit/sends.js';
import { byOptions, relativeSegments } from './kit/traversal.js';
import { durationSchema } from './kit/windows.js';

export type UnansweredReplyOptions = {
  /** How soon after the reply an answer must be sent. */
  within: string;
};

const REPLIED = 'replied';
/** A route from one step to the next and the time it takes (ms). */
interface TimedRoute {
  to: number | 'end';
  delay: number;
}

/**
 * The routes from a step on which a send can be timed: the step's edges that have a delay (not a wait until an event),
 * from steps a route goes on from. Routes end at a send (the answer) and at an exit.
 */
function timedRoutes(step: Step): TimedRoute[] {
  if (step.action.kind === 'send' || step.action.kind === 'exit') return [];
  return edgesOf(step).flatMap(({ to, delay }) => (delay === undefined ? [] : [{ to, delay }]));
}

/** The index of an existing step a route leads to, or undefined when it leaves the journey or names no step. */
const stepIndex = (journey: Journey, to: number | 'end'): number | undefined =>
  typeof to === 'number' && journey.steps[to] !== undefined ? to : undefined;

/** A binary min-heap of steps by delay; a step may be in it more than once (stale entries are skipped when popped). */
class DelayHeap {
  private readonly items: Array<{ step: number; delay: number }> = [];

  get size(): number {
    return this.items.length;
  }

  push(step: number, delay: number): void {
    const items = this.items;
    items.push({ step, delay });
    for (let at = items.length - 1; at > 0; ) {
      const parent = (at - 1) >> 1;
      if (items[parent]!.delay <= items[at]!.delay) break;
      [items[parent], items[at]] = [items[at]!, items[parent]!];
      at = parent;
    }
  }

  pop(): { step: number; delay: number } {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length === 0) return top;
    items[0] = last;
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let least = at;
      if (left < items.length && items[left]!.delay < items[least]!.delay) least = left;
      if (right < items.length && items[right]!.delay < items[least]!.delay) least = right;
      if (least === at) break;
      [items[least], items[at]] = [items[at]!, items[least]!];
      at = least;
    }
    return top;
  }
}

/**
 * Each step's shortest delay to a send step (Infinity when no timed route reaches one). One Dijkstra search backwards from
 * every send over reversed routes serves every `replied` branch and the journey's entry at once; a search forwards from
 * each of them would walk the rest of the journey again and again. Routes stop at the first send they meet.
 */
function delaysToSend(journey: Journey): number[] {
  const steps = journey.steps;
  const incoming: Array<Array<{ from: number; delay: number }>> = steps.map(() => []);
  steps.forEach((step, index) => {
    for (const route of timedRoutes(step)) {
      const to = stepIndex(journey, route.to);
      if (to !== undefined) incoming[to]!.push({ from: index, delay: route.delay });
    }
  });
  const delays = steps.map(() => Infinity);
  const heap = new DelayHeap();
  steps.forEach((step, index) => {
    if (step.action.kind === 'send') heap.push(index, (delays[index] = 0));
  });
  while (heap.size > 0) {
    const { step, delay } = heap.pop();
    if (delay > delays[step]!) continue;
    for (const { from, delay: wait } of incoming[step]!) {
      const through = delay + wait;
      if (through < delays[from]!) heap.push(from, (delays[from] = through));
    }
  }
  return delays;
}

/** Whether a send is reached from a step at most `budget` ms later. An endless delay never is, even on an endless budget. */
const sendsWithin = (delays: number[], from: number | 'end' | undefined, budget: number): boolean => {
  const delay = typeof from === 'number' ? delays[from] : undefined;
  return delay !== undefined && Number.isFinite(delay) && delay <= budget;
};

/** The `replied` option of a branch step, if it has one. */
const repliedOption = (step: Step | undefined): BranchOption | undefined =>
  step?.action.kind === 'branch' ? step.action.options.find((option) => option.event === REPLIED) : undefined;

/** Where the routes from a step go, whatever time they take: every option of a branch, nowhere from an exit. */
const routesFrom = (step: Step): Array<number | 'end'> => (step.action.kind === 'exit' ? [] : edgesOf(step).map((edge) => edge.to));

/**
 * Reply handling inside one journey: for each step, whether every route from it meets a branch on `replied` whose `replied`
 * option leads to a send within the budget. A least fixpoint: a route that ends, exits or loops for ever without such a
 * branch is unhandled. Computed by a worklist backwards from the handling branches, each route counted down once, so the
 * work is linear in the journey's size whichever order the steps are written in.
 */
function handledSteps(journey: Journey, delays: number[], budget: number): boolean[] {
  const steps = journey.steps;
  const handled = steps.map(() => false);
  // The routes from each step not yet known to be handled; a route that leaves the journey never is. A branch without
  // options has no route, but is no handling either, so it is only ever handled as a seed (and it cannot be one).
  const open = steps.map((step) => routesFrom(step).length);
  const into: number[][] = steps.map(() => []);
  steps.forEach((step, index) => {
    for (const to of routesFrom(step)) {
      const target = stepIndex(journey, to);
      if (target !== undefined) into[target]!.push(index);
    }
  });
  const work: number[] = [];
  steps.forEach((step, index) => {
    const option = repliedOption(step);
    if (option !== undefined && sendsWithin(delays, option.next, budget)) {
      handled[index] = true;
      work.push(index);
    }
  });
  while (work.length > 0) {
    for (const from of into[work.pop()!]!) {
      open[from] = open[from]! - 1;
      if (open[from] === 0 && !handled[from]) {
        handled[from] = true;
        work.push(from);
      }
    }
  }
  return handled;
}

/**
 * The first branch on `replied` a route from a step meets (breadth first): what the finding points to as the reply
 * handling that fails. Only asked for sends that are not handled, once per step; each search is linear in the journey.
 */
function firstRepliedBranch(journey: Journey, from: number | 'end' | undefined): BranchOption | undefined {
  const seen = new Set<number>();
  const queue: Array<number | 'end' | undefined> = [from];
  // A moving head rather than shift(): shift copies the queue, which makes a long journey quadratic.
  for (let head = 0; head < queue.length; head += 1) {
    const index = queue[head];
    if (typeof index !== 'number' || seen.has(index)) continue;
    seen.add(index);
    const step = journey.steps[index];
    if (!step) continue;
    const option = repliedOption(step);
    if (option) return option;
    for (const next of routesFrom(step)) queue.push(next);
  }
  return undefined;
}

/** A value per key, computed the first time it is asked for. */
function memo<Key, Value>(compute: (key: Key) => Value): (key: Key) => Value {
  const values = new Map<Key, Value>();
  return (key) => {
    if (!values.has(key)) values.set(key, compute(key));
    return values.get(key)!;
  };
}

export const unansweredReply: Rule<UnansweredReplyOptions> = {
  id: 'unanswered-reply',
  category: 'missing',
  defaultSeverity: 'error',
  description: 'A message that asks the customer to reply, with no reply handling.',
  optionsSchema: {
    type: 'object',
    properties: { within: durationSchema('How soon after the reply an answer must be sent (P2D, 48h).') },
    additionalProperties: false,
  },
  defaultOptions: { within: 'P2D' },
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    const asking = (send: SendEntry): boolean => plan.templates.get(send.template)?.expectsReply === true;
    if (![...plan.templates.values()].some((template) => template.expectsReply)) return;

    // Every send source that asks for a reply, with the segments it reaches (overlaps only may reach: not counted).
    const reached = new Map<string, { send: SendEntry; segments: Set<string> }>();
    const add = (send: SendEntry, segments: string[]): void => {
      const key = sendKey(send);
      const entry = reached.get(key) ?? reached.set(key, { send, segments: new Set() }).get(key)!;
      if (send.millis < entry.send.millis) entry.send = send;
      for (const segment of segments) entry.segments.add(segment);
    };
    for (const group of timelines.segmentGroups()) {
      for (const { send, via } of timelines.timeline(group.representative)) if (via !== 'overlap' && asking(send)) add(send, group.segments);
    }
    for (const run of timelines.relativeRuns) {
      const asks = run.sends.filter(asking);
      if (asks.length === 0) continue;
      const segments = relativeSegments(timelines, run);
      for (const send of asks) add(send, segments);
    }

    // Journeys entered on `replied` answer every segment at or below their entry segment, if they send in time.
    const replyJourneys = [...plan.journeys.values()].filter((journey) => journey.entry.event === REPLIED && journey.entry.date === undefined);
    const budgetOf = (within: string): number => millisOf(within)!;
    // Everything below depends on the journey, the budget or the segment alone: computed once, however many sends ask.
    const delaysOf = memo(delaysToSend);
    const handledOf = memo((journey: Journey) => memo((budget: number) => handledSteps(journey, delaysOf(journey), budget)));
    const relatedOf = memo((journey: Journey) => memo((from: number | 'end' | undefined) => firstRepliedBranch(journey, from)));
    // A segment is answered when a reply journey that sends in time is entered at it or above it.
    const answeredOf = memo((budget: number) =>
      plan.tree.anyContains(
        replyJourneys
          .filter((journey) => sendsWithin(delaysOf(journey), 0, budget - Math.max(0, millisOf(journey.entry.offset) ?? 0)))
          .map((journey) => journey.entry.segment),
      ),
    );

    const problems = new ProblemsBySegment();
    for (const { send, segments } of reached.values()) {
      const origin = send.origin;
      for (const part of byOptions(context, [...segments].sort(), [send.campaign])) {
        const within = part.options(send.campaign).within;
        const budget = budgetOf(within);
        let related: BranchOption | undefined;
        if (origin.kind === 'journey') {
          const journey = origin.run.journey;
          const handled = handledOf(journey)(budget);
          if (typeof origin.step.next === 'number' && handled[origin.step.next]) continue;
          related = relatedOf(journey)(origin.step.next);
        }
        const answered = answeredOf(budget);
        const unanswered = part.segments.filter((segment) => !answered(segment));
        if (unanswered.length === 0) continue;
        const template = plan.templates.get(send.template);
        const details = [template?.intent, send.channel].filter(Boolean).join(', ');
        const inJourney = origin.kind === 'journey' ? 'no branch on replied after it leads to a send, and ' : '';
        const relatedLocation = related ? locationOf(related.source) : undefined;
        problems.add(`${sendKey(send)}\u0000${within}`, unanswered, (all) => ({
          message: `${send.template}${details ? ` (${details})` : ''} asks the customer to reply, but nothing answers within ${within}: ${inJourney}no journey entered on replied reaches ${segmentsText(all)}`,
          location: sendLocation(send),
          ...sendWhen(send),
          related: relatedLocation
            ? [{ file: relatedLocation.file, line: relatedLocation.line, column: relatedLocation.column, message: `the replied branch leads to no send within ${within}` }]
            : [],
          ids: [send.template, sendKey(send)],
          ...(send.campaign !== undefined ? { campaign: send.campaign } : {}),
        }));
      }
    }
    problems.reportTo(context);
  },
};
