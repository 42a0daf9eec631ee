import type { BranchOption, Journey, Plan, Step } from '../model/types.js';
import { edgesOf, millisOf } from '../model/journey-graph.js';
import { locationOf } from '../model/types.js';
import type { RelatedLocation } from '../findings/finding.js';
import type { SendEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import { segmentsText, sendKey } from './kit/sends.js';
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

/** Where a route after a send fails to answer a reply: a `replied` option that leads to no send in time, or a step where the route ends without meeting one. */
type Shortfall = { option: BranchOption } | { end: Step };

/**
 * The first place (breadth first) where a route after a send step fails to answer a reply: what the finding points to.
 * Only routes through steps that are not handled are followed, so a `replied` branch met there falls short itself (one
 * that leads to a send in time is handled), and a route that leaves the journey, exits or ends there names the step
 * where it does. Asked for sends that are not handled, once per step; each search is linear in the journey.
 */
function firstShortfall(journey: Journey, handled: boolean[], sender: Step): Shortfall | undefined {
  const seen = new Set<number>();
  const queue: Array<{ at: number | 'end' | undefined; before: Step }> = [{ at: sender.next, before: sender }];
  // A moving head rather than shift(): shift copies the queue, which makes a long journey quadratic.
  for (let head = 0; head < queue.length; head += 1) {
    const { at, before } = queue[head]!;
    const step = typeof at === 'number' ? journey.steps[at] : undefined;
    if (!step) return { end: before };
    if (seen.has(at as number) || handled[at as number]) continue;
    seen.add(at as number);
    const option = repliedOption(step);
    if (option) return { option };
    const routes = routesFrom(step);
    if (routes.length === 0) return { end: step };
    for (const next of routes) queue.push({ at: next, before: step });
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

/** What fails to answer a send: the segments no reply reaches in time, and where a route after it in its journey falls short. */
interface Unanswered {
  segments: string[];
  shortfall?: Shortfall;
}

/**
 * Whether anything answers a reply to a send within a budget: a branch on `replied` after it in its journey (on every
 * route) that leads to a send in time, or for each segment a journey entered on `replied` at it or above it that does.
 * Everything depends on the journey, the budget or the segment alone: computed once, however many sends ask.
 */
function replyHandling(plan: Plan): (send: SendEntry, budget: number, segments: readonly string[]) => Unanswered | undefined {
  const replyJourneys = [...plan.journeys.values()].filter((journey) => journey.entry.event === REPLIED && journey.entry.date === undefined);
  const delaysOf = memo(delaysToSend);
  const handledOf = memo((journey: Journey) => memo((budget: number) => handledSteps(journey, delaysOf(journey), budget)));
  // Per step, not per send: a step asks on every timeline of every segment group its journey is placed for.
  const shortfallOf = memo((journey: Journey) => memo((budget: number) => memo((step: Step) => firstShortfall(journey, handledOf(journey)(budget), step))));
  const answeredOf = memo((budget: number) =>
    plan.tree.anyContains(
      replyJourneys
        .filter((journey) => sendsWithin(delaysOf(journey), 0, budget - Math.max(0, millisOf(journey.entry.offset) ?? 0)))
        .map((journey) => journey.entry.segment),
    ),
  );
  return (send, budget, segments) => {
    const origin = send.origin;
    if (origin.kind === 'journey' && typeof origin.step.next === 'number' && handledOf(origin.run.journey)(budget)[origin.step.next]) return undefined;
    const answered = answeredOf(budget);
    const unanswered = segments.filter((segment) => !answered(segment));
    if (unanswered.length === 0) return undefined;
    return { segments: unanswered, shortfall: origin.kind === 'journey' ? shortfallOf(origin.run.journey)(budget)(origin.step) : undefined };
  };
}

/** The finding about a send nothing answers in time. */
function unansweredText(plan: Plan, send: SendEntry, within: string, segments: readonly string[]): string {
  const template = plan.templates.get(send.template);
  const details = [template?.intent, send.channel].filter(Boolean).join(', ');
  const inJourney = send.origin.kind === 'journey' ? 'a route after it meets no branch on replied that leads to a send, and ' : '';
  return `${send.template}${details ? ` (${details})` : ''} asks the customer to reply, but nothing answers within ${within}: ${inJourney}no journey entered on replied answers ${segmentsText(segments)} in time`;
}

/** Where a route falls short, as the finding's related place. */
function shortfallPlace(shortfall: Shortfall, within: string): RelatedLocation {
  const { file, line, column } = locationOf('option' in shortfall ? shortfall.option.source : shortfall.end.source);
  return { file, line, column, message: 'option' in shortfall ? `the replied branch leads to no send within ${within}` : 'a route ends here without a branch on replied' };
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
  create({ plan }) {
    if (![...plan.templates.values()].some((template) => template.expectsReply)) return {};
    const unanswered = replyHandling(plan);
    return {
      onTimeline(timeline) {
        const seen = new Set<string>();
        for (const { send } of timeline.entries) {
          if (plan.templates.get(send.template)?.expectsReply !== true) continue;
          const key = sendKey(send);
          // Entries come in time order: a row's or step's first send on this timeline stands for the later ones.
          if (seen.has(key)) continue;
          seen.add(key);
          const { within } = timeline.options(send.campaign);
          const found = unanswered(send, millisOf(within)!, timeline.segments);
          if (!found) continue;
          timeline.report({
            key: `${key}\u0000${within}`,
            send,
            message: (segments) => unansweredText(plan, send, within, segments),
            segments: found.segments,
            related: found.shortfall ? [shortfallPlace(found.shortfall, within)] : [],
            ids: [send.template, key],
          });
        }
      },
    };
  },
};
