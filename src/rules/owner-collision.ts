import type { Duration } from 'luxon';
import { parseDuration } from '../time/durations.js';
import type { TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import { ProblemsBySegment } from './kit/reporting.js';
import { deliveryId, describeGap, describeSend, inOrder, relatedTo, segmentsText, sendLocation, sendWhen, throughOverlap } from './kit/sends.js';
import { byOptions, canMeet, timelinesToCheck } from './kit/traversal.js';
import { durationSchema, isWithin } from './kit/windows.js';

export interface OwnerCollisionOptions {
  /** Sends of two different owners less than this apart collide; exactly this apart is fine. */
  minGap: string;
}


/**
 * owner-collision: two different owners (teams, agencies) message one segment less than `minGap` apart. A sweep in time
 * order keeps each owner's sends so far; each send is paired with the latest send of every other owner within the gap
 * (that one customer can get with it). One finding per colliding pair; sends without an owner are ignored.
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
    },
    additionalProperties: false,
  },
  defaultOptions: { minGap: 'PT24H' },
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    const problems = new ProblemsBySegment();
    const gaps = new Map<string, Duration>();
    const gapOf = (text: string): Duration => gaps.get(text) ?? gaps.set(text, parseDuration(text)!).get(text)!;

    for (const unit of timelinesToCheck(timelines)) {
      const owned = unit.entries.filter((entry) => entry.send.owner !== undefined && entry.send.owner !== '');
      if (owned.length < 2) continue;
      const campaigns = new Set(owned.map((entry) => entry.send.campaign));
      for (const part of byOptions(context, unit.segments, campaigns)) {
        // Each owner's sends so far, in time order.
        const byOwner = new Map<string, TimelineEntry[]>();
        for (const entry of owned) {
          const send = entry.send;
          const options = part.options(send.campaign);
          const gap = gapOf(options.minGap);
          for (const [owner, list] of byOwner) {
            if (owner === send.owner) continue;
            for (let index = list.length - 1; index >= 0; index -= 1) {
              const other = list[index]!;
              if (!isWithin(other.send, send, gap)) break;
              if (!canMeet(other.send, send)) continue;
              const [first, second] = inOrder(other.send, send);
              const [firstEntry, secondEntry] = first === send ? [entry, other] : [other, entry];
              const overlap = throughOverlap(firstEntry, secondEntry);
              const key = [deliveryId(second), second.millis, deliveryId(first), first.millis, options.minGap, overlap].join('\u0000');
              problems.add(key, part.segments, (segments) => {
                const gapText = second.millis === first.millis ? 'at the same time as' : `${describeGap(first, second)} after`;
                return {
                  message: `${describeSend(second, plan.templates)} by ${second.owner} reaches ${segmentsText(segments)} ${gapText} ${describeSend(first, plan.templates)} by ${first.owner} (owners need ${options.minGap} between messages)${overlap}`,
                  location: sendLocation(second),
                  ...sendWhen(second),
                  related: [relatedTo(first, `the message by ${first.owner}: ${describeSend(first, plan.templates)}`)],
                  ids: [first.owner!, second.owner!, first.template, second.template, deliveryId(first), deliveryId(second)],
                  campaign: second.campaign,
                };
              });
              break;
            }
          }
          const list = byOwner.get(send.owner!);
          if (list) list.push(entry);
          else byOwner.set(send.owner!, [entry]);
        }
      }
    }
    problems.reportTo(context);
  },
};
