import type { Duration } from 'luxon';
import type { Plan } from '../model/types.js';
import { parseDuration } from '../time/durations.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import type { CheckedTimeline, Rule } from './rule.js';
import { canMeet, describeGap, describeSend, inOrder, isMarketing, ownProblem, toSide, whenKey, whoText } from './kit/sends.js';
import { durationSchema, isWithin } from './kit/windows.js';

export interface OwnerCollisionOptions {
  /** Sends of two different owners less than this apart collide; exactly this apart is fine. */
  minGap: string;
  /** Count messages of intents with `marketing: false` (billing, service) too. */
  includeNonMarketing: boolean;
}

/**
 * owner-collision: two different owners (teams, agencies) message one segment less than `minGap` apart. A sweep in time
 * order keeps each owner's sends so far; each send is paired with the latest send of every other owner within the gap
 * (that one customer can get with it). One finding per colliding pair; sends without an owner are ignored, and so are
 * messages of intents with `marketing: false` unless `includeNonMarketing` (SPEC 6: a billing statement is no pressure
 * of one voice against another).
 */
export const ownerCollision: Rule<OwnerCollisionOptions> = {
  id: 'owner-collision',
  category: 'repeated',
  defaultSeverity: 'warning',
  description: 'Two different owners (teams or agencies) message one segment within a short gap.',
  optionsSchema: {
    type: 'object',
    properties: {
      minGap: durationSchema('The least time between messages of two different owners to one segment (default PT24H); exactly this apart is fine.'),
      includeNonMarketing: { type: 'boolean', description: 'Count intents with `marketing: false` (billing, service) too (default false).' },
    },
    additionalProperties: false,
  },
  defaultOptions: { minGap: 'PT24H', includeNonMarketing: false },
  fixable: false,
  create({ plan }) {
    const gaps = new Map<string, Duration>();
    const gapOf = (text: string): Duration => gaps.get(text) ?? gaps.set(text, parseDuration(text)!).get(text)!;
    return { readsOverlaps: true, onTimeline: (timeline) => collisions(timeline, plan, gapOf) };
  },
};

/** The latest of one owner's sends (in time order) that comes less than `gap` before `entry` and can meet it. */
function latestWithin(list: readonly TimelineEntry[], entry: TimelineEntry, gap: Duration): TimelineEntry | undefined {
  for (let index = list.length - 1; index >= 0; index -= 1) {
    const other = list[index]!;
    if (!isWithin(other.send, entry.send, gap)) return undefined;
    if (canMeet(other.send, entry.send)) return other;
  }
  return undefined;
}

/** How the later send stands to the earlier one, in the message. */
const gapText = (first: SendEntry, second: SendEntry): string => (second.millis === first.millis ? 'at the same time as' : `${describeGap(first, second)} after`);

/** Reports each send against the latest send of every other owner within the gap before it. */
function collisions(timeline: CheckedTimeline<OwnerCollisionOptions>, plan: Plan, gapOf: (text: string) => Duration): void {
  const templates = plan.templates;
  // Each owner's sends so far, in time order; a list of them too, walked for every send (a Map's entries are made as
  // it is walked: three arrays per send on a million sends).
  const byOwner = new Map<string, TimelineEntry[]>();
  const owners: Array<{ owner: string; list: TimelineEntry[] }> = [];
  for (const entry of timeline.entries) {
    const owner = entry.send.owner;
    if (!owner) continue;
    const { minGap, includeNonMarketing } = timeline.options(entry.send.campaign);
    if (!includeNonMarketing && !isMarketing(plan, entry.send)) continue;
    const gap = gapOf(minGap);
    for (const { owner: otherOwner, list } of owners) {
      if (otherOwner === owner) continue;
      const other = latestWithin(list, entry, gap);
      // For the customers in both of two overlapping segments, only a collision the overlap makes: one send to each.
      if (!other || !ownProblem(timeline, other.send, entry.send)) continue;
      // At the same instant, the send read later is the finding's location.
      const [first, second] = inOrder(other.send, entry.send);
      timeline.report({
        key: [second.deliveryId, whenKey(second), first.deliveryId, whenKey(first), minGap].join('\u0000'),
        send: second,
        message: (segments) =>
          `${describeSend(second, templates)}${toSide(timeline, second)} by ${second.owner} reaches ${whoText(timeline, segments)} ${gapText(first, second)} ${describeSend(first, templates)}${toSide(timeline, first)} by ${first.owner} (owners need ${minGap} between messages)`,
        related: [{ send: first, message: `the message by ${first.owner}: ${describeSend(first, templates)}` }],
        ids: [first.owner!, second.owner!, first.template, second.template, first.deliveryId, second.deliveryId],
      });
    }
    const list = byOwner.get(owner);
    if (list) list.push(entry);
    else {
      byOwner.set(owner, [entry]);
      owners.push({ owner, list: byOwner.get(owner)! });
    }
  }
}
