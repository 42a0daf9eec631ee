import { DateTime } from 'luxon';
import type { BranchOption, Journey, Plan, Step } from '../model/types.js';
import { locationOf } from '../model/types.js';
import { parseDuration } from '../time/durations.js';
import type { SendEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import { ProblemsBySegment, byOptions, durationSchema, relativeSegments, segmentsText, sendKey, sendLocation } from './support.js';

export type UnansweredReplyOptions = {
  /** How soon after the reply an answer must be sent. */
  within: string;
};

const DEFAULTS: UnansweredReplyOptions = { within: 'P2D' };
const REPLIED = 'replied';
/** Durations are measured from a fixed instant in UTC, so P1D is 24 hours here. */
const ANCHOR = DateTime.fromISO('2000-01-01T00:00:00Z', { zone: 'UTC' });

const millisOf = (text: string | undefined): number | undefined => {
  const duration = text === undefined ? undefined : parseDuration(text);
  return duration ? ANCHOR.plus(duration).toMillis() - ANCHOR.toMillis() : undefined;
};

/**
 * Whether some route from a step reaches a send step at most `budget` milliseconds later: waits add their duration, a
 * branch's event options are taken at once (SPEC 4.5) and its `otherwise` after the longest `within`; a wait until an
 * event cannot be timed here, so a route through one does not count. Shortest delays first, so loops end.
 */
function reachesSend(journey: Journey, from: number | 'end' | undefined, budget: number): boolean {
  const best = new Map<number, number>();
  const queue: Array<[number | 'end' | undefined, number]> = [[from, 0]];
  while (queue.length > 0) {
    const [index, elapsed] = queue.pop()!;
    if (typeof index !== 'number' || elapsed > budget) continue;
    const step = journey.steps[index];
    if (!step || (best.get(index) ?? Infinity) <= elapsed) continue;
    best.set(index, elapsed);
    const action = step.action;
    switch (action.kind) {
      case 'send':
        return true;
      case 'exit':
        break;
      case 'set':
        queue.push([step.next, elapsed]);
        break;
      case 'wait': {
        const wait = action.until ? undefined : millisOf(action.duration);
        if (wait !== undefined) queue.push([step.next, elapsed + Math.max(0, wait)]);
        break;
      }
      case 'branch': {
        const longest = Math.max(0, ...action.options.map((option) => (option.event !== undefined ? (millisOf(option.within) ?? 0) : 0)));
        for (const option of action.options) queue.push([option.next, elapsed + (option.otherwise ? longest : 0)]);
        break;
      }
    }
  }
  return false;
}

/** The `replied` option of a branch step, if it has one. */
const repliedOption = (step: Step | undefined): BranchOption | undefined =>
  step?.action.kind === 'branch' ? step.action.options.find((option) => option.event === REPLIED) : undefined;

/**
 * Reply handling inside one journey: for each step, whether every route from it meets a branch on `replied` whose `replied`
 * option leads to a send within the budget. A least fixpoint: a route that ends, exits or loops for ever without such a
 * branch is unhandled.
 */
function handledSteps(journey: Journey, budget: number): boolean[] {
  const steps = journey.steps;
  const handles = steps.map((step) => {
    const option = repliedOption(step);
    return option !== undefined && reachesSend(journey, option.next, budget);
  });
  const handled = steps.map(() => false);
  const value = (next: number | 'end' | undefined): boolean => typeof next === 'number' && (handled[next] ?? false);
  for (let changed = true, rounds = 0; changed && rounds <= steps.length; rounds += 1) {
    changed = false;
    steps.forEach((step, index) => {
      if (handled[index]) return;
      const action = step.action;
      const now =
        handles[index] ||
        (action.kind === 'branch' ? action.options.length > 0 && action.options.every((option) => value(option.next)) : action.kind !== 'exit' && value(step.next));
      if (now) handled[index] = changed = true;
    });
  }
  return handled;
}

/** The first branch on `replied` a route from a step meets: what the finding points to as the reply handling that fails. */
function firstRepliedBranch(journey: Journey, from: number | 'end' | undefined): BranchOption | undefined {
  const seen = new Set<number>();
  const queue: Array<number | 'end' | undefined> = [from];
  while (queue.length > 0) {
    const index = queue.shift();
    if (typeof index !== 'number' || seen.has(index)) continue;
    seen.add(index);
    const step = journey.steps[index];
    if (!step) continue;
    const option = repliedOption(step);
    if (option) return option;
    if (step.action.kind === 'branch') queue.push(...step.action.options.map((o) => o.next));
    else if (step.action.kind !== 'exit') queue.push(step.next);
  }
  return undefined;
}

/** The segments at or above a segment. */
function lineage(plan: Plan, segment: string): Set<string> {
  const ids = new Set<string>();
  for (let current: string | undefined = segment; current !== undefined && !ids.has(current); current = plan.segments.get(current)?.parent) ids.add(current);
  return ids;
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
  defaultOptions: { ...DEFAULTS },
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
      if (asks.length) for (const send of asks) add(send, relativeSegments(timelines, run));
    }

    // Journeys entered on `replied` answer every segment at or below their entry segment, if they send in time.
    const replyJourneys = [...plan.journeys.values()].filter((journey) => journey.entry.event === REPLIED && journey.entry.date === undefined);
    const handledByJourney = new Map<string, boolean[]>();
    const budgetOf = (within: string): number => millisOf(within) ?? millisOf(DEFAULTS.within)!;

    const problems = new ProblemsBySegment();
    for (const { send, segments } of reached.values()) {
      const origin = send.origin;
      for (const part of byOptions(context, [...segments].sort(), [send.campaign])) {
        const within = { ...DEFAULTS, ...part.options(send.campaign) }.within;
        const budget = budgetOf(within);
        let related: BranchOption | undefined;
        if (origin.kind === 'journey') {
          const journey = origin.run.journey;
          const key = `${journey.id}\u0000${budget}`;
          const handled = handledByJourney.get(key) ?? handledByJourney.set(key, handledSteps(journey, budget)).get(key)!;
          if (origin.step.next !== undefined && typeof origin.step.next === 'number' && handled[origin.step.next]) continue;
          related = firstRepliedBranch(journey, origin.step.next);
        }
        const answering = replyJourneys.filter((journey) => reachesSend(journey, 0, budget - Math.max(0, millisOf(journey.entry.offset) ?? 0)));
        const unanswered = part.segments.filter((segment) => {
          const above = lineage(plan, segment);
          return !answering.some((journey) => above.has(journey.entry.segment));
        });
        if (unanswered.length === 0) continue;
        const template = plan.templates.get(send.template);
        const details = [template?.intent, send.channel].filter(Boolean).join(', ');
        const inJourney = origin.kind === 'journey' ? 'no branch on replied after it leads to a send, and ' : '';
        const relatedLocation = related ? locationOf(related.source) : undefined;
        const at = origin.kind === 'journey' && origin.run.relative ? undefined : send.time.toISO() ?? undefined;
        problems.add(`${sendKey(send)}\u0000${within}`, unanswered, (all) => ({
          message: `${send.template}${details ? ` (${details})` : ''} asks the customer to reply, but nothing answers within ${within}: ${inJourney}no journey entered on replied reaches ${segmentsText(all)}`,
          location: sendLocation(send),
          ...(at ? { at } : {}),
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
